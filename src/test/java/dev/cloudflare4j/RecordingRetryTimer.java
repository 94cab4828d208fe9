package dev.cloudflare4j;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link RetryTimer} that records the waits it is asked for and does not wait. Past {@value
 * #MOST} waits it fails the call (an {@link AssertionError}, which the client does not catch as it
 * would a failure): a wait loop that never ends, which a fake clock turns into a spin, fails fast
 * instead of running until the test's timeout.
 */
final class RecordingRetryTimer implements RetryTimer {

  /** More waits than any test asks for. */
  static final int MOST = 10_000;

  private final List<Duration> delays = new CopyOnWriteArrayList<>();

  private void record(Duration delay) {
    if (delays.size() >= MOST) {
      throw new AssertionError("more than " + MOST + " waits: a wait loop that never ends");
    }
    delays.add(delay);
  }

  /** The waits asked for so far, in order. */
  List<Duration> delays() {
    return delays;
  }

  @Override
  public void sleep(Duration delay) {
    record(delay);
  }

  @Override
  public void schedule(Runnable task, Duration delay) {
    record(delay);
    // Runs at once, on a thread of its own, as a scheduler would.
    Thread thread = new Thread(task, "test-retry");
    thread.setDaemon(true);
    thread.start();
  }
}
