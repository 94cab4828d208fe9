package dev.cloudflare4j.errors;

import dev.cloudflare4j.internal.Failures.Refusal;

/** Cloudflare answered 409 Conflict: the object's state does not allow the call. */
public class ConflictException extends CloudflareServiceException {

  private static final long serialVersionUID = 1L;

  ConflictException(String message, Refusal refusal) {
    super(message, refusal);
  }
}
