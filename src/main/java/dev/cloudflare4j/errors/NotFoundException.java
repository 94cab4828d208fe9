package dev.cloudflare4j.errors;

import dev.cloudflare4j.internal.Failures.Refusal;

/** Cloudflare answered 404 Not Found: the object does not exist (or was already deleted). */
public class NotFoundException extends CloudflareServiceException {

  private static final long serialVersionUID = 1L;

  NotFoundException(String message, Refusal refusal) {
    super(message, refusal);
  }
}
