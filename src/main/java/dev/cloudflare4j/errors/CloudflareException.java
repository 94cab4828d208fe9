package dev.cloudflare4j.errors;

/** The root of every exception cloudflare4j throws for a failed call; unchecked. */
public class CloudflareException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int attempts;

  /**
   * Creates an exception.
   *
   * @param message the message, which must hold no header value, body or secret
   * @param cause the cause, or null
   * @param attempts how many attempts the call made before failing (at least 1)
   */
  public CloudflareException(String message, Throwable cause, int attempts) {
    super(message, cause);
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1 (was " + attempts + ")");
    }
    this.attempts = attempts;
  }

  /**
   * How many attempts the call made, retries included. A retried DELETE can fail with 404 because
   * an earlier attempt succeeded and its answer was lost: then this is more than 1.
   */
  public int attempts() {
    return attempts;
  }
}
