package dev.cloudflare4j;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link RetryTimer}: a wait that {@link #close()} cuts short for synchronous calls, and
 * one daemon scheduler thread, started on first use, for asynchronous ones (it only starts the next
 * attempt; the attempt itself runs on OkHttp's dispatcher).
 */
final class DefaultRetryTimer implements RetryTimer, AutoCloseable {

  private ScheduledExecutorService scheduler;
  private final CountDownLatch closed = new CountDownLatch(1);

  /** Waits for the given time, or until the timer is closed, whichever comes first. */
  @Override
  public void sleep(Duration delay) throws InterruptedException {
    // Ends early when the timer is closed; the caller then sees that its client is closed.
    var unused = closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  // The task reports its own failures (it completes the call's future); the ScheduledFuture
  // adds nothing to watch.
  @SuppressWarnings("FutureReturnValueIgnored")
  @Override
  public void schedule(Runnable task, Duration delay) {
    scheduler().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private synchronized ScheduledExecutorService scheduler() {
    if (closed.getCount() == 0) {
      throw new RejectedExecutionException("the retry timer is closed");
    }
    if (scheduler == null) {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread thread = new Thread(task, "cloudflare4j-retry");
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true);
      scheduler = executor;
    }
    return scheduler;
  }

  /** Wakes every sleeper and stops the scheduler thread, if it was started. */
  @Override
  public synchronized void close() {
    closed.countDown();
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
