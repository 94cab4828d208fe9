package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static dev.cloudflare4j.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import dev.cloudflare4j.errors.BadRequestException;
import dev.cloudflare4j.errors.CloudflareException;
import dev.cloudflare4j.errors.CloudflareInvalidDataException;
import dev.cloudflare4j.errors.CloudflareIoException;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.errors.ConflictException;
import dev.cloudflare4j.errors.InternalServerException;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.errors.PermissionDeniedException;
import dev.cloudflare4j.errors.RateLimitException;
import dev.cloudflare4j.errors.UnauthorizedException;
import dev.cloudflare4j.errors.UnexpectedStatusCodeException;
import dev.cloudflare4j.errors.UnprocessableEntityException;
import dev.cloudflare4j.model.ResponseInfo;
import dev.cloudflare4j.model.ResponseInfoErrorChainItem;
import dev.cloudflare4j.model.ResponseInfoSource;
import java.io.EOFException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorMatrixTest extends ClientTestSupport {

  private static final String RAY = "8f1a2b3c4d5e6f70-SJC";

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(401, UnauthorizedException.class),
        Arguments.of(403, PermissionDeniedException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(409, ConflictException.class),
        Arguments.of(422, UnprocessableEntityException.class),
        Arguments.of(429, RateLimitException.class),
        Arguments.of(500, InternalServerException.class),
        Arguments.of(502, InternalServerException.class),
        Arguments.of(503, InternalServerException.class),
        Arguments.of(599, InternalServerException.class),
        Arguments.of(402, UnexpectedStatusCodeException.class),
        Arguments.of(418, UnexpectedStatusCodeException.class),
        Arguments.of(600, UnexpectedStatusCodeException.class),
        Arguments.of(300, UnexpectedStatusCodeException.class),
        Arguments.of(304, UnexpectedStatusCodeException.class));
  }

  private CloudflareServiceException deleteFails() {
    return catchThrowableOfType(
        CloudflareServiceException.class,
        () -> client.accounts().tokens().delete(TOKEN_ID, params()));
  }

  @ParameterizedTest(name = "HTTP {0} with cf-ray")
  @MethodSource("statuses")
  void eachStatusBecomesItsExceptionWithTheEnvelopeAndRayId(
      int status, Class<? extends CloudflareServiceException> type) {
    server.enqueue(json(status, "failure-not-found.json").setHeader("cf-ray", RAY));

    CloudflareServiceException e = deleteFails();

    assertThat(e).isExactlyInstanceOf(type).isInstanceOf(CloudflareException.class);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.rayId()).isEqualTo(RAY);
    assertThat(e.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(e.getMessage())
        .isEqualTo("HTTP " + status + " [1003] Invalid or missing token (cf-ray " + RAY + ")");
    assertThat(e.errors())
        .containsExactly(
            new ResponseInfo(
                1003,
                "Invalid or missing token",
                "https://developers.cloudflare.com/api/",
                new ResponseInfoSource("/token_id", Map.of()),
                List.of(
                    new ResponseInfoErrorChainItem(
                        7003, "Could not route to /accounts/x/tokens/y", Map.of())),
                Map.of()));
    assertThat(e.messages())
        .containsExactly(new ResponseInfo(1000, "See documentation", null, null, null, Map.of()));
    assertThat(e.getCause()).isNull();
  }

  @ParameterizedTest(name = "HTTP {0} without cf-ray")
  @MethodSource("statuses")
  void eachStatusWithoutRayIdLeavesItOutOfTheMessage(
      int status, Class<? extends CloudflareServiceException> type) {
    server.enqueue(json(status, "failure-not-found.json"));

    CloudflareServiceException e = deleteFails();

    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.rayId()).isNull();
    assertThat(e.getMessage()).isEqualTo("HTTP " + status + " [1003] Invalid or missing token");
  }

  @Test
  void severalErrorsAreAllKeptAndCountedInTheMessage() {
    server.enqueue(json(403, "failure-two-errors.json").setHeader("cf-ray", RAY));

    CloudflareServiceException e = deleteFails();

    assertThat(e).isInstanceOf(PermissionDeniedException.class);
    assertThat(e.errors()).extracting(ResponseInfo::code).containsExactly(10000, 9109);
    assertThat(e.getMessage())
        .isEqualTo("HTTP 403 [10000] Authentication error (+1 more error) (cf-ray " + RAY + ")");
  }

  @ParameterizedTest(name = "success:false on HTTP {0}")
  @ValueSource(ints = {200, 201, 202})
  void successFalseOnA2xxIsAServiceException(int status) {
    server.enqueue(json(status, "success-false-on-200.json").setHeader("cf-ray", RAY));

    CloudflareServiceException e = deleteFails();

    assertThat(e).isExactlyInstanceOf(CloudflareServiceException.class);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.errors()).extracting(ResponseInfo::code).containsExactly(7003);
    assertThat(e.getMessage())
        .isEqualTo("HTTP " + status + " [7003] No route for the URI (cf-ray " + RAY + ")");
  }

  @Test
  void successFalseWithoutResultStillReportsTheErrors() {
    server.enqueue(
        new MockResponse()
            .setBody("{\"success\":false,\"errors\":[{\"code\":1001,\"message\":\"bad\"}]}"));

    CloudflareServiceException e = deleteFails();

    assertThat(e).isExactlyInstanceOf(CloudflareServiceException.class);
    assertThat(e.getMessage()).isEqualTo("HTTP 200 [1001] bad");
  }

  static Stream<Arguments> unreadableFailureBodies() {
    return Stream.of(
        Arguments.of(
            "html-502.html",
            502,
            InternalServerException.class,
            JsonEncodingException.class,
            "502 Bad Gateway"),
        Arguments.of(
            "truncated.json", 400, BadRequestException.class, JsonEncodingException.class, null),
        Arguments.of(
            "html-502.html",
            404,
            NotFoundException.class,
            JsonEncodingException.class,
            "502 Bad Gateway"));
  }

  @ParameterizedTest(name = "{0} on HTTP {1}")
  @MethodSource("unreadableFailureBodies")
  void anUnreadableFailureBodyNeverHidesTheStatusAndSaysWhatItSays(
      String fixture, int status, Class<?> type, Class<?> cause, String says) {
    server.enqueue(
        new MockResponse().setResponseCode(status).setBody(read(fixture)).setHeader("cf-ray", RAY));

    CloudflareServiceException e = deleteFails();

    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.errors()).isEmpty();
    assertThat(e.messages()).isEmpty();
    assertThat(e.getCause()).isInstanceOf(cause);
    // The status, then what the body says: its first line of text, tags left out; JSON that does
    // not parse says nothing.
    assertThat(e.getMessage())
        .isEqualTo("HTTP " + status + (says == null ? "" : ": " + says) + " (cf-ray " + RAY + ")");
    assertThat(e.getMessage()).doesNotContain("mess");
    assertThat(e.getMessage()).doesNotContain("<", "DOCTYPE");
  }

  @Test
  void aProblemBodyIsSummedUpByItsTitleValidationAndDetail() {
    // As Prism refuses a request that breaks the spec (application/problem+json).
    server.enqueue(
        new MockResponse()
            .setResponseCode(422)
            .setHeader("Content-Type", "application/problem+json")
            .setBody(
                "{\"type\":\"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY\","
                    + "\"title\":\"Invalid request\",\"status\":422,\"detail\":\"Your request"
                    + " is not valid.\",\"validation\":[{\"location\":[\"body\"],"
                    + "\"severity\":\"Error\",\"code\":\"required\","
                    + "\"message\":\"must have required property 'policies'\"}]}"));

    CloudflareServiceException e = deleteFails();

    assertThat(e).isExactlyInstanceOf(UnprocessableEntityException.class);
    assertThat(e.getMessage())
        .isEqualTo(
            "HTTP 422: Invalid request; body: must have required property 'policies'; Your"
                + " request is not valid.");
  }

  @Test
  void aTextBodyIsSummedUpOnOneBoundedLineWithCredentialsRedacted() {
    String token = "cfat_" + "A".repeat(40) + "1234abcd";
    server.enqueue(
        new MockResponse()
            .setResponseCode(500)
            .setHeader("Content-Type", "text/plain")
            .setBody(
                "\n  upstream said: bad token "
                    + token
                    + " sent as "
                    + Fixtures.API_TOKEN
                    + " "
                    + "x".repeat(300)
                    + "\nline 2"));

    CloudflareServiceException e = deleteFails();

    // A prefixed credential, and the client's own (unprefixed) token, are redacted.
    assertThat(e.getMessage())
        .startsWith("HTTP 500: upstream said: bad token cfat_[redacted] sent as [redacted] xxx");
    assertThat(e.getMessage()).doesNotContain(token, Fixtures.API_TOKEN, "line 2");
    // 200 characters of summary at most, the last an ellipsis.
    assertThat(e.getMessage()).hasSize("HTTP 500: ".length() + 200).endsWith("x…");
  }

  @ParameterizedTest(name = "body ''{0}''")
  @ValueSource(strings = {"", "null", "[]", "{}", "\"text\"", "{\"errors\": 5}"})
  void aFailureBodyThatIsNotAnEnvelopeGivesTheStatusWithACause(String body) {
    server.enqueue(new MockResponse().setResponseCode(503).setBody(body));

    CloudflareServiceException e = deleteFails();

    assertThat(e).isExactlyInstanceOf(InternalServerException.class);
    assertThat(e.errors()).isEmpty();
    assertThat(e.getCause()).isNotNull();
    assertThat(e.getMessage()).isEqualTo("HTTP 503");
  }

  @Test
  void nullErrorItemsAreDropped() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setBody(
                "{\"success\":false,\"errors\":[null,{\"code\":5,\"message\":\"m\"}],"
                    + "\"messages\":[null]}"));

    CloudflareServiceException e = deleteFails();

    assertThat(e.errors()).containsExactly(new ResponseInfo(5, "m", null, null, null, Map.of()));
    assertThat(e.messages()).isEmpty();
    assertThat(e.getMessage()).isEqualTo("HTTP 400 [5] m");
  }

  @Test
  void anErrorBodyCutOffMidTransferStillGivesTheStatus() {
    server.enqueue(
        json(503, "failure-not-found.json")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    CloudflareServiceException e = deleteFails();

    assertThat(e).isExactlyInstanceOf(InternalServerException.class);
    assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
    assertThat(e.errors()).isEmpty();
  }

  @Test
  void controlCharactersInTheServersMessageDoNotBreakTheExceptionMessage() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setBody(
                "{\"success\":false,\"errors\":[{\"code\":1,\"message\":\"line1\\nline2\"}],"
                    + "\"messages\":[]}"));

    CloudflareServiceException e = deleteFails();

    assertThat(e.getMessage()).isEqualTo("HTTP 400 [1] line1 line2");
    assertThat(e.errors().get(0).message()).isEqualTo("line1\nline2");
  }

  @Test
  void errorItemsMissingACodeAreKeptRatherThanDropped() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setBody("{\"success\":false,\"errors\":[{\"message\":\"no code\"}],\"messages\":[]}"));

    CloudflareServiceException e = deleteFails();

    assertThat(e.errors())
        .containsExactly(new ResponseInfo(null, "no code", null, null, null, Map.of()));
    assertThat(e.getMessage()).isEqualTo("HTTP 400 no code");
  }

  static Stream<Arguments> invalidSuccessBodies() {
    return Stream.of(
        Arguments.of(read("html-502.html"), JsonEncodingException.class),
        Arguments.of(read("truncated.json"), JsonEncodingException.class),
        Arguments.of("{\"errors\":[],\"messages\":[", EOFException.class),
        Arguments.of("", EOFException.class),
        Arguments.of("null", JsonDataException.class),
        Arguments.of(read("missing-required-id.json"), JsonDataException.class),
        Arguments.of("{\"result\": null}", JsonDataException.class),
        Arguments.of(
            "{\"errors\":[],\"messages\":[],\"success\":true,\"result\":{\"id\":{}}}",
            JsonDataException.class),
        Arguments.of(read("delete-token-success.json") + " {}", JsonEncodingException.class));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("invalidSuccessBodies")
  void aSuccessfulAnswerThatIsNotAValidEnvelopeIsInvalidData(String body, Class<?> cause) {
    server.enqueue(new MockResponse().setBody(body).setHeader("cf-ray", RAY));

    CloudflareInvalidDataException e =
        catchThrowableOfType(
            CloudflareInvalidDataException.class,
            () -> client.accounts().tokens().delete(TOKEN_ID, params()));

    assertThat(e.statusCode()).isEqualTo(200);
    assertThat(e.rayId()).isEqualTo(RAY);
    assertThat(e.headers().get("cf-ray")).isEqualTo(RAY);
    assertThat(e.getCause()).isInstanceOf(cause);
    assertThat(e.getMessage())
        .isEqualTo(
            "HTTP 200 (cf-ray "
                + RAY
                + "): the body is not the Cloudflare envelope the spec describes");
  }

  @Test
  void aMissingRequiredPropertyIsNamedInTheCause() {
    server.enqueue(json(200, "missing-required-id.json"));

    CloudflareInvalidDataException e =
        catchThrowableOfType(
            CloudflareInvalidDataException.class,
            () -> client.accounts().tokens().delete(TOKEN_ID, params()));

    assertThat(e.getCause()).hasMessage("Required property 'id' missing at $.result");
    assertThat(e.rayId()).isNull();
  }

  @Test
  void aNoContentAnswerWhereAnEnvelopeIsExpectedIsInvalidData() {
    server.enqueue(new MockResponse().setResponseCode(204));

    CloudflareInvalidDataException e =
        catchThrowableOfType(
            CloudflareInvalidDataException.class,
            () -> client.accounts().tokens().delete(TOKEN_ID, params()));

    assertThat(e.statusCode()).isEqualTo(204);
  }

  @Test
  void aDroppedConnectionIsAnIoException() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

    CloudflareIoException e =
        catchThrowableOfType(
            CloudflareIoException.class,
            () -> client.accounts().tokens().delete(TOKEN_ID, params()));

    assertThat(e).isInstanceOf(CloudflareException.class);
    assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
    assertThat(e.getMessage())
        .startsWith(
            "DELETE /client/v4/accounts/"
                + Fixtures.ACCOUNT_ID
                + "/tokens/"
                + TOKEN_ID
                + " failed: ");
  }
}
