package dev.cloudflare4j.errors;

import java.io.IOException;

/**
 * The request did not complete: the connection failed, timed out or was cut. There was no answer,
 * so {@link #rayId()} is null.
 */
public class CloudflareIoException extends CloudflareException {

  private static final long serialVersionUID = 1L;

  CloudflareIoException(String message, IOException cause, int attempts, boolean outcomeUnknown) {
    super(message, cause, attempts, null, outcomeUnknown);
  }
}
