package dev.cloudflare4j;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A client-wide request budget: at most {@code requests} requests in any {@code window}, so that
 * none is refused for the rate (Cloudflare allows 1,200 requests per 5 minutes per user, all
 * clients together). Every attempt of every call, blocking or not, takes one of {@code requests}
 * slots before it is sent and gives it back when its answer (or failure) has come; the slot is free
 * again a window after that. The server counts a request when it arrives, which is after it was
 * sent and before its answer came back: counting from the answer, the budget never lets more than
 * {@code requests} arrive in one window, however long a request waited in the HTTP client's queue
 * or for a connection before it left.
 *
 * <p>A caller that finds no free slot is told how long to wait before asking again; the estimate
 * puts the callers already waiting ahead of it, so that a crowd of waiters does not wake at once.
 */
final class Pacer {

  private final long windowNanos;
  // Per slot: when its last attempt started or ended (the later), and whether it is still out.
  private final long[] stamps;
  private final boolean[] out;
  private final LongSupplier ticker;
  private int next;
  private int used;
  private int waiting;

  /**
   * Creates a budget.
   *
   * @param requests how many requests the budget holds (at least 1)
   * @param window the window (positive)
   * @param ticker nanoseconds from an arbitrary origin, as {@link System#nanoTime()}
   */
  public Pacer(int requests, Duration window, LongSupplier ticker) {
    this.windowNanos = window.toNanos();
    this.stamps = new long[requests];
    this.out = new boolean[requests];
    this.ticker = ticker;
  }

  /**
   * A slot, or the wait before asking again.
   *
   * @param slot the slot taken (give it back with {@link #giveBack}), or -1 when none was
   * @param delay how long to wait before asking again; zero when a slot was taken
   */
  public record Turn(int slot, Duration delay) {

    /** Whether a slot was taken: the attempt may be sent now. */
    public boolean granted() {
      return slot >= 0;
    }
  }

  /**
   * Takes the next slot if it is free now; else says how long to wait before asking again.
   *
   * @param again whether the caller was told to wait before (it leaves the queue of waiters)
   */
  public synchronized Turn take(boolean again) {
    if (again) {
      waiting--;
    }
    long now = ticker.getAsLong();
    if (used < stamps.length) {
      int slot = used++;
      return grant(slot, now);
    }
    // A newcomer does not pass the waiters; a waiter asking again takes a slot that is free.
    if ((again || waiting == 0) && !out[next] && stamps[next] + windowNanos <= now) {
      return grant(next, now);
    }
    // Behind the waiters already told to wait: the slot as many places on, as many rounds later.
    // A waiter that asked again is next in line.
    int ahead = again ? 0 : waiting;
    waiting++;
    int slot = (next + ahead) % stamps.length;
    long rounds = ahead / stamps.length;
    long free = out[slot] ? now + windowNanos : stamps[slot] + windowNanos;
    long at = Math.max(now, free) + rounds * windowNanos;
    return new Turn(-1, Duration.ofNanos(Math.max(1, at - now)));
  }

  private Turn grant(int slot, long now) {
    stamps[slot] = now;
    out[slot] = true;
    next = (slot + 1) % stamps.length;
    return new Turn(slot, Duration.ZERO);
  }

  /** A caller told to wait gives up (closed, cancelled, interrupted): it leaves the queue. */
  public synchronized void leave() {
    waiting--;
  }

  /** Gives a slot back when its attempt is over (answered, failed or never sent). */
  public synchronized void giveBack(int slot) {
    stamps[slot] = Math.max(stamps[slot], ticker.getAsLong());
    out[slot] = false;
  }
}
