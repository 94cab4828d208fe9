package dev.cloudflare4j.errors;

/** The root of every exception cloudflare4j throws for a failed call; unchecked. */
public class CloudflareException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with the given message and cause (which may be null). */
  public CloudflareException(String message, Throwable cause) {
    super(message, cause);
  }
}
