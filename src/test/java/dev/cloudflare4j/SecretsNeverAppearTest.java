package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.API_EMAIL;
import static dev.cloudflare4j.Fixtures.API_KEY;
import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.USER_SERVICE_KEY;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static dev.cloudflare4j.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.model.IamCreatePayload;
import dev.cloudflare4j.model.IamResponseSingleValue;
import dev.cloudflare4j.model.IamSingleTokenCreateResponse;
import dev.cloudflare4j.model.IamTokenWithValue;
import dev.cloudflare4j.testapi.WidgetsApi;
import dev.cloudflare4j.testmodel.WidgetCreate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/**
 * Runs the suite's failure scenarios with recognisable credentials and checks that none of them
 * appears in any exception message, stack trace or {@code toString()}.
 */
class SecretsNeverAppearTest extends ClientTestSupport {

  /** Token values in the Create and Roll answers of the fixtures (x-sensitive in the spec). */
  private static final String CREATED_VALUE = "cfat_TheNewSecretValueOfTheCreatedToken0123456789ab";

  private static final String ROLLED_VALUE =
      "cfat_TheRolledSecretValueOfTheToken00000000123456789ab";

  /** A leaked value a user hands us to revoke. */
  private static final String LEAKED = "cfat_LeakedValueTheServerEchoesBack0123456789abcdef";

  /** A credential of someone else's that a server's error text mentions. */
  private static final String IN_SERVER_TEXT = "cfut_MentionedInAnErrorMessage0123456789abcdefABCD";

  private static final String[] SECRETS = {
    API_TOKEN,
    API_KEY,
    API_EMAIL,
    USER_SERVICE_KEY,
    CREATED_VALUE,
    ROLLED_VALUE,
    LEAKED,
    IN_SERVER_TEXT
  };

  /** A failure envelope whose message holds the given text. */
  private static MockResponse failureSaying(int status, String text) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"success\":false,\"errors\":[{\"code\":1000,\"message\":\"Invalid API Token "
                + text
                + "\"}],\"messages\":[],\"result\":null}");
  }

  private final List<Throwable> failures = new ArrayList<>();
  private final List<Object> described = new ArrayList<>();

  private void capture(Runnable call) {
    try {
      call.run();
      throw new AssertionError("expected the call to fail");
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  @Test
  void noSecretInAnyFailureDescriptionOrLog() {
    try (LogCapture logs = new LogCapture()) {
      runScenarios();
      assertThat(logs.messages(java.util.logging.Level.FINER)).isNotEmpty();
      for (java.util.logging.LogRecord record : logs.records()) {
        assertThat(record.getMessage()).doesNotContain(SECRETS);
      }
    }
    assertThat(failures).hasSizeGreaterThan(30);
    for (Throwable failure : failures) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      assertThat(trace.toString()).as(failure.toString()).doesNotContain(SECRETS);
      assertThat(String.valueOf(failure.getMessage())).doesNotContain(SECRETS);
    }
    for (Object object : described) {
      assertThat(object.toString()).doesNotContain(SECRETS);
    }
    // The secrets did reach the server, in their headers only: the scenarios above were real.
    assertThat(server.getRequestCount()).isGreaterThan(20);
  }

  private void runScenarios() {
    CloudflareClient.Builder builder = allCredentialsBuilder();
    described.add(builder);
    CloudflareClient all = builder.build();
    CloudflareClient keyOnly = clientBuilder().apiEmail(API_EMAIL).apiKey(API_KEY).build();
    described.add(all);
    described.add(keyOnly);
    described.add(params());
    described.add(all.api(WidgetsApi.class));

    for (int status : new int[] {400, 401, 403, 404, 409, 418, 422, 429, 500, 502, 503}) {
      server.enqueue(json(status, "failure-two-errors.json").setHeader("cf-ray", "r-1"));
      capture(() -> all.accounts().tokens().delete(TOKEN_ID, params()));
    }
    server.enqueue(json(200, "success-false-on-200.json"));
    capture(() -> all.accounts().tokens().delete(TOKEN_ID, params()));
    for (String body : new String[] {read("html-502.html"), read("truncated.json"), ""}) {
      server.enqueue(new MockResponse().setResponseCode(502).setBody(body));
      capture(() -> all.accounts().tokens().delete(TOKEN_ID, params()));
      server.enqueue(new MockResponse().setBody(body));
      capture(() -> all.accounts().tokens().delete(TOKEN_ID, params()));
    }
    server.enqueue(json(200, "missing-required-id.json"));
    capture(() -> all.accounts().tokens().delete(TOKEN_ID, params()));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    capture(() -> all.accounts().tokens().delete(TOKEN_ID, params()));
    server.enqueue(
        new MockResponse().setResponseCode(401).setBody(read("failure-two-errors.json")));
    capture(
        () ->
            keyOnly
                .api(WidgetsApi.class)
                .widgetsCreateWidget(
                    ACCOUNT_ID, new WidgetCreate("w", null, null, Map.of()), null, null)
                .execute());

    // A credential pasted where an id belongs is refused without being echoed.
    capture(() -> all.accounts().tokens().delete(API_TOKEN, params()));
    capture(() -> all.accounts().tokens().delete(USER_SERVICE_KEY, params()));
    capture(
        () ->
            all.accounts()
                .tokens()
                .delete(TOKEN_ID, TokenDeleteParams.builder().accountId(API_KEY).build()));
    capture(() -> keyOnly.accounts().tokens().delete(TOKEN_ID, params()));
    capture(() -> clientBuilder().apiToken(API_TOKEN + "\n").build());
    capture(() -> clientBuilder().apiEmail(API_EMAIL + " ").apiKey(API_KEY).build());
    capture(() -> clientBuilder().apiKey(API_KEY).build());
    capture(() -> clientBuilder().userServiceKey("\t" + USER_SERVICE_KEY).build());
    capture(
        () -> clientBuilder().apiToken(API_TOKEN).baseUrl("https://u:" + API_KEY + "@h/").build());
    // Retried failures, and a raw response of a success.
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "1"));
    }
    capture(
        () ->
            all.accounts()
                .tokens()
                .withOptions(RequestOptions.builder().maxRetries(1).build())
                .delete(TOKEN_ID, params()));
    server.enqueue(json(200, "delete-token-success.json"));
    described.add(all.accounts().tokens().withRawResponse().delete(TOKEN_ID, params()));
    described.add(RequestOptions.builder().header("X-Note", API_TOKEN).build());
    capture(() -> RequestOptions.builder().header("X-Note", API_KEY + "\n"));
    capture(() -> RequestOptions.builder().header("Authorization", "Bearer " + API_TOKEN));
    capture(() -> all.accounts().tokens().deleteAsync(TOKEN_ID, null).join());
    server.enqueue(json(401, "failure-two-errors.json"));
    capture(() -> all.accounts().tokens().deleteAsync(TOKEN_ID, params()).join());
    runTokenValueScenarios(all);
    runLeakScenarios(all);
    all.close();
    capture(() -> all.accounts().tokens().delete(TOKEN_ID, params()));
    keyOnly.close();
    runCliScenarios();
  }

  /** Answers that carry a token's value: the records that hold it and the failures that read it. */
  private void runTokenValueScenarios(CloudflareClient all) {
    AccountOwnedApiTokensApi tokens = all.api(AccountOwnedApiTokensApi.class);
    IamCreatePayload payload =
        new IamCreatePayload("deploy", List.of(), null, null, null, Map.of());
    server.enqueue(json(200, "create-token-with-value.json"));
    RawResponse<IamTokenWithValue> created =
        tokens.accountApiTokensCreateToken(ACCOUNT_ID, payload).executeRaw();
    assertThat(created.value().value().reveal()).isEqualTo(CREATED_VALUE);
    described.add(created);
    described.add(created.envelope(IamSingleTokenCreateResponse.class));
    described.add(created.value());
    described.add(created.value().value());
    server.enqueue(json(200, "roll-token-value.json"));
    RawResponse<Secret> rolled =
        tokens.accountApiTokensRollToken(ACCOUNT_ID, TOKEN_ID, Map.of()).executeRaw();
    assertThat(rolled.value().reveal()).isEqualTo(ROLLED_VALUE);
    described.add(rolled);
    described.add(rolled.envelope(IamResponseSingleValue.class));
    described.add(rolled.value());
    // Answers that carry a value but are refused: bad envelope, failure status, success:false.
    server.enqueue(json(200, "roll-token-missing-errors.json"));
    capture(() -> tokens.accountApiTokensRollToken(ACCOUNT_ID, TOKEN_ID, Map.of()).execute());
    server.enqueue(json(403, "roll-token-value.json"));
    capture(() -> tokens.accountApiTokensRollToken(ACCOUNT_ID, TOKEN_ID, Map.of()).execute());
    server.enqueue(
        new MockResponse()
            .setBody(
                read("create-token-with-value.json")
                    .replace("\"success\": true", "\"success\": false")));
    capture(() -> tokens.accountApiTokensCreateToken(ACCOUNT_ID, payload).execute());
    described.add(tokens.accountApiTokensCreateToken(ACCOUNT_ID, payload));
  }

  /** Revoking a leaked value, and servers that repeat a credential in their error text. */
  private void runLeakScenarios(CloudflareClient all) {
    // A value no longer accepted is an outcome, which keeps Cloudflare's refusal: described.
    server.enqueue(failureSaying(401, LEAKED));
    server.enqueue(json(200, "list-tokens-page.json"));
    RevokedToken notAccepted = all.accounts().tokens().revokeLeaked(ACCOUNT_ID, LEAKED);
    assertThat(notAccepted.wasRevoked()).isFalse();
    described.add(notAccepted);
    failures.add(notAccepted.refusal());
    // An older value is tried at the account, then at the user: two refusals.
    server.enqueue(failureSaying(401, "(" + IN_SERVER_TEXT + ")"));
    server.enqueue(failureSaying(403, IN_SERVER_TEXT + "."));
    capture(() -> all.accounts().tokens().revokeLeaked(ACCOUNT_ID, "Legacy0123456789abcdefABCDEF"));
    server.enqueue(failureSaying(500, "for " + IN_SERVER_TEXT));
    capture(() -> all.accounts().tokens().delete(TOKEN_ID, params()));
    capture(() -> all.accounts().tokens().revokeLeaked(ACCOUNT_ID, LEAKED + "\n"));
    capture(() -> all.accounts().tokens().revokeLeaked(ACCOUNT_ID, "cfk_" + LEAKED.substring(5)));
    server.enqueue(json(200, "verify-token.json"));
    server.enqueue(json(200, "delete-token-success.json"));
    described.add(all.accounts().tokens().revokeLeaked(ACCOUNT_ID, LEAKED));
  }

  /** The command line's failures, with the secrets in its environment. */
  private void runCliScenarios() {
    java.util.Map<String, String> env =
        new java.util.HashMap<>(
            java.util.Map.of(
                "CLOUDFLARE_API_TOKEN", API_TOKEN,
                "CLOUDFLARE_API_KEY", API_KEY,
                "CLOUDFLARE_EMAIL", API_EMAIL,
                "CLOUDFLARE_API_USER_SERVICE_KEY", USER_SERVICE_KEY,
                "CLOUDFLARE_BASE_URL", baseUrl()));
    server.enqueue(json(403, "failure-two-errors.json"));
    server.enqueue(new MockResponse().setResponseCode(502).setBody(read("html-502.html")));
    cli(
        env,
        "tokens",
        "delete",
        "--max-retries",
        "0",
        "--account-id",
        Fixtures.ACCOUNT_ID,
        TOKEN_ID,
        TOKEN_ID);
    cli(env, "tokens", "delete", "--json", "--account-id", Fixtures.ACCOUNT_ID, API_TOKEN);
    env.put("CLOUDFLARE_BASE_URL", "http://127.0.0.1:1/client/v4");
    cli(
        env,
        "tokens",
        "delete",
        "--max-retries",
        "0",
        "--account-id",
        Fixtures.ACCOUNT_ID,
        TOKEN_ID);
    env.put("CLOUDFLARE_BASE_URL", baseUrl());
    server.enqueue(failureSaying(404, IN_SERVER_TEXT));
    cli(env, "tokens", "delete", "--json", "--account-id", Fixtures.ACCOUNT_ID, TOKEN_ID);
    // Refused otherwise than 401 (a 401 is the outcome "not accepted", exit 0): a failure.
    server.enqueue(failureSaying(403, LEAKED));
    cliWithInput(LEAKED, env, "tokens", "revoke-leaked", "--account-id", Fixtures.ACCOUNT_ID);
    cliWithInput(LEAKED, env, "tokens", "revoke-leaked", "--account-id", "x");
    env.put("CLOUDFLARE_API_TOKEN", API_TOKEN + "\n");
    cli(env, "tokens", "delete", "--account-id", Fixtures.ACCOUNT_ID, TOKEN_ID);
  }

  private void cliWithInput(String input, java.util.Map<String, String> env, String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int exit =
        dev.cloudflare4j.cli.Main.run(
            args,
            env::get,
            new java.io.ByteArrayInputStream(
                input.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(exit).isPositive();
    described.add(out.toString(java.nio.charset.StandardCharsets.UTF_8));
    described.add(err.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void cli(java.util.Map<String, String> env, String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int exit =
        dev.cloudflare4j.cli.Main.run(
            args,
            env::get,
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(exit).isPositive();
    described.add(out.toString(java.nio.charset.StandardCharsets.UTF_8));
    described.add(err.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(err.size()).isPositive();
  }
}
