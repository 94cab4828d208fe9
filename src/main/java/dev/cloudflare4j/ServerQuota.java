package dev.cloudflare4j;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import okhttp3.Headers;

/**
 * Paces a client's requests by what Cloudflare's answers say of the user's rate limit ({@link
 * RateLimitHeaders}): the requests that remain in the window are spread until it resets, less a
 * reserve that is never spent, so that the client never spends the last requests of a window
 * however many the user's other clients spend meanwhile (Cloudflare blocks every call of a user for
 * five minutes once the limit is exceeded). Each reading replaces the last; the requests this
 * client let through since the request it answers are counted as spent. A 429's wait holds every
 * request of the client.
 *
 * <p>Before the first answer nothing is known: one request goes, the others wait for its answer
 * (asking again every {@link #FIRST_ANSWER_POLL}), so that a batch started at once does not reach
 * the server before the client has read its quota. Answers without these headers turn pacing off
 * until one carries them: a server that sends none is not paced.
 *
 * <p>A caller that must wait is told how long before asking again, as with {@link Pacer}: the
 * estimate puts the callers already waiting ahead of it.
 */
final class ServerQuota {

  /** How often a request waiting for the first answer asks again. */
  static final Duration FIRST_ANSWER_POLL = Duration.ofMillis(20);

  private static final long UNKNOWN = Long.MAX_VALUE;
  // With a quota but no reset (older headers): at most one request per second once it is spent.
  private static final long NO_RESET_SPACING = Duration.ofSeconds(1).toNanos();

  private final LongSupplier ticker;
  private final Clock clock;

  private boolean answered;
  private long probe;
  private boolean limited;
  private long remaining;
  private long readSeq;
  private long sent;
  private long resetAt = UNKNOWN;
  private long quota;
  private long windowNanos;
  private long lastGrantAt = Long.MIN_VALUE;
  private long blockedUntil = Long.MIN_VALUE;
  private int waiting;

  /**
   * Creates the pacing of one client.
   *
   * @param ticker nanoseconds from an arbitrary origin, as {@link System#nanoTime()}
   * @param clock the clock that dates in headers are compared with
   */
  ServerQuota(LongSupplier ticker, Clock clock) {
    this.ticker = ticker;
    this.clock = clock;
  }

  /**
   * A pass to send one request, or the wait before asking again.
   *
   * @param seq the request's number, given back to {@link #answered} or {@link #ended}; 0 when none
   *     was granted
   * @param delay how long to wait before asking again; zero when granted
   */
  record Pass(long seq, Duration delay) {

    boolean granted() {
      return seq > 0;
    }
  }

  /**
   * Grants a request if it may go now; else says how long to wait.
   *
   * @param again whether the caller was told to wait before (it leaves the queue of waiters)
   */
  synchronized Pass take(boolean again) {
    if (again) {
      waiting--;
    }
    long now = ticker.getAsLong();
    rollWindow(now);
    long at = earliest(now);
    // Unpaced (the server reports no quota, nothing blocks): every caller goes, queue or not.
    boolean unpaced = answered && !limited && blockedUntil <= now;
    if (at <= now && (again || waiting == 0 || unpaced)) {
      sent++;
      lastGrantAt = now;
      if (!answered && probe == 0) {
        probe = sent;
      }
      return new Pass(sent, Duration.ZERO);
    }
    int ahead = again ? 0 : waiting;
    waiting++;
    long wait = Math.max(at, now) - now + ahead * spacing(now);
    return new Pass(0, Duration.ofNanos(Math.max(1, wait)));
  }

  /** A caller told to wait gives up (closed, cancelled, interrupted): it leaves the queue. */
  synchronized void leave() {
    waiting--;
  }

  /** The request with this number was answered: reads what the answer says of the quota. */
  synchronized void answered(long seq, Headers headers) {
    answered = true;
    probe = 0;
    RateLimitHeaders.Reading reading = RateLimitHeaders.read(headers, clock);
    if (reading == null) {
      // No headers: not paced, or (a proxy's answer, say) nothing new: keep what is known.
      return;
    }
    long now = ticker.getAsLong();
    boolean newWindow = !limited || resetAt == UNKNOWN || reading.remaining() > remaining;
    if (!newWindow && seq < readSeq) {
      return; // older than the reading held
    }
    limited = true;
    long reset = reading.reset() == null ? UNKNOWN : now + reading.reset().toNanos();
    // Whole seconds, rounded up: each reading bounds the reset from above; keep the tightest.
    resetAt = newWindow ? reset : Math.min(resetAt, reset);
    remaining = reading.remaining();
    readSeq = seq;
    if (reading.quota() > 0) {
      quota = reading.quota();
    }
    if (reading.window() != null) {
      windowNanos = reading.window().toNanos();
    }
  }

  /** The request with this number ended without an answer (failed, cancelled, never sent). */
  synchronized void ended(long seq) {
    if (seq == probe) {
      probe = 0;
    }
  }

  /** The server asked every request to wait (a 429): none goes before the wait is over. */
  synchronized void block(Duration wait) {
    long nanos = RateLimitHeaders.atMostADay(wait).toNanos();
    blockedUntil = Math.max(blockedUntil, ticker.getAsLong() + nanos);
  }

  /** Once the window has reset, its quota is back (as far as known) until a reading says more. */
  private void rollWindow(long now) {
    if (!limited || resetAt == UNKNOWN || now < resetAt) {
      return;
    }
    remaining = quota > 0 ? quota : Math.max(remaining, reserve() + 1);
    readSeq = sent;
    resetAt = windowNanos > 0 ? now + windowNanos : UNKNOWN;
    lastGrantAt = Long.MIN_VALUE;
  }

  /**
   * Requests of a window never spent: 2% of the quota, at least one; none of a quota of one (the
   * client would never send).
   */
  private long reserve() {
    return quota == 1 ? 0 : Math.max(1, quota / 50);
  }

  private long available() {
    return remaining - (sent - readSeq) - reserve();
  }

  /** When the next request may go. */
  private long earliest(long now) {
    if (blockedUntil > now) {
      return blockedUntil;
    }
    if (!answered) {
      return probe == 0 ? now : now + FIRST_ANSWER_POLL.toNanos();
    }
    if (!limited) {
      return now;
    }
    long available = available();
    if (available <= 0) {
      return resetAt != UNKNOWN ? resetAt : lastGrantAt + NO_RESET_SPACING;
    }
    if (resetAt == UNKNOWN) {
      return now;
    }
    // The available requests spread evenly between the last one and the reset (the next window's
    // first request goes at the reset).
    return lastGrantAt == Long.MIN_VALUE
        ? now
        : lastGrantAt + Math.max(0, resetAt - lastGrantAt) / (available + 1);
  }

  /** The spacing between requests now, to place callers waiting behind others. */
  private long spacing(long now) {
    if (!answered) {
      return FIRST_ANSWER_POLL.toNanos();
    }
    if (!limited) {
      return 0; // a 429's wait, with no quota known: all may go when it ends
    }
    long available = available();
    if (resetAt != UNKNOWN && available > 0) {
      return Math.max(0, resetAt - now) / (available + 1);
    }
    return quota > 0 && windowNanos > 0 ? windowNanos / quota : NO_RESET_SPACING;
  }
}
