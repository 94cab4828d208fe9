package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/**
 * Closing a client ends every kind of pending call promptly, each with an IllegalStateException:
 * asynchronous calls in flight and waiting to retry, blocking calls in flight and sleeping between
 * attempts. Every wait below is bounded; none stands in for synchronisation.
 */
class ClientCloseTest extends ClientTestSupport {

  private static final long BOUND_SECONDS = 5;

  /** A timer that holds scheduled retries for the test to run, and never sleeps. */
  private static final class HeldRetryTimer implements RetryTimer {
    final BlockingQueue<Runnable> scheduled = new LinkedBlockingQueue<>();

    @Override
    public void sleep(Duration delay) {}

    @Override
    public void schedule(Runnable task, Duration delay) {
      scheduled.add(task);
    }
  }

  private static MockResponse unavailable() {
    return new MockResponse().setResponseCode(503).setHeader("Retry-After", "30");
  }

  private static void assertClosedDuringCall(CompletableFuture<?> future) {
    assertThatThrownBy(() -> future.get(BOUND_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was closed while DELETE /client/v4/accounts/");
  }

  /** A client on an OkHttpClient of the test's, whose calls in flight the test can count. */
  private CloudflareClient sharing(OkHttpClient http) {
    return CloudflareClient.builder()
        .baseUrl(baseUrl())
        .apiToken(API_TOKEN)
        .maxRetries(0)
        .okHttpClient(http)
        .build();
  }

  /**
   * Waits, at most BOUND_SECONDS, until the OkHttpClient runs no call: the attempt was cancelled.
   */
  private static void assertNothingRunsOn(OkHttpClient http) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (http.dispatcher().runningCallsCount() > 0) {
      assertThat(System.nanoTime()).as("the attempt in flight was cancelled").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void anAsyncCallInFlightFailsAndIsCancelledWhenTheClientCloses() throws Exception {
    OkHttpClient http = new OkHttpClient();
    try {
      CloudflareClient closing = sharing(http);
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
      CompletableFuture<?> future = closing.accounts().tokens().deleteAsync(TOKEN_ID, params());
      assertThat(taken()).isNotNull();

      closing.close();

      assertClosedDuringCall(future);
      assertNothingRunsOn(http);
    } finally {
      http.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void anAsyncCallWaitingToRetryFailsAndItsRetryIsNeverSent() throws Exception {
    HeldRetryTimer held = new HeldRetryTimer();
    CloudflareClient closing =
        CloudflareClient.builder()
            .baseUrl(baseUrl())
            .apiToken(API_TOKEN)
            .maxRetries(2)
            .retryTimer(held)
            .build();
    server.enqueue(unavailable());
    CompletableFuture<?> future = closing.accounts().tokens().deleteAsync(TOKEN_ID, params());
    Runnable retry = held.scheduled.poll(BOUND_SECONDS, TimeUnit.SECONDS);
    assertThat(retry).as("the retry was scheduled").isNotNull();

    closing.close();

    assertClosedDuringCall(future);
    retry.run();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(held.scheduled).isEmpty();
  }

  @Test
  void aBlockingCallInFlightFailsAndIsCancelledWhenTheClientCloses() throws Exception {
    OkHttpClient http = new OkHttpClient();
    try {
      CloudflareClient closing = sharing(http);
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
      CompletableFuture<?> call =
          CompletableFuture.runAsync(() -> closing.accounts().tokens().delete(TOKEN_ID, params()));
      assertThat(taken()).isNotNull();

      closing.close();

      assertClosedDuringCall(call);
      assertNothingRunsOn(http);
    } finally {
      http.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void aBlockingCallSleepingBeforeItsRetryWakesAndFails() throws Exception {
    CloudflareClient closing =
        CloudflareClient.builder()
            .baseUrl(baseUrl())
            .apiToken(API_TOKEN)
            .maxRetries(2)
            .retryTimer(new DefaultRetryTimer())
            .build();
    server.enqueue(unavailable());
    CompletableFuture<?> call =
        CompletableFuture.runAsync(() -> closing.accounts().tokens().delete(TOKEN_ID, params()));
    assertThat(taken()).isNotNull();

    // Whether the caller is asleep yet or about to be, it fails now, not after Retry-After: 30.
    closing.close();

    assertClosedDuringCall(call);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theTimersSleepEndsWhenItIsClosed() throws Exception {
    DefaultRetryTimer timer = new DefaultRetryTimer();
    CompletableFuture<Void> sleeper = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                timer.sleep(Duration.ofMinutes(5));
                sleeper.complete(null);
              } catch (InterruptedException e) {
                sleeper.completeExceptionally(e);
              }
            });
    thread.start();
    while (thread.getState() != Thread.State.TIMED_WAITING) {
      assertThat(thread.isAlive()).as("the sleeper is waiting").isTrue();
      Thread.onSpinWait();
    }

    timer.close();

    assertThat(sleeper.get(BOUND_SECONDS, TimeUnit.SECONDS)).isNull();
    assertThatThrownBy(() -> timer.schedule(() -> {}, Duration.ZERO))
        .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
  }
}
