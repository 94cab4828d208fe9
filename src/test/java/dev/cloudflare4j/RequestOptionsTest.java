package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudflare4j.errors.CloudflareIoException;
import dev.cloudflare4j.errors.InternalServerException;
import dev.cloudflare4j.model.TokenDeleteResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-call options, raw responses, and the client-wide settings they override. */
class RequestOptionsTest extends ClientTestSupport {

  @Test
  void extraHeadersAreSentBesideTheClientsOwn() throws Exception {
    server.enqueue(json(200, "delete-token-success.json"));
    RequestOptions options =
        RequestOptions.builder()
            .header("X-Request-Id", "job-42")
            .header("User-Agent", "rotator/1")
            .build();

    client.accounts().tokens().withOptions(options).delete(TOKEN_ID, params());

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeader("X-Request-Id")).isEqualTo("job-42");
    assertThat(request.getHeader("User-Agent")).isEqualTo("rotator/1");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_TOKEN);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Authorization",
        "authorization",
        "X-Auth-Key",
        "X-Auth-Email",
        "x-auth-user-service-key",
        "Cookie",
        "Proxy-Authorization"
      })
  void credentialHeadersCannotBeSetOrReplaced(String name) {
    assertThatThrownBy(() -> RequestOptions.builder().header(name, "Bearer stolen"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "header "
                + name
                + " carries credentials and cannot be set through RequestOptions: configure the"
                + " client's credential instead");
  }

  @Test
  void headersThatCannotTravelAreRefusedWithoutEchoingTheValue() {
    assertThatThrownBy(() -> RequestOptions.builder().header("X-Trace", "private\r\nX-Evil: 1"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("header X-Trace value holds a control or non-ASCII character at index 7");
    assertThatThrownBy(() -> RequestOptions.builder().header("Bad Name", "v"))
        .hasMessage("header name Bad Name is not a valid HTTP name");
    assertThatThrownBy(() -> RequestOptions.builder().header("", "v"))
        .isExactlyInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestOptions.builder().header("X", null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("header value must not be null");
  }

  @Test
  void headerCharacterBoundaries() {
    RequestOptions options =
        RequestOptions.builder().header("X-Range!~", "tab\there ~ visible!").build();
    assertThat(options.headers()).containsEntry("X-Range!~", "tab\there ~ visible!");
    assertThatThrownBy(() -> RequestOptions.builder().header("X-Del\u007f", "v"))
        .hasMessage("header name X-Del\u007f is not a valid HTTP name");
    assertThatThrownBy(() -> RequestOptions.builder().header("X:Colon", "v"))
        .hasMessage("header name X:Colon is not a valid HTTP name");
    assertThatThrownBy(() -> RequestOptions.builder().header("X", "del\u007f"))
        .hasMessage("header X value holds a control or non-ASCII character at index 3");
    assertThatThrownBy(() -> RequestOptions.builder().header("X", "\u001f"))
        .hasMessage("header X value holds a control or non-ASCII character at index 0");
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ZERO))
        .hasMessage("timeout must be positive (was PT0S)");
    assertThatThrownBy(() -> RequestOptions.builder().maxRetries(-1))
        .hasMessage("maxRetries must be 0 or more (was -1)");
    assertThatThrownBy(() -> CloudflareClient.builder().timeout(Duration.ofSeconds(-1)))
        .hasMessage("timeout must be positive (was PT-1S)");
    assertThatThrownBy(() -> CloudflareClient.builder().maxRetries(-3))
        .hasMessage("maxRetries must be 0 or more (was -3)");
    assertThatThrownBy(() -> client.accounts().tokens().withOptions(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("options must not be null");
  }

  @Test
  void optionsDescribeThemselvesWithoutHeaderValues() {
    RequestOptions options =
        RequestOptions.builder()
            .timeout(Duration.ofSeconds(5))
            .maxRetries(4)
            .header("X-Private", "s3cr3t")
            .build();

    assertThat(options.toString())
        .isEqualTo("RequestOptions{timeout=PT5S, maxRetries=4, headers=[X-Private]}");
    assertThat(options.timeout()).contains(Duration.ofSeconds(5));
    assertThat(options.maxRetries()).hasValue(4);
    assertThat(options.headers()).containsEntry("X-Private", "s3cr3t");
    assertThat(RequestOptions.none().timeout()).isEmpty();
    assertThat(RequestOptions.none().maxRetries()).isEmpty();
  }

  @Test
  void theCallsMaxRetriesOverridesTheClients() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(500, "failure-not-found.json"));
    }

    InternalServerException e =
        catchThrowableOfType(
            InternalServerException.class,
            () ->
                client
                    .accounts()
                    .tokens()
                    .withOptions(RequestOptions.builder().maxRetries(3).build())
                    .delete(TOKEN_ID, params()));

    assertThat(e.attempts()).isEqualTo(4);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void theCallsTimeoutOverridesTheClients() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    long start = System.nanoTime();
    CloudflareIoException e =
        catchThrowableOfType(
            CloudflareIoException.class,
            () ->
                client
                    .accounts()
                    .tokens()
                    .withOptions(RequestOptions.builder().timeout(Duration.ofMillis(150)).build())
                    .delete(TOKEN_ID, params()));

    assertThat(e.getCause()).hasMessageContaining("timeout");
    // The client's own timeout is 60 s: the call's 150 ms is what ended it.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void rawResponsesCarryStatusHeadersRayIdAndAttempts() {
    server.enqueue(
        json(200, "delete-token-success.json").setHeader("cf-ray", "8f1a2b3c4d5e6f70-SJC"));

    RawResponse<Optional<TokenDeleteResponse>> raw =
        client.accounts().tokens().withRawResponse().delete(TOKEN_ID, params());

    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.rayId()).isEqualTo("8f1a2b3c4d5e6f70-SJC");
    assertThat(raw.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(raw.value()).map(TokenDeleteResponse::id).contains(TOKEN_ID);
    assertThat(raw.attempts()).isEqualTo(1);
    assertThat(raw.toString())
        .isEqualTo("RawResponse{statusCode=200, rayId=8f1a2b3c4d5e6f70-SJC, attempts=1}");
  }

  @Test
  void rawResponsesTakeOptionsToo() throws Exception {
    server.enqueue(json(200, "delete-token-null-result.json"));

    RawResponse<Optional<TokenDeleteResponse>> raw =
        client
            .accounts()
            .tokens()
            .withOptions(RequestOptions.builder().header("X-Job", "7").build())
            .withRawResponse()
            .delete(TOKEN_ID, params());

    assertThat(raw.value()).isEmpty();
    assertThat(raw.rayId()).isNull();
    assertThat(server.takeRequest().getHeader("X-Job")).isEqualTo("7");
  }

  @Test
  void theDefaultsAreTwoRetriesAndASixtySecondTimeout() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(503, "failure-not-found.json"));
    }

    InternalServerException e;
    try (CloudflareClient defaults =
        CloudflareClient.builder()
            .apiToken(API_TOKEN)
            .baseUrl(baseUrl())
            .retryTimer(time)
            .ticker(time)
            .build()) {
      e =
          catchThrowableOfType(
              InternalServerException.class,
              () -> defaults.accounts().tokens().delete(TOKEN_ID, params()));
    }
    assertThat(e.attempts()).isEqualTo(3);
  }
}
