package dev.cloudflare4j.errors;

import java.io.IOException;

/** The request did not complete: the connection failed, timed out or was cut. */
public class CloudflareIoException extends CloudflareException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception for the given network failure. */
  public CloudflareIoException(String message, IOException cause, int attempts) {
    super(message, cause, attempts);
  }
}
