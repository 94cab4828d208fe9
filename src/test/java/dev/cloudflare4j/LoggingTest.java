package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.API_EMAIL;
import static dev.cloudflare4j.Fixtures.API_KEY;
import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.USER_SERVICE_KEY;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.testapi.WidgetsApi;
import dev.cloudflare4j.testmodel.WidgetCreate;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logs go through System.Logger "dev.cloudflare4j" (JUL here); secrets never reach them. */
class LoggingTest extends ClientTestSupport {

  private LogCapture logs;

  @BeforeEach
  void captureEverything() {
    logs = new LogCapture();
  }

  @AfterEach
  void restore() {
    logs.close();
  }

  private List<String> lines(Level level) {
    return logs.messages(level);
  }

  @Test
  void debugHasOneLinePerAttemptWithStatusAttemptDurationRayAndDelay() {
    server.enqueue(json(503, "failure-not-found.json").setHeader("cf-ray", "ray-a"));
    server.enqueue(json(200, "delete-token-success.json").setHeader("cf-ray", "ray-b"));

    client
        .accounts()
        .tokens()
        .withOptions(RequestOptions.builder().maxRetries(1).build())
        .delete(TOKEN_ID, params());

    List<String> debug = lines(Level.FINE);
    String path = "/client/v4/accounts/" + Fixtures.ACCOUNT_ID + "/tokens/" + TOKEN_ID;
    assertThat(debug).hasSize(2);
    assertThat(debug.get(0))
        .matches(
            "DELETE \\Q"
                + path
                + "\\E -> HTTP 503 \\(attempt 1 of 2, \\d+ ms, cf-ray ray-a\\); retrying in \\d+ ms");
    assertThat(debug.get(1))
        .matches(
            "DELETE \\Q" + path + "\\E -> HTTP 200 \\(attempt 2 of 2, \\d+ ms, cf-ray ray-b\\)");
  }

  @Test
  void debugSaysWhenAndHowLongARequestWaitsForTheRateLimit() {
    server.enqueue(
        json(200, "delete-token-success.json").setHeader("Ratelimit", "\"default\";r=1;t=30"));
    server.enqueue(json(200, "delete-token-success.json"));

    client.accounts().tokens().delete(TOKEN_ID, params());
    client.accounts().tokens().delete(TOKEN_ID, params());

    // One request remained, kept in reserve: the second waits the 30 s until the reset.
    assertThat(lines(Level.FINE))
        .contains(
            "DELETE /client/v4/accounts/"
                + Fixtures.ACCOUNT_ID
                + "/tokens/"
                + TOKEN_ID
                + " waits 30000 ms for the user's rate limit (Cloudflare's Ratelimit headers, or"
                + " a 429's wait)");
    assertThat(timer.delays()).containsExactly(java.time.Duration.ofSeconds(30));
  }

  @Test
  void debugNamesANetworkFailureAndAPlausibleDuration() {
    server.enqueue(
        new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AT_START));

    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> client.accounts().tokens().delete(TOKEN_ID, params())))
        .isInstanceOf(dev.cloudflare4j.errors.CloudflareIoException.class);

    List<String> debug = lines(Level.FINE);
    assertThat(debug).hasSize(1);
    assertThat(debug.get(0))
        .matches("DELETE .* -> \\w+Exception \\(attempt 1 of 1, \\d+ ms, cf-ray none\\)");
    long millis = Long.parseLong(debug.get(0).replaceAll(".*, (\\d+) ms,.*", "$1"));
    assertThat(millis).isBetween(0L, 30_000L);
  }

  @Test
  void traceShowsHeadersWithEveryCredentialRedacted() {
    server.enqueue(
        json(200, "delete-token-success.json")
            .setHeader("Set-Cookie", "__cf_bm=SECRET-COOKIE; path=/")
            .setHeader("cf-ray", "ray-t"));
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"name\":\"w\"}}"));

    client.accounts().tokens().delete(TOKEN_ID, params());
    try (CloudflareClient keyClient = clientBuilder().apiEmail(API_EMAIL).apiKey(API_KEY).build()) {
      keyClient
          .api(WidgetsApi.class)
          .widgetsCreateWidget(
              Fixtures.ACCOUNT_ID, new WidgetCreate("w", null, null, Map.of()), null, null)
          .execute();
    }
    try (CloudflareClient serviceClient =
        clientBuilder().userServiceKey(USER_SERVICE_KEY).build()) {
      server.enqueue(
          new MockResponse()
              .setBody(
                  "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"name\":\"w\"}}"));
      serviceClient
          .api(WidgetsApi.class)
          .widgetsCreateWidget(
              Fixtures.ACCOUNT_ID, new WidgetCreate("w", null, null, Map.of()), null, null)
          .execute();
    }

    List<String> trace = lines(Level.FINER);
    assertThat(trace).hasSize(6);
    assertThat(trace.get(0))
        .contains("request headers: [")
        .contains("Authorization: <redacted>")
        .contains("Accept: application/json");
    assertThat(trace.get(1))
        .contains("-> HTTP 200 headers: [")
        .contains("Set-Cookie: <redacted>")
        .contains("cf-ray: ray-t");
    assertThat(trace.get(2))
        .contains("X-Auth-Email: <redacted>")
        .contains("X-Auth-Key: <redacted>");
    assertThat(trace.get(4)).contains("X-Auth-User-Service-Key: <redacted>");
    for (LogRecord record : logs.records()) {
      assertThat(record.getMessage())
          .doesNotContain(API_TOKEN, API_KEY, API_EMAIL, USER_SERVICE_KEY, "SECRET-COOKIE")
          .doesNotContain(TOKEN_ID + "\"");
      assertThat(record.getParameters()).isNull();
    }
  }

  @Test
  void bodiesAreNeverLogged() {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\""
                    + TOKEN_ID
                    + "\",\"value\":\"ROLLED-SECRET-VALUE\"}}"));

    client.accounts().tokens().delete(TOKEN_ID, params());

    assertThat(logs.records()).isNotEmpty();
    assertThat(logs.records())
        .allSatisfy(
            r -> assertThat(r.getMessage()).doesNotContain("ROLLED-SECRET-VALUE", "success"));
  }
}
