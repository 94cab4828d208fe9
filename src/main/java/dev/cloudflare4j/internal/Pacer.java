package dev.cloudflare4j.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A client-wide request budget: at most {@code requests} requests start in any {@code window}, so
 * that none is refused for the rate (Cloudflare allows 1,200 requests per 5 minutes per user, all
 * clients together). Every attempt of every call, blocking or not, takes its turn here: a sliding
 * log of the last {@code requests} starts gives each new one the earliest time that keeps the
 * budget. Starts are handed out in order, so a caller never waits longer than the budget demands.
 */
public final class Pacer {

  private final long windowNanos;
  private final long[] starts;
  private final LongSupplier ticker;
  private int next;
  private int used;

  /**
   * Creates a budget.
   *
   * @param requests how many requests may start in any window (at least 1)
   * @param window the window (positive)
   * @param ticker nanoseconds from an arbitrary origin, as {@link System#nanoTime()}
   */
  public Pacer(int requests, Duration window, LongSupplier ticker) {
    this.windowNanos = window.toNanos();
    this.starts = new long[requests];
    this.ticker = ticker;
  }

  /** Reserves the next start: how long the caller must wait before sending (zero: now). */
  public synchronized Duration reserve() {
    long now = ticker.getAsLong();
    long at = now;
    if (used == starts.length) {
      // The start `requests` ago: the new one may come a window after it, and not before.
      at = Math.max(now, starts[next] + windowNanos);
    } else {
      used++;
    }
    starts[next] = at;
    next = (next + 1) % starts.length;
    return Duration.ofNanos(at - now);
  }
}
