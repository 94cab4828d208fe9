package dev.cloudflare4j.errors;

import dev.cloudflare4j.internal.Failures;
import okhttp3.Headers;

/**
 * The root of every exception cloudflare4j throws for a failed call; unchecked. The client builds
 * them (there are no public constructors): catch them, read them, do not make them.
 */
public class CloudflareException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static {
    // The client builds exceptions through this package's Factory, given to it here.
    Failures.register(new Factory());
  }

  private final int attempts;
  private final transient Headers headers;
  private final boolean outcomeUnknown;

  /**
   * Creates an exception.
   *
   * @param message the message, which must hold no header value, body or secret
   * @param cause the cause, or null
   * @param attempts how many attempts the call made before failing (at least 1)
   * @param headers the headers of the answer the call failed on, or null when there was none
   * @param outcomeUnknown whether the call may have taken effect although it failed
   */
  CloudflareException(
      String message, Throwable cause, int attempts, Headers headers, boolean outcomeUnknown) {
    super(message, cause);
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1 (was " + attempts + ")");
    }
    this.attempts = attempts;
    this.headers = headers;
    this.outcomeUnknown = outcomeUnknown;
  }

  /**
   * How many attempts the call made, retries included. A retried DELETE can fail with 404 because
   * an earlier attempt succeeded and its answer was lost: then this is more than 1.
   */
  public int attempts() {
    return attempts;
  }

  /**
   * Whether the call may have taken effect although it failed: a POST or PATCH (Create Token, ...)
   * whose request may have reached Cloudflare before the failure (a timeout, a cut connection, a
   * 5xx). Such a call is not retried, as a repeat could take effect twice (a second token); check
   * what happened (list the account's tokens) before calling again. False for every call that
   * provably did not take effect, and for methods that can be repeated safely.
   */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  /**
   * The {@code cf-ray} id of the answer the call failed on, for Cloudflare support; null when the
   * answer had none, or there was no answer (a network failure).
   */
  public String rayId() {
    return headers == null ? null : headers.get("cf-ray");
  }

  /** The headers of the answer the call failed on; null when there was no answer. */
  Headers answerHeaders() {
    return headers;
  }
}
