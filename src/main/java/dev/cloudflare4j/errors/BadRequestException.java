package dev.cloudflare4j.errors;

import dev.cloudflare4j.internal.Failures.Refusal;

/** Cloudflare answered 400 Bad Request: the request was malformed. */
public class BadRequestException extends CloudflareServiceException {

  private static final long serialVersionUID = 1L;

  BadRequestException(String message, Refusal refusal) {
    super(message, refusal);
  }
}
