package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.errors.CloudflareException;
import dev.cloudflare4j.errors.CloudflareIoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Options layer: the client's settings, then a service's {@code withOptions}, then a call's own.
 * Each layer overrides only what it sets; headers accumulate, a later layer's replacing one of the
 * same name in any case.
 */
class OptionsLayeringTest extends ClientTestSupport {

  private static final int CLIENT_RETRIES = 2;
  private static final int SERVICE_RETRIES = 0;
  private static final int CALL_RETRIES = 1;

  /** How a call is given its layers. */
  enum Path {
    /** {@code tokens.withOptions(service).withOptions(call).delete(id, params)}. */
    FACADE,
    /** {@code tokens.withOptions(service).withOptions(call).deleteAsync(id, params)}. */
    FACADE_ASYNC,
    /** {@code tokens.withOptions(service).withOptions(call).withRawResponse().delete(...)}. */
    FACADE_RAW,
    /** {@code api.deleteToken(...).withOptions(service).withOptions(call)}. */
    GENERATED
  }

  static Stream<Arguments> combinations() {
    List<Arguments> all = new ArrayList<>();
    for (Path path : Path.values()) {
      for (int mask = 0; mask < 16; mask++) {
        all.add(
            Arguments.of(path, (mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, (mask & 8) != 0));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(
      name = "{0}: service sets retries {1}, headers {2}; call sets retries {3}, headers {4}")
  @MethodSource("combinations")
  void eachLayerOverridesOnlyWhatItSetsAndHeadersAccumulate(
      Path path,
      boolean serviceRetries,
      boolean serviceHeaders,
      boolean callRetries,
      boolean callHeaders)
      throws Exception {
    for (int i = 0; i < CLIENT_RETRIES + 2; i++) {
      server.enqueue(json(503, "failure-not-found.json"));
    }
    RequestOptions.Builder service = RequestOptions.builder();
    if (serviceRetries) {
      service.maxRetries(SERVICE_RETRIES);
    }
    if (serviceHeaders) {
      service.header("X-Service", "s").header("X-Shared", "service");
    }
    RequestOptions.Builder call = RequestOptions.builder();
    if (callRetries) {
      call.maxRetries(CALL_RETRIES);
    }
    if (callHeaders) {
      call.header("X-Call", "c").header("x-shared", "call");
    }

    CloudflareException failure;
    try (CloudflareClient c =
        clientBuilder().apiToken(Fixtures.API_TOKEN).maxRetries(CLIENT_RETRIES).build()) {
      failure = run(c, path, service.build(), call.build());
    }

    int retries = callRetries ? CALL_RETRIES : serviceRetries ? SERVICE_RETRIES : CLIENT_RETRIES;
    assertThat(failure.attempts()).isEqualTo(retries + 1);
    assertThat(server.getRequestCount()).isEqualTo(retries + 1);
    RecordedRequest sent = taken();
    assertThat(sent.getHeader("X-Service")).isEqualTo(serviceHeaders ? "s" : null);
    assertThat(sent.getHeader("X-Call")).isEqualTo(callHeaders ? "c" : null);
    List<String> shared = sent.getHeaders().values("X-Shared");
    if (callHeaders) {
      assertThat(shared).containsExactly("call");
    } else if (serviceHeaders) {
      assertThat(shared).containsExactly("service");
    } else {
      assertThat(shared).isEmpty();
    }
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + Fixtures.API_TOKEN);
  }

  private static CloudflareException run(
      CloudflareClient c, Path path, RequestOptions service, RequestOptions call) {
    TokensService tokens = c.accounts().tokens().withOptions(service);
    return switch (path) {
      case FACADE ->
          catchThrowableOfType(
              CloudflareException.class, () -> tokens.withOptions(call).delete(TOKEN_ID, params()));
      case FACADE_ASYNC -> {
        CompletionException e =
            catchThrowableOfType(
                CompletionException.class,
                () -> tokens.withOptions(call).deleteAsync(TOKEN_ID, params()).join());
        yield (CloudflareException) e.getCause();
      }
      case FACADE_RAW ->
          catchThrowableOfType(
              CloudflareException.class,
              () -> tokens.withOptions(call).withRawResponse().delete(TOKEN_ID, params()));
      case GENERATED ->
          catchThrowableOfType(
              CloudflareException.class,
              () ->
                  c.api(AccountOwnedApiTokensApi.class)
                      .accountApiTokensDeleteToken(ACCOUNT_ID, TOKEN_ID)
                      .withOptions(service)
                      .withOptions(call)
                      .execute());
    };
  }

  @Test
  void aServicesTimeoutHoldsForACallWhoseOwnOptionsSetNone() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    RequestOptions service =
        RequestOptions.builder().timeout(Duration.ofMillis(200)).maxRetries(0).build();
    RequestOptions call = RequestOptions.builder().header("X-Request-Id", "1").build();

    try (CloudflareClient c =
        clientBuilder().apiToken(Fixtures.API_TOKEN).timeout(Duration.ofSeconds(60)).build()) {
      CloudflareIoException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(20),
              () ->
                  catchThrowableOfType(
                      CloudflareIoException.class,
                      () ->
                          c.accounts()
                              .tokens()
                              .withOptions(service)
                              .withOptions(call)
                              .delete(TOKEN_ID, params())));
      assertThat(e.attempts()).isEqualTo(1);
    }
  }

  @Test
  void layersCombineTimeoutsRetriesAndHeaders() {
    CallOptions client = new CallOptions(Duration.ofSeconds(60), 2, Map.of());
    RequestOptions timeoutOnly = RequestOptions.builder().timeout(Duration.ofSeconds(5)).build();
    RequestOptions retriesOnly = RequestOptions.builder().maxRetries(7).build();
    RequestOptions header = RequestOptions.builder().header("X-A", "1").build();
    RequestOptions sameHeaderOtherCase = RequestOptions.builder().header("x-a", "2").build();

    for (RequestOptions first : List.of(RequestOptions.none(), timeoutOnly, retriesOnly, header)) {
      for (RequestOptions second :
          List.of(RequestOptions.none(), timeoutOnly, retriesOnly, sameHeaderOtherCase)) {
        RequestOptions both = first.then(second);
        CallOptions applied = client.with(both.timeout(), both.maxRetries(), both.headers());
        Duration timeout = second.timeout().or(first::timeout).orElse(Duration.ofSeconds(60));
        int retries =
            second.maxRetries().isPresent()
                ? second.maxRetries().getAsInt()
                : first.maxRetries().orElse(2);
        assertThat(applied.timeout()).isEqualTo(timeout);
        assertThat(applied.maxRetries()).isEqualTo(retries);
        Map<String, String> headers =
            second == sameHeaderOtherCase
                ? Map.of("x-a", "2")
                : first == header ? Map.of("X-A", "1") : Map.of();
        assertThat(applied.headers()).isEqualTo(headers);
      }
    }
  }

  @Test
  void aHeaderSetTwiceInAnyCaseIsTheLaterOnly() {
    RequestOptions options =
        RequestOptions.builder().header("X-Request-Id", "1").header("x-request-id", "2").build();

    assertThat(options.headers()).containsExactly(Map.entry("x-request-id", "2"));
    assertThat(options.toString()).contains("headers=[x-request-id]");
  }

  @Test
  void headersKeepTheOrderTheyWereSetIn() {
    RequestOptions first =
        RequestOptions.builder().header("X-1", "a").header("X-2", "b").header("X-3", "c").build();
    RequestOptions second = RequestOptions.builder().header("x-2", "B").header("X-4", "d").build();

    assertThat(first.then(second).headers().keySet()).containsExactly("X-1", "X-3", "x-2", "X-4");
    assertThat(first.then(RequestOptions.none())).isSameAs(first);
    assertThat(RequestOptions.none().then(second)).isSameAs(second);
  }
}
