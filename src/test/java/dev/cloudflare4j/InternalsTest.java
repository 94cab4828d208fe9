package dev.cloudflare4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudflare4j.internal.ParamCheck;
import dev.cloudflare4j.internal.ParamRule;
import dev.cloudflare4j.internal.Redaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** Pieces of the internals whose behaviour the client-level tests do not pin down. */
class InternalsTest {

  private final RetryPolicy policy =
      new RetryPolicy(
          Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC), () -> 0.0);

  @Test
  void credentialsDescribeSchemesOnly() {
    Credentials credentials = Credentials.of("tok-123456", "a@b.test", "key-123456", null);

    assertThat(credentials).hasToString("Credentials[API_TOKEN, API_KEY]");
  }

  @Test
  void onlyRequestsThatCannotTakeEffectTwiceAreRetriedAfterAnAmbiguousFailure() {
    Headers none = Headers.of();
    for (String safe : new String[] {"GET", "PUT", "DELETE"}) {
      assertThat(policy.isRetryable(safe, 503, none)).as(safe).isTrue();
      assertThat(policy.isRetryable(safe, new java.net.SocketTimeoutException())).isTrue();
      assertThat(policy.isOutcomeUnknown(safe, 503)).isFalse();
    }
    for (String effect : new String[] {"POST", "PATCH"}) {
      assertThat(policy.isRetryable(effect, 503, none)).as(effect).isFalse();
      assertThat(policy.isRetryable(effect, 408, none)).isFalse();
      assertThat(policy.isRetryable(effect, 429, none)).isTrue();
      assertThat(policy.isRetryable(effect, 429, Headers.of("x-should-retry", "false"))).isFalse();
      assertThat(policy.isRetryable(effect, 500, Headers.of("x-should-retry", "true"))).isTrue();
      assertThat(policy.isRetryable(effect, new java.net.ConnectException())).isTrue();
      assertThat(policy.isRetryable(effect, new java.net.UnknownHostException())).isTrue();
      assertThat(policy.isRetryable(effect, new java.net.SocketTimeoutException())).isFalse();
      assertThat(policy.isOutcomeUnknown(effect, 500)).isTrue();
      assertThat(policy.isOutcomeUnknown(effect, 499)).isFalse();
      assertThat(policy.isOutcomeUnknown(effect, new java.io.EOFException())).isTrue();
      assertThat(policy.isOutcomeUnknown(effect, new java.net.ConnectException())).isFalse();
    }
  }

  @Test
  void theVisibleAsciiRangeIsAcceptedEndToEnd() {
    // 0x21 and 0x7e are the first and last characters a credential may hold.
    assertThat(Credentials.of("!token~", null, null, null).configured())
        .containsExactly(Credentials.Scheme.API_TOKEN);
  }

  @Test
  void acceptedSchemesAreDescribedIncludingOnesTheClientDoesNotKnow() {
    assertThat(Credentials.describeAccepted(Set.of("api_token", "oauth2")))
        .isEqualTo("API token (Authorization: Bearer) or oauth2");
    assertThat(Credentials.describeAccepted(Set.of("api_email", "api_key", "user_service_key")))
        .isEqualTo(
            "API key with email (X-Auth-Email, X-Auth-Key) or user service key"
                + " (X-Auth-User-Service-Key)");
  }

  @Test
  void zeroAndNegativeServerDelays() {
    assertThat(policy.serverDelay(Headers.of("Retry-After", "0"))).isEqualTo(Duration.ZERO);
    assertThat(policy.serverDelay(Headers.of("retry-after-ms", "0"))).isEqualTo(Duration.ZERO);
    assertThat(policy.serverDelay(Headers.of("retry-after-ms", "2.5")))
        .isEqualTo(Duration.ofNanos(2_500_000));
    assertThat(policy.serverDelay(Headers.of("Retry-After", "-1"))).isNull();
    assertThat(policy.serverDelay(Headers.of("retry-after-ms", "-1", "Retry-After", "3")))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.serverDelay(Headers.of("retry-after-ms", "NaN"))).isNull();
    assertThat(policy.serverDelay(Headers.of())).isNull();
  }

  @Test
  void backoffWithTheLowestJitterIsThreeQuarters() {
    assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(375));
    assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.backoff(5)).isEqualTo(Duration.ofSeconds(6));
    assertThat(policy.backoff(6)).isEqualTo(Duration.ofSeconds(6));
    assertThat(policy.backoff(60)).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void retryableStatusesAreExactlyTheListedOnes() {
    Headers none = Headers.of();
    for (int status = 100; status < 700; status++) {
      boolean expected =
          status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
      assertThat(policy.isRetryable("GET", status, none)).as("HTTP %d", status).isEqualTo(expected);
    }
    assertThat(policy.isRetryable("GET", 400, Headers.of("x-should-retry", "TRUE"))).isTrue();
    assertThat(policy.isRetryable("GET", 503, Headers.of("x-should-retry", "False"))).isFalse();
    assertThat(policy.isRetryable("GET", 503, Headers.of("x-should-retry", "maybe"))).isTrue();
  }

  @Test
  void theRealTimerSleepsAndSchedulesOnADaemonThread() throws Exception {
    try (DefaultRetryTimer timer = new DefaultRetryTimer()) {
      long start = System.nanoTime();
      timer.sleep(Duration.ofMillis(30));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(30));

      CountDownLatch ran = new CountDownLatch(2);
      AtomicReference<Thread> thread = new AtomicReference<>();
      Runnable task =
          () -> {
            thread.set(Thread.currentThread());
            ran.countDown();
          };
      timer.schedule(task, Duration.ZERO);
      timer.schedule(task, Duration.ofMillis(10));
      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(thread.get().isDaemon()).isTrue();
      assertThat(thread.get().getName()).isEqualTo("cloudflare4j-retry");
    }
  }

  @Test
  void retrofitsCallsOnlyHoldTheirRequest() {
    okhttp3.Request request = new okhttp3.Request.Builder().url("http://127.0.0.1/").build();
    okhttp3.Call call = new RequestOnlyCallFactory().newCall(request);

    assertThat(call.request()).isSameAs(request);
    assertThat(call.clone().request()).isSameAs(request);
    assertThat(call.clone()).isNotSameAs(call);
    assertThat(call.isExecuted()).isFalse();
    assertThat(call.isCanceled()).isFalse();
    assertThat(call.timeout()).isSameAs(okio.Timeout.NONE);
    org.assertj.core.api.Assertions.assertThatThrownBy(call::execute)
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> call.enqueue(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void headersAreListedInOrderWithCredentialsRedacted() {
    Headers headers =
        Headers.of("Accept", "application/json", "Authorization", "Bearer x", "X-A", "1\t2");

    assertThat(HeaderLoggingInterceptor.redacted(headers))
        .isEqualTo("[Accept: application/json, Authorization: <redacted>, X-A: 1 2]");
    assertThat(HeaderLoggingInterceptor.redacted(Headers.of())).isEqualTo("[]");
  }

  @Test
  void redactionKeepsThePrefixAndRemovesTheValueOfEveryPrefixedCredential() {
    String value = "cfat_" + "a".repeat(40) + "0b1c2d3e";

    assertThat(Redaction.redact("Invalid API Token " + value + ", and cfk_0123456789abcdef."))
        .isEqualTo("Invalid API Token cfat_[redacted], and cfk_[redacted].");
    assertThat(Redaction.redact("(cfut_ABCDEFGHIJ)")).isEqualTo("(cfut_[redacted])");
    // A text that is nothing but the value, from its first character.
    assertThat(Redaction.redact(value)).isEqualTo("cfat_[redacted]");
    // Too short to be a value, inside a word, or no prefix at all: left as is.
    assertThat(Redaction.redact("cfat_short xcfat_0123456789ab cf-ray 8f1a"))
        .isEqualTo("cfat_short xcfat_0123456789ab cf-ray 8f1a");
    assertThat(Redaction.redact("cfoat_0123456789abcdef and cfast_0123456789abcdef"))
        .isEqualTo("cfoat_[redacted] and cfast_[redacted]");
    assertThat(Redaction.redact(null)).isNull();
  }

  @SuppressWarnings("unused") // read by reflection: its parameters carry the rules under test
  private static void ruled(
      @ParamRule(
              name = "n",
              label = "name",
              in = "query",
              required = false,
              minLength = 3,
              maxLength = 5)
          String name,
      @ParamRule(
              name = "id",
              label = "id",
              in = "path",
              required = true,
              minLength = 4,
              maxLength = 4)
          String id) {}

  private static ParamCheck check(int parameter) throws NoSuchMethodException {
    return new ParamCheck(
        InternalsTest.class
            .getDeclaredMethod("ruled", String.class, String.class)
            .getParameters()[parameter]
            .getAnnotation(ParamRule.class));
  }

  @Test
  void aLengthAtEitherBoundIsAcceptedAndOneBeyondIsRefusedNamingTheBound() throws Exception {
    ParamCheck name = check(0);
    ParamCheck id = check(1);

    name.check("abc");
    name.check("abcde");
    id.check("abcd");
    assertThatThrownBy(() -> name.check("ab"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must be at least 3 characters long (was 2)");
    assertThatThrownBy(() -> name.check("abcdef"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must be at most 5 characters long (was 6)");
    assertThatThrownBy(() -> id.check("abcde"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id must be exactly 4 characters long (was 5)");
  }

  @Test
  void theIdRulesAreReadFromTheGeneratedOperationAndAnUnknownOneIsRefused() {
    assertThat(
            dev.cloudflare4j.internal.TokenIds.ACCOUNT_ID.accepts(
                "023e105f4ecef8ad9ca31a8372d0c353"))
        .isTrue();
    assertThat(dev.cloudflare4j.internal.TokenIds.ACCOUNT_ID.accepts("023e105f")).isFalse();
    assertThat(dev.cloudflare4j.internal.TokenIds.TOKEN_ID.accepts("a-b_C")).isTrue();
    assertThat(dev.cloudflare4j.internal.TokenIds.TOKEN_ID.accepts("a".repeat(33))).isFalse();
    assertThatThrownBy(
            () ->
                ParamCheck.of(
                    dev.cloudflare4j.api.AccountOwnedApiTokensApi.class,
                    "account-api-tokens-delete-token",
                    "zone_id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "dev.cloudflare4j.api.AccountOwnedApiTokensApi has no operation"
                + " account-api-tokens-delete-token with a parameter zone_id");
    assertThatThrownBy(
            () ->
                ParamCheck.of(
                    dev.cloudflare4j.api.AccountOwnedApiTokensApi.class, "no-such-op", "token_id"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
