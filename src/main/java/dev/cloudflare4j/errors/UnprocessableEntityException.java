package dev.cloudflare4j.errors;

import dev.cloudflare4j.internal.Failures.Refusal;

/** Cloudflare answered 422 Unprocessable Entity: the request was understood but refused. */
public class UnprocessableEntityException extends CloudflareServiceException {

  private static final long serialVersionUID = 1L;

  UnprocessableEntityException(String message, Refusal refusal) {
    super(message, refusal);
  }
}
