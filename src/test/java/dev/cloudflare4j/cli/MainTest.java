package dev.cloudflare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.sandbox.CloudflareSandbox;
import dev.cloudflare4j.sandbox.SandboxToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command line, run in-process against the sandbox. */
class MainTest {

  private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";

  private CloudflareSandbox sandbox;
  private final Map<String, String> env = new HashMap<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    sandbox = CloudflareSandbox.start();
    env.put("CLOUDFLARE_API_TOKEN", sandbox.apiToken());
    env.put("CLOUDFLARE_BASE_URL", sandbox.baseUrl());
  }

  @AfterEach
  void stop() {
    sandbox.close();
    // Whatever a test did, the credential never reaches the output.
    assertThat(out()).doesNotContain(sandbox.apiToken());
    assertThat(err()).doesNotContain(sandbox.apiToken());
  }

  private int run(String... args) {
    return Main.run(
        args,
        env::get,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** The command tree {@code Main} builds for these arguments, without running it. */
  private picocli.CommandLine commandFor(String... args) {
    return Main.command(
        new Main(env::get, java.io.InputStream.nullInputStream(), System.out, System.err, false),
        args);
  }

  private int runWithInput(String input, String... args) {
    return Main.run(
        args,
        env::get,
        new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void revokeLeakedReadsTheValueFromStdinAndNeverPrintsIt() {
    SandboxToken leaked = sandbox.issueToken(ACCOUNT);

    int exit =
        runWithInput(leaked.value() + "\n", "tokens", "revoke-leaked", "--account-id", ACCOUNT);

    assertThat(exit).isZero();
    assertThat(out()).isEqualTo("token " + leaked.id() + ": revoked (account-owned)\n");
    assertThat(sandbox.hasToken(ACCOUNT, leaked.id())).isFalse();
    assertThat(out() + err()).doesNotContain(leaked.value());
  }

  @Test
  void revokeLeakedOfAValueNoLongerAcceptedSaysSoAndExitsZeroWithoutEchoingIt() {
    SandboxToken leaked = sandbox.issueToken(ACCOUNT);
    SandboxToken kept = sandbox.issueToken(ACCOUNT);
    assertThat(runWithInput(leaked.value(), "tokens", "revoke-leaked", "--account-id", ACCOUNT))
        .isZero();
    out.reset();

    int text = runWithInput(leaked.value(), "tokens", "revoke-leaked", "--account-id", ACCOUNT);
    String said = out();
    out.reset();
    int json =
        runWithInput(leaked.value(), "tokens", "revoke-leaked", "--json", "--account-id", ACCOUNT);

    assertThat(text).isZero();
    assertThat(said)
        .isEqualTo(
            "not accepted by Cloudflare (already revoked, rolled or expired, or never a token):"
                + " nothing left to revoke\n");
    assertThat(json).isZero();
    assertThat(out())
        .isEqualTo("{\"owner\":\"account\",\"revoked\":false,\"outcome\":\"not_accepted\"}\n");
    assertThat(sandbox.tokenIds(ACCOUNT)).containsExactly(kept.id());
    assertThat(out() + err() + said).doesNotContain(leaked.value());
  }

  @Test
  void revokeLeakedRefusesEmptyOrSeveralValuesAsUsageErrors() {
    assertThat(runWithInput("  \n", "tokens", "revoke-leaked", "--account-id", ACCOUNT))
        .isEqualTo(2);
    assertThat(err()).contains("reads the leaked value from standard input, and it was empty");
    assertThat(runWithInput("one two", "tokens", "revoke-leaked", "--account-id", ACCOUNT))
        .isEqualTo(2);
    assertThat(err()).contains("more than one word").doesNotContain("one two");
    assertThat(runWithInput("x".repeat(5000), "tokens", "revoke-leaked", "--account-id", ACCOUNT))
        .isEqualTo(2);
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void deleteReadsIdsFromStdinWithDashAndShowsProgressWhenAsked() {
    String first = sandbox.createToken(ACCOUNT);
    String second = sandbox.createToken(ACCOUNT);

    int exit =
        runWithInput(
            "# revoked after the incident\n" + first + "\n\n  " + second + "  \n",
            "tokens",
            "delete",
            "--progress",
            "--account-id",
            ACCOUNT,
            "-");

    assertThat(exit).isZero();
    assertThat(out()).isEqualTo("token " + first + ": deleted\ntoken " + second + ": deleted\n");
    assertThat(err()).isEqualTo("\r1/2 done\r2/2 done\nsummary: 2 tokens: 2 deleted\n");
    assertThat(sandbox.tokenIds(ACCOUNT)).isEmpty();
    err.reset();
    assertThat(runWithInput("# nothing\n", "tokens", "delete", "--account-id", ACCOUNT, "-"))
        .isEqualTo(Main.USAGE);
    assertThat(err()).isEqualTo("error: '-' reads token ids from standard input: none given\n");
  }

  private static final String TOKEN = "ed17574386854bf78a67040be0a770b0";
  private static final String LIMITED =
      "{\"success\":false,\"errors\":[{\"code\":971,\"message\":\"Please wait and consider"
          + " throttling your request speed\"}],\"messages\":[],\"result\":null}";

  /** A scripted server in place of the sandbox, answering these in turn. */
  private okhttp3.mockwebserver.MockWebServer scripted(
      okhttp3.mockwebserver.MockResponse... answers) throws java.io.IOException {
    okhttp3.mockwebserver.MockWebServer server = new okhttp3.mockwebserver.MockWebServer();
    for (okhttp3.mockwebserver.MockResponse answer : answers) {
      server.enqueue(answer);
    }
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    env.put("CLOUDFLARE_BASE_URL", "http://127.0.0.1:" + server.getPort() + "/client/v4");
    return server;
  }

  @Test
  void aWaitOfASecondOrMoreIsShownOnTheProgressLineWithWhatItIsFor() throws Exception {
    try (okhttp3.mockwebserver.MockWebServer limited =
        scripted(
            new okhttp3.mockwebserver.MockResponse()
                .setResponseCode(429)
                .setHeader("Retry-After", "1")
                .setBody(LIMITED),
            new okhttp3.mockwebserver.MockResponse()
                .setBody(
                    "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\""
                        + TOKEN
                        + "\"}}"))) {

      int exit = run("tokens", "delete", "--progress", "--account-id", ACCOUNT, TOKEN);

      assertThat(exit).isZero();
      assertThat(limited.getRequestCount()).isEqualTo(2);
    }
    String waiting = "0/1 done, waiting 1 s for Cloudflare's rate limit (a 429)";
    // The count that follows blanks what is left of the longer line.
    assertThat(err())
        .isEqualTo("\r" + waiting + "\r1/1 done" + " ".repeat(waiting.length() - 8) + "\n");
    assertThat(out()).isEqualTo("token " + TOKEN + ": deleted\n");
  }

  @Test
  void waitsAreShownInWholeSecondsRoundedUp() {
    assertThat(Main.Delete.Tally.seconds(java.time.Duration.ofMillis(1200))).isEqualTo("2 s");
    assertThat(Main.Delete.Tally.seconds(java.time.Duration.ofSeconds(59))).isEqualTo("59 s");
    assertThat(Main.Delete.Tally.seconds(java.time.Duration.ofSeconds(60))).isEqualTo("1 min");
    assertThat(Main.Delete.Tally.seconds(java.time.Duration.ofSeconds(298)))
        .isEqualTo("4 min 58 s");
  }

  @Test
  void maxServerWaitBoundsTheWaitARefusalMayAskFor() throws Exception {
    try (okhttp3.mockwebserver.MockWebServer limited =
        scripted(
            new okhttp3.mockwebserver.MockResponse()
                .setResponseCode(429)
                .setHeader("Retry-After", "1")
                .setBody(LIMITED))) {

      int exit = run("tokens", "delete", "--max-server-wait", "0", "--account-id", ACCOUNT, TOKEN);

      // Asked to wait longer than allowed: refused at once, not retried.
      assertThat(exit).isEqualTo(1);
      assertThat(limited.getRequestCount()).isEqualTo(1);
      assertThat(err()).contains("971");
    }
    err.reset();
    assertThat(run("tokens", "delete", "--max-server-wait", "-1", "--account-id", ACCOUNT, TOKEN))
        .isEqualTo(Main.USAGE);
    assertThat(err())
        .isEqualTo("error: --max-server-wait must be a whole number of seconds from 0 (was -1)\n");
  }

  @Test
  void aMalformedAccountIdIsOneUsageErrorAndNothingIsSent() {
    String[] ids = {sandbox.createToken(ACCOUNT), sandbox.createToken(ACCOUNT)};

    int exit = run("tokens", "delete", "--account-id", "023e105f", ids[0], ids[1]);

    assertThat(exit).isEqualTo(Main.USAGE);
    assertThat(err().lines())
        .singleElement()
        .asString()
        .startsWith("error: --account-id: accountId");
    assertThat(out()).isEmpty();
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void scanRevokesEveryTokenFoundInATextAndReportsAGlobalKey(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    SandboxToken account = sandbox.issueToken(ACCOUNT);
    SandboxToken user = sandbox.issueUserToken();
    SandboxToken bystander = sandbox.issueToken(ACCOUNT);
    String key = "cfk_" + "k".repeat(40) + "0a1b2c3d";
    String dead = "cfat_" + "d".repeat(40) + "0a1b2c3d";
    String wrangler = "cfoat_" + "w".repeat(40) + "0a1b2c3d";
    String log =
        "12:00 deploy started with CLOUDFLARE_API_TOKEN="
            + account.value()
            + "\n12:01 retry, token "
            + account.value()
            + "\n12:02 user token: '"
            + user.value()
            + "'\n12:03 key="
            + key
            + " old="
            + dead
            + "\n12:04 wrangler: "
            + wrangler
            + "\n";
    java.nio.file.Path file = dir.resolve("build.log");
    java.nio.file.Files.writeString(file, log);

    int exit = run("tokens", "revoke-leaked", "--account-id", ACCOUNT, "--scan", file.toString());

    assertThat(exit).isEqualTo(Main.API_FAILURE);
    assertThat(out())
        .isEqualTo(
            "token "
                + account.id()
                + ": revoked (account-owned), cfat_... on line 1\n"
                + "token "
                + user.id()
                + ": revoked (user-owned), cfut_... on line 3\n"
                + "cfat_... on line 4: not accepted by Cloudflare (already revoked, rolled or"
                + " expired, or never a token): nothing left to revoke\n");
    assertThat(err())
        .contains("cfk_... on line 4: a Global API Key: the API cannot revoke it; change it in")
        .doesNotContain("HTTP 401")
        .contains(
            "cfoat_... on line 5: not sent: leakedValue is a Wrangler OAuth token (it starts with"
                + " cfoat_), not an API token: revoke it with `wrangler logout`");
    assertThat(sandbox.tokenIds(ACCOUNT)).containsExactly(bystander.id());
    assertThat(sandbox.hasUserToken(user.id())).isFalse();
    assertThat(out() + err())
        .doesNotContain(account.value())
        .doesNotContain(user.value())
        .doesNotContain(key)
        .doesNotContain(dead)
        .doesNotContain(wrangler);
    out.reset();
    err.reset();
    assertThat(
            runWithInput(
                "nothing to see",
                "tokens",
                "revoke-leaked",
                "--account-id",
                ACCOUNT,
                "--scan",
                "-"))
        .isZero();
    assertThat(err())
        .isEqualTo("no Cloudflare credential (cfat_, cfut_, cfk_, cfoat_, cfast_) found\n");
  }

  @Test
  void listPrintsEveryTokenOfTheAccountAsTextOrJson() {
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 23; i++) {
      ids.add(sandbox.createToken(ACCOUNT));
    }

    assertThat(run("tokens", "list", "--account-id", ACCOUNT)).isZero();
    assertThat(out().lines()).hasSize(23);
    assertThat(out().lines().map(line -> line.substring(0, line.indexOf('\t'))))
        .containsExactlyElementsOf(ids);
    assertThat(out().lines().findFirst().orElseThrow()).contains("\tactive\t-\t-\tsandbox token");
    out.reset();
    assertThat(run("tokens", "list", "--json", "--account-id", ACCOUNT)).isZero();
    assertThat(out().lines().findFirst().orElseThrow())
        .isEqualTo(
            "{\"id\":\"" + ids.get(0) + "\",\"name\":\"sandbox token\",\"status\":\"active\"}");
  }

  @Test
  void rollPrintsTheNewValueAloneOnStdoutAndWarnsOnStderr() {
    SandboxToken token = sandbox.issueToken(ACCOUNT);

    int exit = run("tokens", "roll", "--account-id", ACCOUNT, token.id());

    assertThat(exit).isZero();
    String value = out().strip();
    assertThat(out()).isEqualTo(value + "\n");
    assertThat(value).startsWith("cfat_").isNotEqualTo(token.value());
    assertThat(err())
        .isEqualTo(
            "warning: the new value of token "
                + token.id()
                + " is on stdout and will not be shown again; the old value no longer works\n")
        .doesNotContain(value);
    // The new value is the token's: the CLI verifies with it; the old one no longer does.
    env.put("CLOUDFLARE_API_TOKEN", value);
    out.reset();
    assertThat(run("tokens", "verify", "--account-id", ACCOUNT)).isZero();
    assertThat(out()).startsWith("token " + token.id() + ": active");
    env.put("CLOUDFLARE_API_TOKEN", token.value());
    assertThat(run("tokens", "verify", "--account-id", ACCOUNT)).isEqualTo(Main.API_FAILURE);
  }

  @Test
  void getShowsOneTokenAndAMissingOneExitsOne() {
    SandboxToken token = sandbox.issueToken(ACCOUNT);

    assertThat(run("tokens", "get", "--account-id", ACCOUNT, token.id())).isZero();
    assertThat(out())
        .startsWith("id: " + token.id() + "\nname: sandbox token\nstatus: active\nissued_on: 20")
        .endsWith("\nexpires_on: -\nlast_used_on: -\npolicies: 0\n");
    out.reset();
    assertThat(run("tokens", "get", "--json", "--account-id", ACCOUNT, token.id())).isZero();
    assertThat(out())
        .startsWith("{\"id\":\"" + token.id() + "\",\"name\":\"sandbox token\"")
        .endsWith("\"policies\":0}\n");
    assertThat(run("tokens", "get", "--account-id", ACCOUNT, "f".repeat(32)))
        .isEqualTo(Main.API_FAILURE);
    assertThat(err()).startsWith("error: HTTP 404 [1003] Invalid or missing token");
  }

  @Test
  void verifyReportsTheCredentialsIdAndStatus() {
    SandboxToken account = sandbox.issueToken(ACCOUNT);

    assertThat(run("tokens", "verify")).isZero();
    assertThat(out()).matches("token [0-9a-f]{32}: active, no expiry\n");
    env.put("CLOUDFLARE_API_TOKEN", account.value());
    out.reset();
    assertThat(run("tokens", "verify", "--json", "--account-id", ACCOUNT)).isZero();
    assertThat(out()).isEqualTo("{\"id\":\"" + account.id() + "\",\"status\":\"active\"}\n");
    assertThat(run("tokens", "verify")).isEqualTo(2);
    assertThat(err()).contains("account-owned (it starts with cfat_)");
    assertThat(out() + err()).doesNotContain(account.value());
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void deletesEveryTokenAndExitsZero() {
    String first = sandbox.createToken(ACCOUNT);
    String second = sandbox.createToken(ACCOUNT);

    int exit = run("tokens", "delete", "--account-id", ACCOUNT, first, second);

    assertThat(exit).isZero();
    assertThat(out()).isEqualTo("token " + first + ": deleted\ntoken " + second + ": deleted\n");
    assertThat(err()).isEqualTo("summary: 2 tokens: 2 deleted\n");
    assertThat(sandbox.hasToken(ACCOUNT, first)).isFalse();
    assertThat(sandbox.hasToken(ACCOUNT, second)).isFalse();
  }

  @Test
  void continuesPastAFailureAndExitsOne() {
    String missing = "ffffffffffffffffffffffffffffffff";
    String present = sandbox.createToken(ACCOUNT);

    int exit = run("tokens", "delete", "--account-id", ACCOUNT, missing, present);

    assertThat(exit).isEqualTo(Main.API_FAILURE);
    assertThat(out()).isEqualTo("token " + present + ": deleted\n");
    assertThat(err())
        .matches(
            "token "
                + missing
                + ": HTTP 404 \\[1003\\] Invalid or missing token \\(cf-ray [0-9a-f]{16}-SBX\\)\n"
                + "summary: 2 tokens: 1 deleted, 1 refused\n");
    assertThat(sandbox.hasToken(ACCOUNT, present)).isFalse();
  }

  @Test
  void jsonPrintsOneObjectPerToken() {
    String present = sandbox.createToken(ACCOUNT);
    String missing = "ffffffffffffffffffffffffffffffff";

    int exit = run("tokens", "delete", "--json", "--account-id", ACCOUNT, present, missing);

    assertThat(exit).isEqualTo(1);
    String[] lines = out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .isEqualTo("{\"token_id\":\"" + present + "\",\"deleted\":true,\"status\":200}");
    assertThat(lines[1])
        .startsWith(
            "{\"token_id\":\""
                + missing
                + "\",\"deleted\":false,\"status\":404,\"errors\":[{\"code\":1003,\"message\":"
                + "\"Invalid or missing token\"}],\"cf_ray\":\"")
        .contains("\",\"error\":\"HTTP 404 [1003] Invalid or missing token (cf-ray ")
        .endsWith("-SBX)\"}");
  }

  @Test
  void jsonReportsInvalidIdsAndNetworkFailuresToo() {
    env.put("CLOUDFLARE_BASE_URL", "http://127.0.0.1:1/client/v4");

    int exit =
        run(
            "tokens",
            "delete",
            "--json",
            "--max-retries",
            "0",
            "--account-id",
            ACCOUNT,
            "a/b",
            "ed17574386854bf78a67040be0a770b0");

    assertThat(exit).isEqualTo(Main.NETWORK_FAILURE);
    String[] lines = out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .isEqualTo(
            "{\"argument\":1,\"deleted\":false,\"error\":\"tokenId may hold only ASCII"
                + " letters, digits, '-' and '_', but holds '/' at index 1\"}");
    assertThat(lines[1])
        .startsWith(
            "{\"token_id\":\"ed17574386854bf78a67040be0a770b0\",\"deleted\":false,\"error\":\"DELETE ");
  }

  @Test
  void anInvalidIdIsAUsageErrorAndSendsNothing() {
    String present = sandbox.createToken(ACCOUNT);

    int exit = run("tokens", "delete", "--account-id", ACCOUNT, "../etc", present);

    assertThat(exit).isEqualTo(Main.USAGE);
    assertThat(err())
        .isEqualTo(
            "token argument 1: not sent: tokenId may hold only ASCII letters, digits, '-' and '_', but"
                + " holds '.' at index 0\nsummary: 2 tokens: 1 deleted, 1 not sent\n");
    assertThat(out()).isEqualTo("token " + present + ": deleted\n");
    assertThat(sandbox.requests()).hasSize(1);
  }

  @Test
  void aNetworkFailureExitsThree() {
    env.put("CLOUDFLARE_BASE_URL", "http://127.0.0.1:1/client/v4");

    int exit =
        run(
            "tokens",
            "delete",
            "--max-retries",
            "0",
            "--account-id",
            ACCOUNT,
            "ed17574386854bf78a67040be0a770b0");

    assertThat(exit).isEqualTo(Main.NETWORK_FAILURE);
    assertThat(err())
        .startsWith("token ed17574386854bf78a67040be0a770b0: network failure: DELETE /client/v4/");
  }

  @Test
  void aWrongTokenFromTheEnvironmentIsRefusedWithoutEchoingIt() {
    String present = sandbox.createToken(ACCOUNT);
    env.put("CLOUDFLARE_API_TOKEN", "WRONG-SECRET-abcdef0123456789");

    int exit = run("tokens", "delete", "--account-id", ACCOUNT, present);

    assertThat(exit).isEqualTo(1);
    assertThat(err())
        .contains("HTTP 403 [10000] Authentication error")
        .doesNotContain("WRONG-SECRET");
    assertThat(sandbox.hasToken(ACCOUNT, present)).isTrue();
  }

  @Test
  void noCredentialIsAUsageError() {
    env.clear();

    int exit = run("tokens", "delete", "--account-id", ACCOUNT, "ed17574386854bf78a67040be0a770b0");

    assertThat(exit).isEqualTo(Main.USAGE);
    assertThat(err())
        .startsWith("error: no Cloudflare credential: set CLOUDFLARE_API_TOKEN,")
        .doesNotContain("apiToken(...)");
  }

  @Test
  void aCredentialWithANewlineIsAUsageErrorWithoutEchoingIt() {
    env.put("CLOUDFLARE_API_TOKEN", "SECRET-FROM-FILE\n");

    int exit = run("tokens", "delete", "--account-id", ACCOUNT, "ed17574386854bf78a67040be0a770b0");

    assertThat(exit).isEqualTo(Main.USAGE);
    assertThat(err())
        .startsWith("error: CLOUDFLARE_API_TOKEN must hold only visible ASCII characters")
        .doesNotContain("SECRET-FROM-FILE");
  }

  @Test
  void baseUrlOptionOverridesTheEnvironment() {
    String present = sandbox.createToken(ACCOUNT);
    env.put("CLOUDFLARE_BASE_URL", "http://127.0.0.1:1/client/v4");

    int exit =
        run("tokens", "delete", "--base-url", sandbox.baseUrl(), "--account-id", ACCOUNT, present);

    assertThat(exit).isZero();
  }

  @Test
  void sandboxModeSeedsTheTokensAndSaysSo() {
    env.clear();

    int exit =
        run(
            "tokens",
            "delete",
            "--sandbox",
            "--account-id",
            ACCOUNT,
            "ed17574386854bf78a67040be0a770b0");

    assertThat(exit).isZero();
    assertThat(out()).isEqualTo("token ed17574386854bf78a67040be0a770b0: deleted\n");
    assertThat(err())
        .matches(
            "using the embedded sandbox at http://127\\.0\\.0\\.1:\\d+/client/v4, seeded with the given tokens: nothing reaches Cloudflare\n");
  }

  @Test
  void sandboxModeSeedsAsManyTokensAsAnAccountHoldsAndSaysSo() {
    env.clear();
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i <= CloudflareSandbox.ACCOUNT_TOKEN_QUOTA; i++) {
      ids.append(String.format("%032x", i)).append('\n');
    }

    int exit =
        runWithInput(ids.toString(), "tokens", "delete", "--sandbox", "--account-id", ACCOUNT, "-");

    // The 501st is not seeded: Cloudflare's answer for it, 404, is what the run reports.
    assertThat(exit).isEqualTo(Main.API_FAILURE);
    assertThat(err())
        .contains(
            "the sandbox holds at most 500 tokens per account (Cloudflare's quota): later ids are"
                + " not seeded\n")
        .contains("summary: 501 tokens: 500 deleted, 1 refused");
  }

  @Test
  void everyTokenCommandTakesSandboxAndNeedsNoCredentialThen() {
    env.clear();
    String id = "ed17574386854bf78a67040be0a770b0";

    assertThat(run("tokens", "list", "--sandbox", "--account-id", ACCOUNT)).isZero();
    assertThat(out()).isEmpty();
    assertThat(err())
        .matches(
            "using the embedded sandbox at http://127\\.0\\.0\\.1:\\d+/client/v4: nothing"
                + " reaches Cloudflare\n");
    out.reset();
    err.reset();

    assertThat(run("tokens", "get", "--sandbox", "--account-id", ACCOUNT, id)).isZero();
    assertThat(out()).startsWith("id: " + id + "\n");
    assertThat(err()).contains("seeded with the given tokens");
    out.reset();

    assertThat(run("tokens", "roll", "--sandbox", "--account-id", ACCOUNT, id)).isZero();
    out.reset();

    assertThat(run("tokens", "verify", "--sandbox")).isZero();
    assertThat(out()).contains(": active");
    out.reset();

    String leaked = "cfat_" + "q".repeat(40) + "0a1b2c3d";
    assertThat(
            runWithInput(leaked, "tokens", "revoke-leaked", "--sandbox", "--account-id", ACCOUNT))
        .isZero();
    assertThat(out()).startsWith("not accepted by Cloudflare");
    assertThat(out() + err()).doesNotContain(leaked);
  }

  @Test
  void aMistypedOptionIsNamedWithTheOneMeantInAFewLines() {
    int exit = run("tokens", "delete", "--acount-id", ACCOUNT, "ed17574386854bf78a67040be0a770b0");

    assertThat(exit).isEqualTo(Main.USAGE);
    assertThat(err())
        .startsWith("error: delete has no option --acount-id; did you mean --account-id?\n")
        .endsWith("'cloudflare4j tokens delete --help' lists the options.\n");
    assertThat(err().lines()).hasSizeLessThanOrEqualTo(3);
    err.reset();

    assertThat(run("tokens", "list", "--sandbx", "--account-id", ACCOUNT)).isEqualTo(Main.USAGE);
    assertThat(err()).startsWith("error: list has no option --sandbx; did you mean --sandbox?\n");
    assertThat(Main.editDistance("--acount-id", "--account-id")).isEqualTo(1);
    assertThat(Main.editDistance("", "abc")).isEqualTo(3);
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("tokens", "delete", "ed17574386854bf78a67040be0a770b0")).isEqualTo(2);
    assertThat(err()).contains("Missing required option: '--account-id=<id>'");
    assertThat(run("tokens", "delete", "--account-id", ACCOUNT)).isEqualTo(2);
    assertThat(run("tokens")).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
    assertThat(run("tokens", "delete", "--max-retries", "-1", "--account-id", ACCOUNT, "x"))
        .isEqualTo(2);
  }

  @Test
  void ignoreMissingCountsATokenAlreadyGoneAsDeletedSoAReRunFinishesCleanly() {
    String gone = "ffffffffffffffffffffffffffffffff";
    String present = sandbox.createToken(ACCOUNT);

    int exit = run("tokens", "delete", "--ignore-missing", "--account-id", ACCOUNT, gone, present);

    assertThat(exit).isZero();
    assertThat(out())
        .isEqualTo("token " + gone + ": already gone (404)\ntoken " + present + ": deleted\n");
    assertThat(err()).isEqualTo("summary: 2 tokens: 1 deleted, 1 already gone\n");
    out.reset();
    assertThat(run("tokens", "delete", "--ignore-missing", "--json", "--account-id", ACCOUNT, gone))
        .isZero();
    assertThat(out()).startsWith("{\"token_id\":\"" + gone + "\",\"deleted\":true,\"status\":404,");
    // Other refusals still fail the run.
    sandbox.failNext(1, 403);
    assertThat(run("tokens", "delete", "--ignore-missing", "--account-id", ACCOUNT, gone))
        .isEqualTo(Main.API_FAILURE);
  }

  @Test
  void theRateLimitSpacesABulkRunAndABadOneIsAUsageError() {
    String[] ids = {
      sandbox.createToken(ACCOUNT), sandbox.createToken(ACCOUNT), sandbox.createToken(ACCOUNT)
    };

    long start = System.nanoTime();
    int exit =
        run(
            "tokens",
            "delete",
            "--rate-limit",
            "2/1",
            "--account-id",
            ACCOUNT,
            ids[0],
            ids[1],
            ids[2]);
    long elapsed = System.nanoTime() - start;

    assertThat(exit).isZero();
    // Two may start at once; the third not before a second after the first.
    assertThat(elapsed).isGreaterThanOrEqualTo(java.util.concurrent.TimeUnit.SECONDS.toNanos(1));
    for (String bad : new String[] {"0/300", "1200", "1200/0", "a/b", "1200/300/1", "1000000/1"}) {
      err.reset();
      assertThat(run("tokens", "delete", "--rate-limit", bad, "--account-id", ACCOUNT, ids[0]))
          .as(bad)
          .isEqualTo(Main.USAGE);
      assertThat(err()).startsWith("error: --rate-limit must be <n>/<seconds>");
    }
    err.reset();
    assertThat(run("tokens", "delete", "--rate-limit", "200000/1", "--account-id", ACCOUNT, ids[0]))
        .isEqualTo(Main.USAGE);
    assertThat(err()).startsWith("error: rateLimit requests must be 1 to 100000 (was 200000)");
    assertThat(
            run(
                "tokens",
                "delete",
                "--rate-limit",
                "off",
                "--ignore-missing",
                "--account-id",
                ACCOUNT,
                ids[0]))
        .isZero();
  }

  @Test
  void helpDescribesOptionsEnvironmentAndExitCodes() {
    assertThat(run("tokens", "delete", "--help")).isZero();

    assertThat(out())
        .contains(
            "--account-id=<id>",
            "<token-id>...",
            "--json",
            "--base-url=<url>",
            "--sandbox",
            "--max-retries=<n>",
            "--rate-limit=<n>/<seconds>",
            "default: 1200/300",
            "--ignore-missing")
        .contains(
            "Exit codes:",
            "0   every token was deleted",
            "3   at least one delete failed on the network",
            "When tokens fail differently, the highest code wins.")
        .contains("CLOUDFLARE_API_TOKEN", "CLOUDFLARE_BASE_URL");
    out.reset();
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("CLOUDFLARE_API_TOKEN", "CLOUDFLARE_BASE_URL", "tokens");
  }

  @Test
  void aRunNamingATokenCommandModelsThatOneAloneAndTheSameAsTheFullTree() {
    picocli.CommandLine full = commandFor("--help").getSubcommands().get("tokens");

    assertThat(full.getSubcommands().keySet()).containsExactlyElementsOf(Main.TOKEN_COMMANDS);
    for (String name : Main.TOKEN_COMMANDS) {
      picocli.CommandLine tokens =
          commandFor("tokens", name, "--account-id", ACCOUNT).getSubcommands().get("tokens");
      assertThat(tokens.getSubcommands().keySet()).containsExactly(name);
      assertThat(tokens.getSubcommands().get(name).getUsageMessage())
          .isEqualTo(full.getSubcommands().get(name).getUsageMessage())
          .contains("Usage: cloudflare4j tokens " + name);
    }
    for (String[] args :
        new String[][] {{"tokens"}, {"tokens", "--help"}, {"tokens", "delte"}, {"delete", "x"}}) {
      assertThat(commandFor(args).getSubcommands().get("tokens").getSubcommands().keySet())
          .as(String.join(" ", args))
          .containsExactlyElementsOf(Main.TOKEN_COMMANDS);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Main.tokenCommand("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no token command nope");
  }

  @Test
  void noOptionNeedsAConverterThatMainTellsPicocliToSkip() {
    java.util.List<picocli.CommandLine> commands = new java.util.ArrayList<>();
    java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>();
    todo.add(commandFor());
    while (!todo.isEmpty()) {
      picocli.CommandLine command = todo.pop();
      commands.add(command);
      todo.addAll(command.getSubcommands().values());
    }
    java.util.List<Class<?>> types = new java.util.ArrayList<>();
    for (picocli.CommandLine command : commands) {
      for (picocli.CommandLine.Model.ArgSpec arg : command.getCommandSpec().args()) {
        types.add(arg.type());
        types.addAll(java.util.List.of(arg.auxiliaryTypes()));
      }
    }

    assertThat(commands).hasSize(2 + Main.TOKEN_COMMANDS.size());
    assertThat(types).contains(String.class, boolean.class, java.util.List.class);
    for (String skipped : Main.UNUSED_CONVERTERS.split(",", -1)) {
      assertThat(types).noneMatch(type -> type.getName().matches(skipped));
      assertThat("java.time.Duration".matches(skipped) || "java.sql.Time".matches(skipped))
          .isTrue();
    }
  }

  @Test
  void aTypoInATokenCommandIsAUsageErrorThatSuggestsTheCommand() {
    assertThat(run("tokens", "delte", "--account-id", ACCOUNT, "x")).isEqualTo(Main.USAGE);

    assertThat(err()).contains("delte").contains("delete");
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void versionPrintsTheLibraryVersion() {
    assertThat(run("--version")).isZero();

    assertThat(out()).isEqualTo("cloudflare4j " + CloudflareClient.VERSION + "\n");
  }
}
