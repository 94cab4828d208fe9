package dev.cloudflare4j;

import java.time.Duration;
import java.util.Objects;

/**
 * A wait the client is about to make before sending a request, as told to the listener given to
 * {@link CloudflareClient.Builder#onWait}: why, how long, and for which request. A long run can
 * then say what it waits for (the command line's progress line does) instead of seeming to hang.
 *
 * @param reason why the client waits
 * @param delay how long it waits before it tries again; a wait for the quota may be followed by
 *     another if the quota is still spent when it ends
 * @param request the request that waits: its method and path, as in the client's log (ids, never a
 *     credential: credentials travel in headers)
 * @param attempt the attempt that goes after the wait (1 for the first)
 */
public record Wait(Reason reason, Duration delay, String request, int attempt) {

  /** Why the client waits. */
  public enum Reason {
    /**
     * Cloudflare's rate limit: its {@code Ratelimit} headers say that the user's remaining quota
     * must last until the window resets, or a 429 blocked every request of the user (see {@link
     * CloudflareClient.Builder#paceByServerHeaders}).
     */
    SERVER_QUOTA("Cloudflare's rate limit"),
    /**
     * A request was refused 429 (Cloudflare's rate limit) and is retried after the wait the answer
     * asked for, or the client's backoff where it asked for none.
     */
    RATE_LIMITED("Cloudflare's rate limit (a 429)"),
    /** The client's own budget ({@link CloudflareClient.Builder#rateLimit}). */
    CLIENT_BUDGET("the client's rate limit"),
    /**
     * A failed attempt (other than a 429) is retried after the wait the server asked for: a 503's
     * {@code Retry-After}, for instance.
     */
    RETRY_ASKED("the wait the server asked for"),
    /**
     * A failed attempt (other than a 429) is retried after the client's backoff: the server asked
     * for no wait, or there was no answer.
     */
    RETRY_BACKOFF("a retry's backoff");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** What the client waits for, in words: "Cloudflare's rate limit", for instance. */
    public String description() {
      return description;
    }
  }

  /**
   * A wait.
   *
   * @throws NullPointerException if a value is null
   */
  public Wait {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(request, "request");
  }
}
