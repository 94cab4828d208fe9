package dev.cloudflare4j;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleSupplier;
import okhttp3.Headers;

/**
 * When to retry and how long to wait. Retried: connection failures and timeouts, and the statuses
 * 408, 409, 429 and 5xx; the server's {@code x-should-retry: true|false} overrides the status rule.
 * A request whose effect a repeat would double (POST, PATCH: Create Token mints a token each time)
 * is retried only when it provably did not take effect: the connection was refused or the host not
 * found (nothing was sent), or Cloudflare answered 429 (or {@code x-should-retry: true}). After a
 * failure that may have reached Cloudflare (a timeout, a cut connection, a 5xx) its outcome is
 * unknown. The wait is the server's {@code retry-after-ms}, else its {@code Retry-After} (seconds
 * or an HTTP date), else 0.5 s × 2^(attempt-1), at most 8 s, times a jitter between 0.75 and 1.0.
 */
final class RetryPolicy {

  /** How long a client waits for what the server asks, unless told otherwise: 60 s. */
  public static final Duration DEFAULT_MAX_SERVER_WAIT = Duration.ofSeconds(60);

  // A year: longer stated waits are read as a year (no overflow).
  private static final double MAX_STATED_MS = 365 * 24 * 3600 * 1000.0;

  private static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

  private final Clock clock;
  private final DoubleSupplier random;

  /**
   * Creates a policy.
   *
   * @param clock the clock that {@code Retry-After} dates are compared with
   * @param random numbers in [0, 1) for the jitter
   */
  public RetryPolicy(Clock clock, DoubleSupplier random) {
    this.clock = clock;
    this.random = random;
  }

  /** Whether a request of this method takes effect again if sent again: POST and PATCH. */
  public static boolean repeatsEffect(String method) {
    return method.equals("POST") || method.equals("PATCH");
  }

  /** Whether the failure shows that nothing of the request reached the server. */
  private static boolean nothingSent(IOException error) {
    return error instanceof ConnectException || error instanceof UnknownHostException;
  }

  /**
   * Whether an answer with this status and headers may be retried, for a request of a method: the
   * server's {@code x-should-retry} first, then 429 for every method and 408, 409 and 5xx for the
   * methods that can be repeated.
   */
  public boolean isRetryable(String method, int status, Headers headers) {
    String override = headers.get("x-should-retry");
    if ("true".equalsIgnoreCase(override)) {
      return true;
    }
    if ("false".equalsIgnoreCase(override)) {
      return false;
    }
    return status == 429
        || (!repeatsEffect(method)
            && (status == 408 || status == 409 || (status >= 500 && status < 600)));
  }

  /** Whether a failure with no answer may be retried, for a request of a method. */
  public boolean isRetryable(String method, IOException error) {
    return !repeatsEffect(method) || nothingSent(error);
  }

  /** Whether a request of this method, answered with this status, may have taken effect. */
  public boolean isOutcomeUnknown(String method, int status) {
    return repeatsEffect(method) && status >= 500;
  }

  /** Whether a request of this method, failed with no answer, may have taken effect. */
  public boolean isOutcomeUnknown(String method, IOException error) {
    return repeatsEffect(method) && !nothingSent(error);
  }

  /** The wait the server asked for, or null when it asked for none (or nothing readable). */
  public Duration serverDelay(Headers headers) {
    String millis = headers.get("retry-after-ms");
    if (millis != null) {
      try {
        double value = Double.parseDouble(millis.trim());
        if (value >= 0 && Double.isFinite(value)) {
          return Duration.ofNanos((long) (value * 1_000_000));
        }
      } catch (NumberFormatException e) {
        // Unreadable: fall back to Retry-After.
      }
    }
    String retryAfter = headers.get("Retry-After");
    if (retryAfter == null) {
      return null;
    }
    String value = retryAfter.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      // Not seconds: an HTTP date.
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delay = Duration.between(clock.instant(), at);
      return delay.isNegative() ? Duration.ZERO : delay;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * How long a 429 asks to wait: the longest of what it says anywhere ({@code retry-after-ms},
   * {@code Retry-After}, the body's {@code retry_after}, {@code X-RateLimit-Reset}, and the {@code
   * Ratelimit} header's reset when no request remains), since a 429 may say {@code retry-after: 0}
   * and give the real wait in its body; null when it says nothing.
   *
   * @param bodySeconds the body's {@code retry_after}, or null
   */
  public Duration rateLimitWait(Headers headers, Double bodySeconds) {
    Duration wait = serverDelay(headers);
    if (bodySeconds != null) {
      wait = longest(wait, Duration.ofMillis((long) Math.min(bodySeconds * 1000, MAX_STATED_MS)));
    }
    String remaining = headers.get("X-RateLimit-Remaining");
    if (remaining == null || remaining.trim().equals("0")) {
      // The older reset is the window's: a wait only when nothing remains of it.
      wait = longest(wait, RateLimitHeaders.resetOf(headers.get("X-RateLimit-Reset"), clock));
    }
    RateLimitHeaders.Reading reading = RateLimitHeaders.read(headers, clock);
    if (reading != null && reading.remaining() == 0) {
      wait = longest(wait, reading.reset());
    }
    return wait;
  }

  private static Duration longest(Duration a, Duration b) {
    return a == null ? b : b == null || a.compareTo(b) >= 0 ? a : b;
  }

  /** The backoff before the attempt after {@code attempt} (1-based), with jitter. */
  public Duration backoff(int attempt) {
    int doublings = Math.min(attempt - 1, 10);
    Duration base =
        Collections.min(List.of(INITIAL_BACKOFF.multipliedBy(1L << doublings), MAX_BACKOFF));
    double jitter = 0.75 + 0.25 * random.getAsDouble();
    return Duration.ofNanos((long) (base.toNanos() * jitter));
  }
}
