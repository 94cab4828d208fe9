package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.errors.CloudflareIoException;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.errors.InternalServerException;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.errors.RateLimitException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries: what is retried, how long the client waits, and what the caller finally gets. */
class RetryTest extends ClientTestSupport {

  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

  /** A client with the default retry settings, a fixed clock and a timer that does not sleep. */
  private CloudflareClient retrying() {
    return CloudflareClient.builder()
        .apiToken(Fixtures.API_TOKEN)
        .baseUrl(baseUrl())
        .retryTimer(time)
        .ticker(time)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .timeout(Duration.ofSeconds(2))
        .build();
  }

  /** Runs one delete with the retrying client and returns what it threw. */
  private <E extends Throwable> E deleteWithRetriesFails(Class<E> type) {
    try (CloudflareClient c = retrying()) {
      return catchThrowableOfType(type, () -> c.accounts().tokens().delete(TOKEN_ID, params()));
    }
  }

  private static MockResponse status(int code) {
    return json(code, "failure-not-found.json");
  }

  static Stream<Arguments> retryableFailures() {
    return Stream.of(
        Arguments.of(
            "disconnect at start",
            new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START)),
        Arguments.of(
            "disconnect during the body",
            json(200, "delete-token-success.json")
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY)),
        Arguments.of("408", status(408)),
        Arguments.of("409", status(409)),
        Arguments.of("429", status(429)),
        Arguments.of("500", status(500)),
        Arguments.of(
            "502 HTML",
            new MockResponse().setResponseCode(502).setBody("<html>bad gateway</html>")),
        Arguments.of("503", status(503)),
        Arguments.of(
            "400 with x-should-retry: true", status(400).setHeader("x-should-retry", "true")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("retryableFailures")
  void aRetryableFailureIsRetriedAndTheNextSuccessReturned(String name, MockResponse failure)
      throws Exception {
    server.enqueue(failure);
    server.enqueue(json(200, "delete-token-success.json").setHeader("cf-ray", "ok-1"));

    try (CloudflareClient c = retrying()) {
      RawResponse<?> raw = c.accounts().tokens().withRawResponse().delete(TOKEN_ID, params());

      assertThat(raw.attempts()).isEqualTo(2);
      assertThat(raw.rayId()).isEqualTo("ok-1");
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(timer.delays()).hasSize(1);
    assertThat(timer.delays().get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
  }

  @Test
  void aCallThatNeverAnswersTimesOutAndIsRetried() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(json(200, "delete-token-success.json"));

    try (CloudflareClient c =
        clientBuilder()
            .apiToken(Fixtures.API_TOKEN)
            .maxRetries(1)
            .timeout(Duration.ofMillis(300))
            .build()) {
      assertThat(c.accounts().tokens().delete(TOKEN_ID, params())).isPresent();
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void timeoutsUntilRetriesRunOutAreAnIoExceptionCountingTheAttempts() {
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }

    CloudflareIoException e;
    try (CloudflareClient c =
        clientBuilder()
            .apiToken(Fixtures.API_TOKEN)
            .maxRetries(1)
            .timeout(Duration.ofMillis(200))
            .build()) {
      e =
          catchThrowableOfType(
              CloudflareIoException.class, () -> c.accounts().tokens().delete(TOKEN_ID, params()));
    }
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(e.getCause()).isInstanceOf(java.io.InterruptedIOException.class);
    assertThat(e.getMessage()).contains(" failed after 2 attempts: ");
  }

  @Test
  void serverErrorsUntilRetriesRunOutGiveTheLastStatusWithThreeAttempts() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(status(500).setHeader("cf-ray", "ray-" + i));
    }

    InternalServerException e;
    try (CloudflareClient c = retrying()) {
      e =
          catchThrowableOfType(
              InternalServerException.class,
              () -> c.accounts().tokens().delete(TOKEN_ID, params()));
    }
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.rayId()).isEqualTo("ray-2");
    assertThat(e.getMessage())
        .isEqualTo("HTTP 500 [1003] Invalid or missing token (cf-ray ray-2) after 3 attempts");
    assertThat(server.getRequestCount()).isEqualTo(3);
    // Exponential backoff with jitter: 0.5 s, then 1 s, each times 0.75 to 1.0.
    assertThat(timer.delays()).hasSize(2);
    assertThat(timer.delays().get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
    assertThat(timer.delays().get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
  }

  @Test
  void backoffDoublesUpToEightSeconds() {
    for (int i = 0; i < 7; i++) {
      server.enqueue(status(503));
    }

    InternalServerException e;
    try (CloudflareClient c = retrying()) {
      e =
          catchThrowableOfType(
              InternalServerException.class,
              () ->
                  c.accounts()
                      .tokens()
                      .withOptions(RequestOptions.builder().maxRetries(6).build())
                      .delete(TOKEN_ID, params()));
    }
    assertThat(e.attempts()).isEqualTo(7);
    long[] expectedMillis = {500, 1000, 2000, 4000, 8000, 8000};
    assertThat(timer.delays()).hasSize(expectedMillis.length);
    for (int i = 0; i < expectedMillis.length; i++) {
      assertThat(timer.delays().get(i).toMillis())
          .isBetween(expectedMillis[i] * 3 / 4, expectedMillis[i]);
    }
    // The jitter is random: not every delay sits at three quarters of its base.
    assertThat(
            java.util.stream.IntStream.range(0, expectedMillis.length)
                .filter(i -> timer.delays().get(i).toNanos() > expectedMillis[i] * 750_000))
        .isNotEmpty();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 401, 403, 404, 422, 501 + 99})
  void otherStatusesAreNotRetried(int code) {
    server.enqueue(status(code));

    CloudflareServiceException e;
    try (CloudflareClient c = retrying()) {
      e =
          catchThrowableOfType(
              CloudflareServiceException.class,
              () -> c.accounts().tokens().delete(TOKEN_ID, params()));
    }
    assertThat(e.statusCode()).isEqualTo(code);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(timer.delays()).isEmpty();
  }

  @Test
  void xShouldRetryFalseStopsARetryableStatus() {
    server.enqueue(status(503).setHeader("x-should-retry", "false"));

    InternalServerException e;
    try (CloudflareClient c = retrying()) {
      e =
          catchThrowableOfType(
              InternalServerException.class,
              () -> c.accounts().tokens().delete(TOKEN_ID, params()));
    }
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRetriedDeleteCanEndInNotFoundWithAttemptsTellingWhy() {
    // The first attempt deleted the token but its answer was lost; the retry finds nothing.
    server.enqueue(
        json(200, "delete-token-success.json")
            .setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(status(404));

    NotFoundException e = deleteWithRetriesFails(NotFoundException.class);
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(e.getMessage()).endsWith(" after 2 attempts");
  }

  static Stream<Arguments> serverDelays() {
    return Stream.of(
        Arguments.of(new MockResponse().setHeader("Retry-After", "7"), Duration.ofSeconds(7)),
        Arguments.of(
            new MockResponse().setHeader("retry-after-ms", "1500"), Duration.ofMillis(1500)),
        Arguments.of(
            new MockResponse().setHeader("retry-after-ms", "250").setHeader("Retry-After", "9"),
            Duration.ofMillis(250)),
        Arguments.of(
            new MockResponse().setHeader("Retry-After", "Sat, 28 Nov 2026 10:00:42 GMT"),
            Duration.ofSeconds(42)),
        Arguments.of(
            new MockResponse().setHeader("Retry-After", "Sat, 28 Nov 2026 09:59:00 GMT"),
            Duration.ZERO),
        Arguments.of(new MockResponse().setHeader("Retry-After", "60"), Duration.ofSeconds(60)));
  }

  @ParameterizedTest(name = "[{index}] waits {1}")
  @MethodSource("serverDelays")
  void aRateLimitedCallWaitsAsLongAsTheServerAsks(MockResponse limited, Duration expected) {
    server.enqueue(limited.setResponseCode(429).setBody(Fixtures.read("failure-two-errors.json")));
    server.enqueue(json(200, "delete-token-success.json"));

    try (CloudflareClient c = retrying()) {
      assertThat(c.accounts().tokens().delete(TOKEN_ID, params())).isPresent();
    }
    assertThat(timer.delays()).containsExactly(expected);
  }

  @Test
  void aServerDelayAboveTheCapFailsAtOnceWithRetryAfter() {
    server.enqueue(status(429).setHeader("Retry-After", "61"));

    RateLimitException e = deleteWithRetriesFails(RateLimitException.class);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(61));
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(timer.delays()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRateLimitWithoutRetryAfterStillExposesItsAbsence() {
    server.enqueue(status(429));

    RateLimitException e =
        catchThrowableOfType(
            RateLimitException.class, () -> client.accounts().tokens().delete(TOKEN_ID, params()));

    assertThat(e.retryAfter()).isEmpty();
  }

  @Test
  void unreadableRetryAfterFallsBackToBackoff() {
    server.enqueue(status(503).setHeader("Retry-After", "soon").setHeader("retry-after-ms", "x"));
    server.enqueue(json(200, "delete-token-success.json"));

    try (CloudflareClient c = retrying()) {
      c.accounts().tokens().delete(TOKEN_ID, params());
    }
    assertThat(timer.delays().get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
  }

  @Test
  void maxRetriesZeroMakesOneAttempt() {
    server.enqueue(status(503));

    InternalServerException e =
        catchThrowableOfType(
            InternalServerException.class,
            () ->
                client
                    .accounts()
                    .tokens()
                    .withOptions(RequestOptions.builder().maxRetries(0).build())
                    .delete(TOKEN_ID, params()));

    assertThat(e.attempts()).isEqualTo(1);
  }

  @Test
  void theGeneratedInterfaceIsRetriedToo() {
    server.enqueue(status(502));
    server.enqueue(json(200, "delete-token-success.json"));

    try (CloudflareClient c = retrying()) {
      assertThat(
              c.api(AccountOwnedApiTokensApi.class)
                  .accountApiTokensDeleteToken(Fixtures.ACCOUNT_ID, TOKEN_ID)
                  .execute()
                  .id())
          .isEqualTo(TOKEN_ID);
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anInterruptBetweenAttemptsStopsTheCallAndKeepsTheFlag() {
    server.enqueue(status(503));
    dev.cloudflare4j.RetryTimer interrupted =
        new dev.cloudflare4j.RetryTimer() {
          @Override
          public void sleep(Duration delay) throws InterruptedException {
            throw new InterruptedException();
          }

          @Override
          public void schedule(Runnable task, Duration delay) {
            throw new AssertionError("not async");
          }
        };

    CloudflareIoException e;
    try (CloudflareClient c =
        CloudflareClient.builder()
            .apiToken(Fixtures.API_TOKEN)
            .baseUrl(baseUrl())
            .retryTimer(interrupted)
            .build()) {
      e =
          catchThrowableOfType(
              CloudflareIoException.class, () -> c.accounts().tokens().delete(TOKEN_ID, params()));
    } finally {
      assertThat(Thread.interrupted()).isTrue(); // also clears it for the next test
    }
    assertThat(e.getMessage()).endsWith(" was interrupted");
    assertThat(e.getCause()).isInstanceOf(java.io.InterruptedIOException.class);
    assertThat(e.attempts()).isEqualTo(1);
  }
}
