package dev.cloudflare4j.errors;

import dev.cloudflare4j.internal.Failures.Refusal;
import java.time.Duration;
import java.util.Optional;

/**
 * Cloudflare answered 429 Too Many Requests: the call was rate limited, and retries ran out or the
 * server asked for a longer wait than the client will sleep.
 */
public class RateLimitException extends CloudflareServiceException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  RateLimitException(String message, Refusal refusal) {
    super(message, refusal);
    this.retryAfter = refusal.retryAfter();
  }

  /**
   * How long the server asked to wait before trying again, if it said: the longest of {@code
   * retry-after-ms}, {@code Retry-After}, the body's {@code retry_after}, {@code X-RateLimit-Reset}
   * and, when no request remains, the {@code Ratelimit} header's reset.
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
