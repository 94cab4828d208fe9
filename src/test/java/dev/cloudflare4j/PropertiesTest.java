package dev.cloudflare4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.testapi.WidgetsApi;
import dev.cloudflare4j.testmodel.WidgetCreate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** Properties over arbitrary input: ids are refused by name or sent exactly; secrets never leak. */
class PropertiesTest {

  private MockWebServer server;
  private String baseUrl;

  @BeforeProperty
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            // Widgets, and calls that ask for it, are refused: failures carry the credential's
            // scheme through the client, which must not echo it.
            return request.getPath().contains("/widgets") || request.getHeader("X-Fail") != null
                ? Fixtures.json(403, "failure-two-errors.json")
                : Fixtures.json(200, "delete-token-success.json");
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
    baseUrl = "http://127.0.0.1:" + server.getPort() + "/client/v4";
  }

  @AfterProperty
  void stop() throws IOException {
    server.shutdown();
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.strings().withChars("0123456789abcdef").ofLength(32)),
            Tuple.of(
                2,
                Arbitraries.strings()
                    .withChars("0123456789abcdef")
                    .ofMinLength(31)
                    .ofMaxLength(33)),
            Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
            Tuple.of(
                2,
                Arbitraries.strings()
                    .withChars("0123456789abcdefAZ-_/.%2F \r\n\t")
                    .ofMaxLength(34)),
            Tuple.of(
                1,
                Arbitraries.of(
                    "", "..", ".", "/", "%2F", "a/b", "\r\n", " ", "%", "a".repeat(32) + "/")))
        .injectNull(0.03);
  }

  @Property(tries = 400)
  @StatisticsReport(onFailureOnly = true)
  void anIdIsRefusedByNameBeforeAnyRequestOrSentExactlyAsGiven(
      @ForAll("ids") String accountId, @ForAll("ids") String tokenId) throws Exception {
    int before = server.getRequestCount();
    try (CloudflareClient client =
        CloudflareClient.builder()
            .apiToken(Fixtures.API_TOKEN)
            .baseUrl(baseUrl)
            .maxRetries(0)
            .build()) {
      try {
        TokenDeleteParams params = TokenDeleteParams.builder().accountId(accountId).build();
        assertThat(client.accounts().tokens().delete(tokenId, params)).isPresent();
      } catch (RuntimeException e) {
        if (tokenId == null) {
          assertThat(e).isExactlyInstanceOf(NullPointerException.class);
          assertThat(e).hasMessage("tokenId must not be null");
        } else if (accountId == null) {
          assertThat(e).isExactlyInstanceOf(IllegalArgumentException.class);
          assertThat(e)
              .hasMessageStartingWith("Path parameter \"account_id\" value must not be null.");
        } else {
          assertThat(e).isExactlyInstanceOf(IllegalArgumentException.class);
          assertThat(e.getMessage()).matches("(accountId|tokenId) (must|may) .*");
        }
        assertThat(server.getRequestCount()).isEqualTo(before);
        Statistics.label("outcome").collect("refused");
        return;
      }
    }
    assertThat(server.getRequestCount()).isEqualTo(before + 1);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getRequestUrl().pathSegments())
        .containsExactly("client", "v4", "accounts", accountId, "tokens", tokenId);
    assertThat(request.getPath())
        .isEqualTo("/client/v4/accounts/" + accountId + "/tokens/" + tokenId);
    Statistics.label("outcome").collect("sent");
    // Both outcomes must be common enough for the property to mean something.
    Statistics.label("outcome")
        .coverage(
            coverage -> {
              coverage.check("sent").percentage(p -> p > 10);
              coverage.check("refused").percentage(p -> p > 30);
            });
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMinLength(12).ofMaxLength(60),
        Arbitraries.strings().ascii().ofMinLength(12).ofMaxLength(60),
        Arbitraries.strings().withCharRange('!', '~').ofMinLength(12).ofMaxLength(60),
        Arbitraries.strings()
            .withCharRange('!', '~')
            .ofMinLength(12)
            .ofMaxLength(40)
            .map(s -> s + "\r\nX-Injected: 1"));
  }

  @Provide
  Arbitrary<String> kinds() {
    return Arbitraries.of("apiToken", "apiKey", "apiEmail", "userServiceKey");
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  @StatisticsReport(onFailureOnly = true)
  void aCredentialNeverAppearsInMessagesDescriptionsOrLogs(
      @ForAll("secrets") String secret, @ForAll("kinds") String kind) {
    try (LogCapture logs = new LogCapture()) {
      CloudflareClient.Builder builder = CloudflareClient.builder().baseUrl(baseUrl).maxRetries(0);
      switch (kind) {
        case "apiToken" -> builder.apiToken(secret);
        case "apiKey" -> builder.apiEmail(Fixtures.API_EMAIL).apiKey(secret);
        case "apiEmail" -> builder.apiKey(Fixtures.API_KEY).apiEmail(secret);
        default -> builder.userServiceKey(secret);
      }
      assertThat(builder.toString()).doesNotContain(secret);
      try (CloudflareClient client = builder.build()) {
        Statistics.label("credential").collect("accepted");
        assertThat(client.toString()).doesNotContain(secret);
        assertFailsWithoutSecret(
            () ->
                client
                    .accounts()
                    .tokens()
                    .withOptions(RequestOptions.builder().header("X-Fail", "1").build())
                    .delete(Fixtures.TOKEN_ID, Fixtures.params()),
            secret);
        assertFailsWithoutSecret(
            () ->
                client
                    .api(WidgetsApi.class)
                    .widgetsCreateWidget(
                        Fixtures.ACCOUNT_ID,
                        new WidgetCreate("w", null, null, Map.of()),
                        null,
                        null)
                    .execute(),
            secret);
      } catch (IllegalArgumentException | IllegalStateException e) {
        Statistics.label("credential").collect("refused");
        assertNoSecret(e, secret);
      }
      Statistics.label("credential")
          .coverage(
              coverage -> {
                coverage.check("accepted").percentage(p -> p > 15);
                coverage.check("refused").percentage(p -> p > 15);
              });
      for (LogRecord record : logs.records()) {
        assertThat(record.getMessage()).doesNotContain(secret);
      }
    }
  }

  private static void assertFailsWithoutSecret(Runnable call, String secret) {
    try {
      call.run();
    } catch (RuntimeException e) {
      assertNoSecret(e, secret);
      return;
    }
    throw new AssertionError("expected the call to fail");
  }

  private static void assertNoSecret(Throwable e, String secret) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(secret);
    assertThat(String.valueOf(e.getMessage())).doesNotContain(secret);
  }
}
