package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudflare4j.errors.BadRequestException;
import dev.cloudflare4j.errors.CloudflareIoException;
import dev.cloudflare4j.errors.UnexpectedStatusCodeException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * What the client does not take from an answer: a redirect is not followed, an error body is read
 * only up to its bound, and an answer slower than the timeout is not waited for.
 */
class AnswerLimitsTest extends ClientTestSupport {

  @Test
  void aRedirectIsNotFollowed() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(307)
            .setHeader("Location", "https://elsewhere.example/steal"));

    UnexpectedStatusCodeException e =
        catchThrowableOfType(
            UnexpectedStatusCodeException.class,
            () -> client.accounts().tokens().delete(TOKEN_ID, params()));

    assertThat(e.statusCode()).isEqualTo(307);
    assertThat(e.headers().get("Location")).isEqualTo("https://elsewhere.example/steal");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aHugeErrorBodyIsNotReadWhole() {
    StringBuilder body =
        new StringBuilder("{\"success\":false,\"errors\":[{\"code\":1,\"message\":\"");
    body.append("x".repeat(5 * 1024 * 1024)).append("\"}],\"messages\":[]}");
    server.enqueue(new MockResponse().setResponseCode(400).setBody(body.toString()));

    BadRequestException e =
        catchThrowableOfType(
            BadRequestException.class, () -> client.accounts().tokens().delete(TOKEN_ID, params()));

    assertThat(e.errors()).isEmpty();
    assertThat(e.getCause())
        .hasMessage("the body is larger than 1048576 bytes; the rest was not read");
    // Cut off, the JSON does not parse: it says nothing, rather than raw fields.
    assertThat(e.getMessage()).isEqualTo("HTTP 400");
  }

  @Test
  void anErrorBodyJustUnderTheBoundIsReadWhole() {
    String message = "y".repeat(1024 * 1024 - 100);
    String body =
        "{\"success\":false,\"errors\":[{\"code\":2,\"message\":\""
            + message
            + "\"}],\"messages\":[]}";
    assertThat(body.length()).isLessThan(1024 * 1024);
    server.enqueue(new MockResponse().setResponseCode(400).setBody(body));

    BadRequestException e =
        catchThrowableOfType(
            BadRequestException.class, () -> client.accounts().tokens().delete(TOKEN_ID, params()));

    assertThat(e.errors().get(0).message()).isEqualTo(message);
  }

  @Test
  void aReadTimeoutIsASocketTimeout() {
    server.enqueue(
        json(200, "delete-token-success.json")
            .setBodyDelay(1, java.util.concurrent.TimeUnit.SECONDS));

    CloudflareIoException e;
    try (CloudflareClient c =
        clientBuilder().apiToken(Fixtures.API_TOKEN).timeout(Duration.ofMillis(200)).build()) {
      e =
          catchThrowableOfType(
              CloudflareIoException.class, () -> c.accounts().tokens().delete(TOKEN_ID, params()));
    }
    assertThat(e.getCause())
        .isInstanceOfAny(SocketTimeoutException.class, java.io.InterruptedIOException.class);
    // No answer, no ray id.
    assertThat(e.rayId()).isNull();
  }
}
