package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The opt-in client-wide request budget: at most N requests start in any window, for blocking and
 * asynchronous calls and their retries alike. Time is fake: it moves only when a call waits.
 */
class RateLimitPacingTest extends ClientTestSupport {

  private static final Duration WINDOW = Duration.ofSeconds(10);

  private final List<Long> starts = new CopyOnWriteArrayList<>();

  /** A client with a budget of {@code requests} per WINDOW, whose server notes when each came. */
  private CloudflareClient paced(int requests, int maxRetries, List<MockResponse> answers) {
    List<MockResponse> queue = new CopyOnWriteArrayList<>(answers);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            starts.add(time.now.get());
            return queue.isEmpty() ? json(200, "delete-token-success.json") : queue.remove(0);
          }
        });
    return CloudflareClient.builder()
        .baseUrl(baseUrl())
        .apiToken(API_TOKEN)
        .maxRetries(maxRetries)
        .retryTimer(time)
        .ticker(time)
        .rateLimit(requests, WINDOW)
        .build();
  }

  private static String id(int i) {
    return String.format("%032x", i);
  }

  @Test
  void blockingCallsWaitTheirTurnSoThatNoWindowHoldsMoreThanTheBudget() {
    try (CloudflareClient c = paced(3, 0, List.of())) {
      for (int i = 0; i < 7; i++) {
        assertThat(c.accounts().tokens().delete(id(i), params())).isPresent();
      }
    }

    assertThat(time.waits).containsExactly(WINDOW, WINDOW);
    long window = WINDOW.toNanos();
    assertThat(starts).containsExactly(0L, 0L, 0L, window, window, window, 2 * window);
    assertAtMostPerWindow(3);
  }

  @Test
  void asynchronousCallsAreScheduledNotBlockedAndShareTheBudget() throws Exception {
    List<CompletableFuture<?>> futures = new ArrayList<>();
    try (CloudflareClient c = paced(3, 0, List.of())) {
      // One blocking call first: the asynchronous ones share its budget.
      c.accounts().tokens().delete(id(99), params());
      for (int i = 0; i < 6; i++) {
        futures.add(c.accounts().tokens().deleteAsync(id(i), params()));
      }
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .get(10, TimeUnit.SECONDS);
    }

    // No thread slept: the calls beyond the budget were scheduled, and no window held more than 3.
    assertThat(server.getRequestCount()).isEqualTo(7);
    assertThat(time.waits).isNotEmpty().allMatch(wait -> !wait.isNegative() && !wait.isZero());
    assertThat(time.now.get()).isGreaterThanOrEqualTo(WINDOW.toNanos());
    assertAtMostPerWindow(3);
  }

  @Test
  void aSlotIsFreeAWindowAfterItsAnswerNotAfterItsStart() {
    // The server takes 4 s (of fake time) to answer: the next start waits a window after that.
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            starts.add(time.now.get());
            time.now.addAndGet(Duration.ofSeconds(4).toNanos());
            return json(200, "delete-token-success.json");
          }
        });
    try (CloudflareClient c =
        CloudflareClient.builder()
            .baseUrl(baseUrl())
            .apiToken(API_TOKEN)
            .maxRetries(0)
            .retryTimer(time)
            .ticker(time)
            .rateLimit(1, WINDOW)
            .build()) {
      c.accounts().tokens().delete(id(1), params());
      c.accounts().tokens().delete(id(2), params());
    }

    assertThat(starts).containsExactly(0L, Duration.ofSeconds(14).toNanos());
    assertThat(time.waits).containsExactly(WINDOW);
  }

  /** No window of WINDOW holds more than {@code budget} of the starts the server saw. */
  private void assertAtMostPerWindow(int budget) {
    List<Long> sorted = starts.stream().sorted().toList();
    for (int i = 0; i + budget < sorted.size(); i++) {
      assertThat(sorted.get(i + budget) - sorted.get(i))
          .as("starts %s", sorted)
          .isGreaterThanOrEqualTo(WINDOW.toNanos());
    }
  }

  @Test
  void aRetryTakesItsTurnAfterTheWaitA429AskedFor() {
    MockResponse limited = new MockResponse().setResponseCode(429).setHeader("Retry-After", "1");
    try (CloudflareClient c = paced(1, 1, List.of(limited))) {
      assertThat(c.accounts().tokens().withRawResponse().delete(id(1), params()).attempts())
          .isEqualTo(2);
    }

    // Retry-After first (1 s), then what the budget still demands (9 s more of the window).
    assertThat(time.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(9));
    assertThat(starts).containsExactly(0L, WINDOW.toNanos());
  }

  @Test
  void aBudgetMustBePositive() {
    CloudflareClient.Builder builder = CloudflareClient.builder();

    assertThatThrownBy(() -> builder.rateLimit(0, WINDOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "rateLimit requests must be 1 to 100000 (was 0): the budget remembers that many"
                + " starts");
    assertThatThrownBy(() -> builder.rateLimit(100_001, WINDOW))
        .hasMessageStartingWith("rateLimit requests must be 1 to 100000 (was 100001)");
    assertThat(builder.rateLimit(100_000, WINDOW)).isSameAs(builder);
    assertThatThrownBy(() -> builder.rateLimit(10, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rateLimit window must be positive (was PT0S)");
    assertThatThrownBy(() -> builder.rateLimit(10, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rateLimit window must not be null");
  }
}
