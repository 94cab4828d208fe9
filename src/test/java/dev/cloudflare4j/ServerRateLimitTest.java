package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudflare4j.errors.RateLimitException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import okhttp3.Headers;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Rate limits as Cloudflare reports them: pacing by the {@code Ratelimit} headers of its answers,
 * and every shape of 429. Time is fake: it moves only when a call waits.
 */
class ServerRateLimitTest extends ClientTestSupport {

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String LIMITED =
      "{\"success\":false,\"errors\":[{\"code\":971,\"message\":\"Please wait and consider"
          + " throttling your request speed\"}],\"messages\":[],\"result\":null";

  private CloudflareClient.Builder faked() {
    return CloudflareClient.builder()
        .baseUrl(baseUrl())
        .apiToken(API_TOKEN)
        .retryTimer(time)
        .ticker(time)
        .clock(CLOCK);
  }

  // --- the headers ---

  @Test
  void readsTheDraftHeadersAndPairsEachLimitWithItsPolicy() {
    RateLimitHeaders.Reading reading =
        RateLimitHeaders.read(
            Headers.of(
                "Ratelimit", "\"default\";r=50;t=30",
                "Ratelimit-Policy", "\"default\";q=100;w=60"),
            CLOCK);

    assertThat(reading)
        .isEqualTo(
            new RateLimitHeaders.Reading(50, Duration.ofSeconds(30), 100, Duration.ofSeconds(60)));
  }

  @Test
  void ofSeveralLimitsTheOneAllowingTheFewestRequestsPerSecondBinds() {
    RateLimitHeaders.Reading reading =
        RateLimitHeaders.read(
            Headers.of(
                "Ratelimit", "burst;r=90;t=1, \"default\";r=600;t=240",
                "Ratelimit-Policy", "burst;q=100;w=1, \"default\";q=1200;w=300"),
            CLOCK);

    // 600 in 240 s is 2.5 per second; 90 in 1 s is 90.
    assertThat(reading.remaining()).isEqualTo(600);
    assertThat(reading.quota()).isEqualTo(1200);
    assertThat(reading.window()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void readsTheOlderHeadersWithAResetAsDateEpochSecondsOrSeconds() {
    Headers date =
        Headers.of(
            "X-RateLimit-Limit", "1200",
            "X-RateLimit-Remaining", "0",
            "X-RateLimit-Reset", "Mon, 07 Dec 2026 10:04:10 GMT");
    assertThat(RateLimitHeaders.read(date, CLOCK))
        .isEqualTo(new RateLimitHeaders.Reading(0, Duration.ofSeconds(250), 1200, null));
    assertThat(RateLimitHeaders.resetOf(Long.toString(NOW.getEpochSecond() + 40), CLOCK))
        .isEqualTo(Duration.ofSeconds(40));
    assertThat(RateLimitHeaders.resetOf("17", CLOCK)).isEqualTo(Duration.ofSeconds(17));
    assertThat(RateLimitHeaders.resetOf("soon", CLOCK)).isNull();
  }

  @Test
  void unreadableOrAbsentHeadersReportNoLimit() {
    assertThat(RateLimitHeaders.read(Headers.of(), CLOCK)).isNull();
    assertThat(RateLimitHeaders.read(Headers.of("Ratelimit", "default;t=30"), CLOCK)).isNull();
    assertThat(RateLimitHeaders.read(Headers.of("X-RateLimit-Remaining", "x"), CLOCK)).isNull();
  }

  // --- the shapes of a 429 ---

  private void deletesAfterOne429(MockResponse limited, Duration expectedWait) {
    server.enqueue(limited.setResponseCode(429));
    server.enqueue(json(200, "delete-token-success.json"));

    try (CloudflareClient c = faked().maxServerWait(Duration.ofMinutes(10)).build()) {
      assertThat(c.accounts().tokens().delete(Fixtures.TOKEN_ID, params())).isPresent();
    }
    assertThat(time.waits).containsExactly(expectedWait);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRetryAfterOfZeroWithTheWaitInTheBodyWaitsTheBodysWait() {
    deletesAfterOne429(
        new MockResponse().setHeader("retry-after", "0").setBody(LIMITED + ",\"retry_after\":7}"),
        Duration.ofSeconds(7));
  }

  @Test
  void aBodyThatIsNotAnEnvelopeStillGivesItsWait() {
    deletesAfterOne429(
        new MockResponse().setBody("{\"retry_after\": 2.5}"), Duration.ofMillis(2500));
  }

  @Test
  void aRatelimitHeaderWithNothingLeftGivesTheWaitUntilItsReset() {
    deletesAfterOne429(
        new MockResponse().setHeader("Ratelimit", "\"default\";r=0;t=12").setBody(LIMITED + "}"),
        Duration.ofSeconds(12));
  }

  @Test
  void anOlderResetDateGivesTheWait() {
    deletesAfterOne429(
        new MockResponse()
            .setHeader("X-RateLimit-Remaining", "0")
            .setHeader("X-RateLimit-Reset", "Mon, 07 Dec 2026 10:05:00 GMT")
            .setBody("More than 1200 requests per 300 seconds reached"),
        Duration.ofMinutes(5));
  }

  @Test
  void code10000WithRetryAfterWaitsIt() {
    deletesAfterOne429(
        new MockResponse()
            .setHeader("Retry-After", "3")
            .setBody(
                "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Rate limited\"}],"
                    + "\"messages\":[],\"result\":null}"),
        Duration.ofSeconds(3));
  }

  @Test
  void a429WithNoBodyAndNoWaitBacksOff() {
    server.enqueue(new MockResponse().setResponseCode(429));
    server.enqueue(json(200, "delete-token-success.json"));

    try (CloudflareClient c = faked().build()) {
      assertThat(c.accounts().tokens().delete(Fixtures.TOKEN_ID, params())).isPresent();
    }
    assertThat(time.waits)
        .singleElement()
        .satisfies(
            wait -> assertThat(wait).isBetween(Duration.ofMillis(375), Duration.ofMillis(500)));
  }

  @Test
  void aWaitLongerThanMaxServerWaitFailsAtOnceAndALongerMaxWaitsItOut() {
    MockResponse block =
        new MockResponse()
            .setResponseCode(429)
            .setHeader("Retry-After", "300")
            .setBody(LIMITED + "}");
    server.enqueue(block);

    try (CloudflareClient c = faked().build()) {
      assertThatThrownBy(() -> c.accounts().tokens().delete(Fixtures.TOKEN_ID, params()))
          .isInstanceOfSatisfying(
              RateLimitException.class,
              e -> {
                assertThat(e.retryAfter()).contains(Duration.ofMinutes(5));
                assertThat(e.attempts()).isEqualTo(1);
              });
    }
    assertThat(time.waits).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);

    server.enqueue(block);
    server.enqueue(json(200, "delete-token-success.json"));
    try (CloudflareClient c = faked().maxServerWait(Duration.ofMinutes(5)).build()) {
      assertThat(c.accounts().tokens().delete(Fixtures.TOKEN_ID, params())).isPresent();
    }
    assertThat(time.waits).containsExactly(Duration.ofMinutes(5));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void a429sWaitHoldsTheClientsOtherCalls() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(429)
            .setHeader("Retry-After", "4")
            .setBody(LIMITED + "}"));
    server.enqueue(json(200, "delete-token-success.json"));

    try (CloudflareClient c = faked().maxRetries(0).build()) {
      assertThatThrownBy(() -> c.accounts().tokens().delete(Fixtures.TOKEN_ID, params()))
          .isInstanceOf(RateLimitException.class);
      // No retry for this one; the next call waits out the server's 4 s before it is sent.
      assertThat(c.accounts().tokens().delete(Fixtures.TOKEN_ID, params())).isPresent();
    }
    assertThat(time.waits).containsExactly(Duration.ofSeconds(4));
  }

  // --- pacing by the headers ---

  /**
   * A server that limits like Cloudflare: a quota per fixed window, shared with "other clients"
   * that spend {@code elsewhere} at each window's start; every answer says what remains.
   */
  private static final class QuotaServer extends Dispatcher {
    final int quota;
    final long windowNanos;
    final int elsewhere;
    private final LongSupplier clock;
    private final long origin;
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    final List<Integer> refused = new CopyOnWriteArrayList<>();
    private long windowIndex = -1;
    private int spent;

    QuotaServer(int quota, Duration window, int elsewhere, LongSupplier clock) {
      this.quota = quota;
      this.windowNanos = window.toNanos();
      this.elsewhere = elsewhere;
      this.clock = clock;
      this.origin = clock.getAsLong();
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
      long now = clock.getAsLong() - origin;
      arrivals.add(now);
      long index = now / windowNanos;
      if (index != windowIndex) {
        windowIndex = index;
        spent = elsewhere;
      }
      spent++;
      long left = (index + 1) * windowNanos - now;
      long seconds = (left + 999_999_999L) / 1_000_000_000L;
      MockResponse answer =
          spent > quota
              ? new MockResponse().setResponseCode(429).setBody(LIMITED + "}")
              : json(200, "delete-token-success.json");
      if (spent > quota) {
        refused.add(arrivals.size());
      }
      return answer
          .setHeader("Ratelimit", "\"default\";r=" + Math.max(0, quota - spent) + ";t=" + seconds)
          .setHeader(
              "Ratelimit-Policy", "\"default\";q=" + quota + ";w=" + windowNanos / 1_000_000_000L);
    }

    /** How many requests reached each window, this client's and the others' together. */
    List<Integer> perWindow() {
      List<Integer> counts = new ArrayList<>();
      for (long at : arrivals) {
        int index = (int) (at / windowNanos);
        while (counts.size() <= index) {
          counts.add(elsewhere);
        }
        counts.set(index, counts.get(index) + 1);
      }
      return counts;
    }
  }

  @Test
  void aQuotaSpentElsewhereIsRespectedAndTheResetWaitedFor() {
    // 10 per 10 s; others spend 6 of each window: 4 remain, of which 1 is kept back.
    QuotaServer quota = new QuotaServer(10, Duration.ofSeconds(10), 6, time);
    server.setDispatcher(quota);

    try (CloudflareClient c = faked().maxRetries(0).build()) {
      for (int i = 0; i < 9; i++) {
        assertThat(c.accounts().tokens().delete(Fixtures.TOKEN_ID, params())).isPresent();
      }
    }

    assertThat(quota.refused).isEmpty();
    // Three per window, the reserve never spent; the third window gets the last three.
    assertThat(quota.perWindow()).containsExactly(9, 9, 9);
    assertThat(quota.arrivals.get(3)).isEqualTo(Duration.ofSeconds(10).toNanos());
  }

  @Test
  void theRemainingRequestsAreSpreadUntilTheReset() {
    // 100 per 10 s, nothing spent elsewhere: 98 available, spread over the window.
    QuotaServer quota = new QuotaServer(100, Duration.ofSeconds(10), 0, time);
    server.setDispatcher(quota);

    try (CloudflareClient c = faked().maxRetries(0).build()) {
      for (int i = 0; i < 20; i++) {
        c.accounts().tokens().delete(Fixtures.TOKEN_ID, params());
      }
    }

    assertThat(quota.refused).isEmpty();
    // After the first answer, about 10 s / 98 between requests, never a burst.
    long spacing = Duration.ofSeconds(10).toNanos() / 100;
    for (int i = 2; i < quota.arrivals.size(); i++) {
      assertThat(quota.arrivals.get(i) - quota.arrivals.get(i - 1))
          .as("gap before request %d", i)
          .isBetween(spacing, 2 * spacing);
    }
  }

  @Test
  void asynchronousCallsArePacedWithoutAThreadWaiting() throws Exception {
    // In real time (a fake one cannot order concurrent waits): 10 per second, 6 spent elsewhere.
    QuotaServer quota = new QuotaServer(10, Duration.ofSeconds(1), 6, System::nanoTime);
    server.setDispatcher(quota);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    RetryTimer scheduledOnly =
        new RetryTimer() {
          @Override
          public void sleep(Duration delay) {
            throw new AssertionError("a thread was blocked for " + delay);
          }

          @Override
          public void schedule(Runnable task, Duration delay) {
            ScheduledFuture<?> unused =
                scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
          }
        };
    List<CompletableFuture<?>> futures = new ArrayList<>();

    try (CloudflareClient c =
        CloudflareClient.builder()
            .baseUrl(baseUrl())
            .apiToken(API_TOKEN)
            .maxRetries(0)
            .retryTimer(scheduledOnly)
            .build()) {
      for (int i = 0; i < 6; i++) {
        futures.add(c.accounts().tokens().deleteAsync(Fixtures.TOKEN_ID, params()));
      }
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .get(20, TimeUnit.SECONDS);
    } finally {
      scheduler.shutdownNow();
    }

    assertThat(quota.refused).isEmpty();
    assertThat(quota.arrivals).hasSize(6);
    assertThat(quota.perWindow()).allMatch(count -> count <= quota.quota);
  }

  @Test
  void aServerWithoutTheHeadersIsNotPaced() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(json(200, "delete-token-success.json"));
    }
    try (CloudflareClient c = faked().maxRetries(0).build()) {
      for (int i = 0; i < 5; i++) {
        c.accounts().tokens().delete(Fixtures.TOKEN_ID, params());
      }
    }
    assertThat(time.waits).isEmpty();
  }

  @Test
  void pacingByTheHeadersCanBeTurnedOff() {
    QuotaServer quota = new QuotaServer(3, Duration.ofSeconds(10), 0, time);
    server.setDispatcher(quota);
    try (CloudflareClient c = faked().maxRetries(0).paceByServerHeaders(false).build()) {
      for (int i = 0; i < 3; i++) {
        c.accounts().tokens().delete(Fixtures.TOKEN_ID, params());
      }
    }
    // Unpaced, the client spends the whole window, the reserve included.
    assertThat(time.waits).isEmpty();
    assertThat(quota.perWindow()).containsExactly(3);
  }

  // --- the waits told to the listener ---

  private static final String DELETE_PATH =
      "DELETE /client/v4/accounts/" + Fixtures.ACCOUNT_ID + "/tokens/" + Fixtures.TOKEN_ID;

  @Test
  void everyWaitForTheQuotaIsToldBeforeItStartsWithItsReason() {
    QuotaServer quota = new QuotaServer(10, Duration.ofSeconds(10), 6, time);
    server.setDispatcher(quota);
    List<Wait> told = new CopyOnWriteArrayList<>();

    try (CloudflareClient c = faked().maxRetries(0).onWait(told::add).build()) {
      for (int i = 0; i < 5; i++) {
        c.accounts().tokens().delete(Fixtures.TOKEN_ID, params());
      }
    }

    // Each of the timer's waits, told in the same order, as the first attempt's wait for the quota.
    assertThat(time.waits).isNotEmpty();
    assertThat(told).extracting(Wait::delay).containsExactlyElementsOf(time.waits);
    assertThat(told)
        .allSatisfy(
            wait -> {
              assertThat(wait.reason()).isEqualTo(Wait.Reason.SERVER_QUOTA);
              assertThat(wait.request()).isEqualTo(DELETE_PATH);
              assertThat(wait.attempt()).isEqualTo(1);
            });
    // Three requests a window: the fourth and fifth wait into the next one.
    assertThat(told.stream().map(Wait::delay).reduce(Duration.ZERO, Duration::plus))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aRetryIsToldAsARateLimitTheServersAskedWaitOrTheClientsBackoff() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(429)
            .setHeader("Retry-After", "3")
            .setBody(LIMITED + "}"));
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "2"));
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(json(200, "delete-token-success.json"));
    List<Wait> told = new CopyOnWriteArrayList<>();

    try (CloudflareClient c = faked().maxRetries(3).onWait(told::add).build()) {
      assertThat(c.accounts().tokens().delete(Fixtures.TOKEN_ID, params())).isPresent();
    }

    assertThat(told)
        .extracting(Wait::reason, Wait::attempt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Wait.Reason.RATE_LIMITED, 2),
            org.assertj.core.groups.Tuple.tuple(Wait.Reason.RETRY_ASKED, 3),
            org.assertj.core.groups.Tuple.tuple(Wait.Reason.RETRY_BACKOFF, 4));
    assertThat(told).extracting(Wait::delay).containsExactlyElementsOf(time.waits);
    assertThat(told.get(0).delay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(told.get(1).delay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(Wait.Reason.RATE_LIMITED.description()).isEqualTo("Cloudflare's rate limit (a 429)");
  }

  @Test
  void aWaitForTheClientsBudgetIsToldForBlockingAndAsynchronousCalls() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(200, "delete-token-success.json"));
    }
    List<Wait> told = new CopyOnWriteArrayList<>();

    try (CloudflareClient c =
        faked()
            .maxRetries(0)
            .paceByServerHeaders(false)
            .rateLimit(1, Duration.ofSeconds(10))
            .onWait(told::add)
            .build()) {
      c.accounts().tokens().delete(Fixtures.TOKEN_ID, params());
      c.accounts().tokens().delete(Fixtures.TOKEN_ID, params());
      assertThat(told).extracting(Wait::reason).containsExactly(Wait.Reason.CLIENT_BUDGET);

      c.accounts().tokens().deleteAsync(Fixtures.TOKEN_ID, params()).get(5, TimeUnit.SECONDS);
    }

    assertThat(told)
        .extracting(Wait::reason)
        .containsExactly(Wait.Reason.CLIENT_BUDGET, Wait.Reason.CLIENT_BUDGET);
    assertThat(told).extracting(Wait::delay).containsExactlyElementsOf(time.waits);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void whatTheListenerThrowsFailsTheCallBeforeItsRequest() {
    server.enqueue(json(200, "delete-token-success.json"));
    IllegalStateException stop = new IllegalStateException("stop");

    try (CloudflareClient c =
        faked()
            .maxRetries(0)
            .paceByServerHeaders(false)
            .rateLimit(1, Duration.ofSeconds(10))
            .onWait(
                wait -> {
                  throw stop;
                })
            .build()) {
      c.accounts().tokens().delete(Fixtures.TOKEN_ID, params());
      assertThatThrownBy(() -> c.accounts().tokens().delete(Fixtures.TOKEN_ID, params()))
          .isSameAs(stop);
      assertThat(c.accounts().tokens().deleteAsync(Fixtures.TOKEN_ID, params()))
          .failsWithin(Duration.ofSeconds(5))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .havingCause()
          .isSameAs(stop);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThatThrownBy(() -> CloudflareClient.builder().onWait(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("onWait listener must not be null");
  }

  @Test
  void maxServerWaitRefusesANegativeWait() {
    assertThatThrownBy(() -> CloudflareClient.builder().maxServerWait(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxServerWait must not be negative (was PT-1S)");
  }
}
