package dev.cloudflare4j.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link RetryTimer}: {@link Thread#sleep} for synchronous calls, and one daemon scheduler
 * thread, started on first use, for asynchronous ones (it only starts the next attempt; the attempt
 * itself runs on OkHttp's dispatcher).
 */
public final class DefaultRetryTimer implements RetryTimer, AutoCloseable {

  private ScheduledExecutorService scheduler;

  @Override
  public void sleep(Duration delay) throws InterruptedException {
    Thread.sleep(delay.toMillis());
  }

  // The task reports its own failures (it completes the call's future); the ScheduledFuture
  // adds nothing to watch.
  @SuppressWarnings("FutureReturnValueIgnored")
  @Override
  public void schedule(Runnable task, Duration delay) {
    scheduler().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private synchronized ScheduledExecutorService scheduler() {
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

  /** Stops the scheduler thread, if it was started. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
