package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.errors.CloudflareIoException;
import dev.cloudflare4j.errors.ConflictException;
import dev.cloudflare4j.errors.InternalServerException;
import dev.cloudflare4j.model.IamCreatePayload;
import dev.cloudflare4j.model.IamTokenWithValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/**
 * A POST (Create Token) is retried only when it provably did not take effect, so that a lost answer
 * never mints a second token; after a failure that may have reached Cloudflare it fails saying that
 * its outcome is unknown. Idempotent methods keep their retries.
 */
class RepeatedEffectTest extends ClientTestSupport {

  private static final IamCreatePayload PAYLOAD =
      new IamCreatePayload("deploy", List.of(), null, null, null, Map.of());

  private CloudflareClient retrying(String baseUrl) {
    return CloudflareClient.builder()
        .baseUrl(baseUrl)
        .apiToken(API_TOKEN)
        .maxRetries(2)
        .timeout(Duration.ofMillis(500))
        .retryTimer(time)
        .ticker(time)
        .build();
  }

  private static CloudflareCall<IamTokenWithValue> create(CloudflareClient c) {
    return c.api(AccountOwnedApiTokensApi.class).accountApiTokensCreateToken(ACCOUNT_ID, PAYLOAD);
  }

  /** Creates a token through a retrying client on {@code baseUrl}; the call must fail so. */
  private <E extends Throwable> E createFails(Class<E> type, String baseUrl) {
    try (CloudflareClient c = retrying(baseUrl)) {
      return catchThrowableOfType(type, () -> create(c).execute());
    }
  }

  @Test
  void aCreateAnsweredWithA5xxIsNotRetriedAndItsOutcomeIsUnknown() {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(json(200, "create-token-with-value.json"));

    InternalServerException e = createFails(InternalServerException.class, baseUrl());

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.getMessage())
        .startsWith("HTTP 503; POST is not retried once it may have reached Cloudflare")
        .contains("list the account's tokens");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(timer.delays()).isEmpty();
  }

  @Test
  void aCreateThatTimesOutAfterSendingIsNotRetried() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    CloudflareIoException e = createFails(CloudflareIoException.class, baseUrl());

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.getMessage()).contains("whether it took effect is unknown");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRateLimitedCreateIsRetriedAndMintsOneToken() {
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"));
    server.enqueue(json(200, "create-token-with-value.json"));

    RawResponse<IamTokenWithValue> created;
    try (CloudflareClient c = retrying(baseUrl())) {
      created = create(c).executeRaw();
    }

    assertThat(created.attempts()).isEqualTo(2);
    assertThat(created.value().value().reveal()).startsWith("cfat_");
    assertThat(timer.delays()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aCreateTheServerSaysToRetryIsRetried() {
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("x-should-retry", "true"));
    server.enqueue(json(200, "create-token-with-value.json"));

    try (CloudflareClient c = retrying(baseUrl())) {
      assertThat(create(c).executeRaw().attempts()).isEqualTo(2);
    }
  }

  @Test
  void aCreateWhoseConnectionIsRefusedIsRetriedForNothingWasSent() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    CloudflareIoException e =
        createFails(CloudflareIoException.class, "http://127.0.0.1:" + closedPort + "/client/v4");

    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.outcomeUnknown()).isFalse();
    assertThat(e.getMessage()).doesNotContain("unknown");
    assertThat(timer.delays()).hasSize(2);
  }

  @Test
  void aCreateRefusedWithA4xxIsKnownNotToHaveTakenEffect() {
    server.enqueue(json(409, "failure-two-errors.json"));

    ConflictException e = createFails(ConflictException.class, baseUrl());

    // A 409 is retried for a DELETE; a POST it refused is left to the caller, and is known.
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.outcomeUnknown()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anAsyncCreateFollowsTheSameRules() {
    server.enqueue(new MockResponse().setResponseCode(502));

    CompletionException e;
    try (CloudflareClient c = retrying(baseUrl())) {
      e = catchThrowableOfType(CompletionException.class, () -> create(c).executeAsync().join());
    }

    assertThat(e.getCause())
        .isInstanceOfSatisfying(
            InternalServerException.class, cause -> assertThat(cause.outcomeUnknown()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aDeleteIsStillRetriedAfterA5xx() {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(json(200, "delete-token-success.json"));

    try (CloudflareClient c = retrying(baseUrl())) {
      RawResponse<?> deleted =
          c.api(AccountOwnedApiTokensApi.class)
              .accountApiTokensDeleteToken(ACCOUNT_ID, TOKEN_ID)
              .executeRaw();
      assertThat(deleted.attempts()).isEqualTo(2);
    }
  }
}
