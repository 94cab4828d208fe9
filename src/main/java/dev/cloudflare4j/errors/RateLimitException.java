package dev.cloudflare4j.errors;

import dev.cloudflare4j.model.ResponseInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Cloudflare answered 429 Too Many Requests: the call was rate limited, and retries ran out or the
 * server asked for a longer wait than the client will sleep.
 */
public class RateLimitException extends CloudflareServiceException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Creates the exception; see {@link CloudflareServiceException}.
   *
   * @param retryAfter how long the server asked to wait ({@code retry-after-ms} or {@code
   *     Retry-After}), or null when it did not say
   */
  public RateLimitException(
      String message,
      int statusCode,
      Headers headers,
      List<ResponseInfo> errors,
      List<ResponseInfo> messages,
      Throwable cause,
      int attempts,
      Duration retryAfter) {
    super(message, statusCode, headers, errors, messages, cause, attempts);
    this.retryAfter = retryAfter;
  }

  /** How long the server asked to wait before trying again, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
