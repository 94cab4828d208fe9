package dev.cloudflare4j.errors;

import dev.cloudflare4j.internal.Failures.Refusal;

/** Cloudflare answered 401 Unauthorized: the credential is missing, wrong or expired. */
public class UnauthorizedException extends CloudflareServiceException {

  private static final long serialVersionUID = 1L;

  UnauthorizedException(String message, Refusal refusal) {
    super(message, refusal);
  }
}
