package dev.cloudflare4j;

import java.time.Duration;

/**
 * Waits between attempts: blocking for synchronous calls, by scheduling for asynchronous ones.
 * Tests replace it so that they never sleep for real.
 */
interface RetryTimer {

  /** Blocks the calling thread for the given time. */
  void sleep(Duration delay) throws InterruptedException;

  /** Runs the task after the given time, without blocking the calling thread. */
  void schedule(Runnable task, Duration delay);
}
