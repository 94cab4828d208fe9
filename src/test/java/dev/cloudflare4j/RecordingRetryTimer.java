package dev.cloudflare4j;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RetryTimer} that records the waits it is asked for and does not wait. */
final class RecordingRetryTimer implements RetryTimer {

  private final List<Duration> delays = new CopyOnWriteArrayList<>();

  /** The waits asked for so far, in order. */
  List<Duration> delays() {
    return delays;
  }

  @Override
  public void sleep(Duration delay) {
    delays.add(delay);
  }

  @Override
  public void schedule(Runnable task, Duration delay) {
    delays.add(delay);
    // Runs at once, on a thread of its own, as a scheduler would.
    Thread thread = new Thread(task, "test-retry");
    thread.setDaemon(true);
    thread.start();
  }
}
