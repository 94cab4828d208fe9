package dev.cloudflare4j;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A clock that moves only when a blocking wait sleeps on it, or when a scheduled task runs (at
 * once, with the clock moved on to its time): the client's timer and ticker in tests of waits.
 */
final class FakeTime implements RetryTimer, LongSupplier {
  final AtomicLong now = new AtomicLong();
  final RecordingRetryTimer recorder = new RecordingRetryTimer();
  final List<Duration> waits = recorder.delays();

  @Override
  public void sleep(Duration delay) {
    recorder.sleep(delay);
    now.addAndGet(delay.toNanos());
  }

  @Override
  public void schedule(Runnable task, Duration delay) {
    long due = now.get() + delay.toNanos();
    recorder.schedule(
        () -> {
          now.accumulateAndGet(due, Math::max);
          task.run();
        },
        delay);
  }

  @Override
  public long getAsLong() {
    return now.get();
  }
}
