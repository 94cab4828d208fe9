package dev.cloudflare4j.errors;

import dev.cloudflare4j.internal.Failures.Refusal;

/** Cloudflare answered 403 Forbidden: the credential lacks a permission the call needs. */
public class PermissionDeniedException extends CloudflareServiceException {

  private static final long serialVersionUID = 1L;

  PermissionDeniedException(String message, Refusal refusal) {
    super(message, refusal);
  }
}
