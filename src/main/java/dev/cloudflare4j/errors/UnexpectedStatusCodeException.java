package dev.cloudflare4j.errors;

import dev.cloudflare4j.internal.Failures.Refusal;

/** Cloudflare answered with a failing status that no other exception names. */
public class UnexpectedStatusCodeException extends CloudflareServiceException {

  private static final long serialVersionUID = 1L;

  UnexpectedStatusCodeException(String message, Refusal refusal) {
    super(message, refusal);
  }
}
