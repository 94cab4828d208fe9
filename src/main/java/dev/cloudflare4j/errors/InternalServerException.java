package dev.cloudflare4j.errors;

import dev.cloudflare4j.internal.Failures.Refusal;

/** Cloudflare answered with a 5xx status: a failure on Cloudflare's side. */
public class InternalServerException extends CloudflareServiceException {

  private static final long serialVersionUID = 1L;

  InternalServerException(String message, Refusal refusal) {
    super(message, refusal);
  }
}
