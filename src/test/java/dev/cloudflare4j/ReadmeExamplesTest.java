package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenListParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenUpdateParams;
import dev.cloudflare4j.errors.InternalServerException;
import dev.cloudflare4j.model.IamCollectionTokensResponse;
import dev.cloudflare4j.model.IamEffect;
import dev.cloudflare4j.model.IamResources;
import dev.cloudflare4j.model.IamResultInfo;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.IamTokenBody;
import dev.cloudflare4j.model.ResponseInfo;
import dev.cloudflare4j.model.TokenDeleteResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's other Java examples, as written (the blocks between the markers are the README's,
 * word for word: {@link #theReadmeHoldsTheseExamplesWordForWord} checks it), against a local
 * MockWebServer. None of them may reach Cloudflare: each client is given the server's base URL.
 */
class ReadmeExamplesTest extends ClientTestSupport {

  private static final String TOKENS = "/client/v4/accounts/" + ACCOUNT_ID + "/tokens";

  /** A 503 the client may retry at once (no backoff to sleep through). */
  private static MockResponse unavailable() {
    return new MockResponse().setResponseCode(503).setHeader("retry-after-ms", "0");
  }

  // Quick start, from the environment.

  @Test
  void fromEnvWithoutCredentialVariablesFailsNamingThemBeforeAnyRequest() {
    for (String name :
        List.of(
            "CLOUDFLARE_API_TOKEN",
            "CLOUDFLARE_API_KEY",
            "CLOUDFLARE_EMAIL",
            "CLOUDFLARE_API_USER_SERVICE_KEY",
            "CLOUDFLARE_BASE_URL")) {
      String value = System.getenv(name);
      Assumptions.assumeTrue(value == null || value.isEmpty(), "this machine sets " + name);
    }

    IllegalStateException e =
        catchThrowableOfType(
            IllegalStateException.class, () -> fromEnvironment(ACCOUNT_ID, TOKEN_ID));

    assertThat(e).as("fromEnv() with no credential variable").isNotNull();
    assertThat(e.getMessage())
        .startsWith("no Cloudflare credential")
        .contains("CLOUDFLARE_API_TOKEN")
        .contains("CLOUDFLARE_API_USER_SERVICE_KEY");
    // It failed building the client, before the delete was made: nothing was sent anywhere.
    assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getClassName))
        .contains(CloudflareClient.Builder.class.getName())
        .doesNotContain(TokensService.class.getName(), CallExecutor.class.getName());
    assertThat(server.getRequestCount()).isZero();
  }

  private static void fromEnvironment(String accountId, String tokenId) {
    // --- from README.md, "Quick start, from the environment" ---
    try (CloudflareClient client = CloudflareClient.fromEnv()) {
      client
          .accounts()
          .tokens()
          .delete(tokenId, TokenDeleteParams.builder().accountId(accountId).build());
    }
    // --- end ---
  }

  // Retries, timeouts and options.

  @Test
  void theCallsOptionsSendItsHeaderAndMakeOneAttemptOnA503() throws Exception {
    server.enqueue(unavailable());
    server.enqueue(json(200, "delete-token-success.json")); // a retry's answer: must stay unsent

    // The client the example builds is unreachable once its delete throws: it started no thread
    // (a blocking call runs on the caller's), and the server's shutdown closes its connection.
    InternalServerException e =
        catchThrowableOfType(
            InternalServerException.class,
            () -> {
              CloudflareClient unused =
                  withOptions(API_TOKEN, baseUrl(), TOKEN_ID, Fixtures.params());
            });

    assertThat(e).as("the 503, not retried").isNotNull();
    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
    RecordedRequest sent = taken();
    assertThat(sent.getMethod()).isEqualTo("DELETE");
    assertThat(sent.getPath()).isEqualTo(TOKENS + "/" + TOKEN_ID);
    assertThat(sent.getHeader("X-Request-Id")).isEqualTo("rotation-42");
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + API_TOKEN);
  }

  @Test
  void theClientsOwnOptionsRetryFourTimesAndSendNoCallHeader() throws Exception {
    server.enqueue(json(200, "delete-token-success.json"));
    for (int i = 0; i < 4; i++) {
      server.enqueue(unavailable());
    }
    server.enqueue(json(200, "delete-token-success.json"));

    try (CloudflareClient built = withOptions(API_TOKEN, baseUrl(), TOKEN_ID, Fixtures.params())) {
      RawResponse<Optional<TokenDeleteResponse>> plain =
          built.accounts().tokens().withRawResponse().delete(TOKEN_ID, Fixtures.params());

      assertThat(plain.value().map(TokenDeleteResponse::id)).hasValue(TOKEN_ID);
      assertThat(plain.attempts()).isEqualTo(5);
    }
    assertThat(server.getRequestCount()).isEqualTo(6);
    assertThat(taken().getHeader("X-Request-Id")).isEqualTo("rotation-42");
    for (int i = 0; i < 5; i++) {
      assertThat(taken().getHeader("X-Request-Id")).as("attempt %d", i + 1).isNull();
    }
  }

  private static CloudflareClient withOptions(
      String token, String baseUrl, String tokenId, TokenDeleteParams params) {
    // --- from README.md, "Retries, timeouts and options" ---
    CloudflareClient client =
        CloudflareClient.builder()
            .apiToken(token)
            .baseUrl(baseUrl)
            .maxRetries(4) // client-wide
            .timeout(Duration.ofSeconds(20)) // per attempt
            .build();
    client
        .accounts()
        .tokens()
        .withOptions(
            RequestOptions.builder()
                .maxRetries(0) // this call only
                .timeout(Duration.ofSeconds(5))
                .header("X-Request-Id", "rotation-42")
                .build())
        .delete(tokenId, params);
    // --- end ---
    return client;
  }

  // Staying within Cloudflare's rate limit.

  @Test
  void theRateLimitedClientBuildsAndCalls() throws Exception {
    server.enqueue(json(200, "delete-token-success.json"));

    CloudflareClient bulk = rateLimited(API_TOKEN, baseUrl());
    try (bulk) {
      assertThat(bulk.accounts().tokens().delete(TOKEN_ID, Fixtures.params()))
          .map(TokenDeleteResponse::id)
          .hasValue(TOKEN_ID);
    }

    assertThat(taken().getHeader("Authorization")).isEqualTo("Bearer " + API_TOKEN);
    assertThatThrownBy(() -> bulk.accounts().tokens().delete(TOKEN_ID, Fixtures.params()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  private static CloudflareClient rateLimited(String token, String baseUrl) {
    // --- from README.md, "Staying within Cloudflare's rate limit" ---
    CloudflareClient bulk =
        CloudflareClient.builder()
            .apiToken(token)
            .baseUrl(baseUrl)
            .maxServerWait(Duration.ofMinutes(6)) // wait out a five-minute block
            .rateLimit(1200, Duration.ofMinutes(5)) // optional: a bound of your own
            .build();
    // --- end ---
    return bulk;
  }

  // Asynchronous calls.

  @Test
  void theAsyncDeleteCompletesWithTheDeletedIdAndPrintsIt() throws Exception {
    server.enqueue(json(200, "delete-token-success.json"));
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    CountDownLatch printedLine = new CountDownLatch(1);
    PrintStream stdout = System.out;
    System.setOut(
        new PrintStream(
            new OutputStream() {
              @Override
              public synchronized void write(int b) {
                captured.write(b);
                if (b == '\n') {
                  printedLine.countDown();
                }
              }
            },
            true,
            StandardCharsets.UTF_8));
    CompletableFuture<Optional<TokenDeleteResponse>> future;
    boolean printed;
    try {
      future = deleteAsync(client, TOKEN_ID, Fixtures.params());
      assertThat(future.get(5, TimeUnit.SECONDS).map(TokenDeleteResponse::id)).hasValue(TOKEN_ID);
      printed = printedLine.await(5, TimeUnit.SECONDS);
    } finally {
      System.setOut(stdout);
    }

    assertThat(printed).as("thenAccept printed within 5 s").isTrue();
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .isEqualTo("deleted Optional[" + TOKEN_ID + "]" + System.lineSeparator());
    assertThat(taken().getPath()).isEqualTo(TOKENS + "/" + TOKEN_ID);
  }

  @SuppressWarnings("FutureReturnValueIgnored") // the example prints from thenAccept's stage
  private static CompletableFuture<Optional<TokenDeleteResponse>> deleteAsync(
      CloudflareClient client, String tokenId, TokenDeleteParams params) {
    // --- from README.md, "Asynchronous calls" ---
    CompletableFuture<Optional<TokenDeleteResponse>> future =
        client.accounts().tokens().deleteAsync(tokenId, params);
    future.thenAccept(
        deleted -> System.out.println("deleted " + deleted.map(TokenDeleteResponse::id)));
    // --- end ---
    return future;
  }

  // Raw responses.

  @Test
  void theRawResponseGivesStatusRayIdAttemptsAndValue() {
    server.enqueue(unavailable());
    server.enqueue(json(200, "delete-token-success.json").setHeader("cf-ray", "8f1a2b3c-SJC"));

    RawResponse<Optional<TokenDeleteResponse>> raw;
    try (CloudflareClient retrying = clientBuilder().apiToken(API_TOKEN).maxRetries(1).build()) {
      raw = raw(retrying, TOKEN_ID, Fixtures.params());
    }

    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.rayId()).isEqualTo("8f1a2b3c-SJC");
    assertThat(raw.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(raw.attempts()).isEqualTo(2);
    assertThat(raw.value().map(TokenDeleteResponse::id)).hasValue(TOKEN_ID);
  }

  private static RawResponse<Optional<TokenDeleteResponse>> raw(
      CloudflareClient client, String tokenId, TokenDeleteParams params) {
    // --- from README.md, "Raw responses" ---
    RawResponse<Optional<TokenDeleteResponse>> raw =
        client.accounts().tokens().withRawResponse().delete(tokenId, params);
    raw.statusCode();
    raw.headers();
    raw.rayId();
    raw.attempts();
    raw.value();
    // --- end ---
    return raw;
  }

  // Generated interfaces.

  /** A List Tokens answer of two tokens, page 1 of 1 at 50 a page, with a message. */
  private static final String TWO_TOKENS =
      """
      {
        "success": true,
        "errors": [],
        "messages": [{"code": 1000, "message": "page 1 of 1"}],
        "result_info": {"page": 1, "per_page": 50, "count": 2, "total_count": 2},
        "result": [
          {
            "id": "ed17574386854bf78a67040be0a770b0",
            "name": "readonly token",
            "status": "active",
            "issued_on": "2018-07-01T05:20:00Z",
            "modified_on": "2018-07-02T05:20:00Z",
            "policies": [
              {
                "id": "f267e341f3dd4697bd3b9f71dd96247f",
                "effect": "allow",
                "permission_groups": [
                  {"id": "c8fed203ed3043cba015a93ad1616f1f", "name": "Zone Read"}
                ],
                "resources": {"com.cloudflare.api.account.023e105f4ecef8ad9ca31a8372d0c353": "*"}
              }
            ]
          },
          {
            "id": "9a7806061c88ada191ed06f989cc3dac",
            "name": "deploy",
            "status": "disabled",
            "issued_on": "2024-01-01T00:00:00Z",
            "expires_on": "2030-01-01T00:00:00Z",
            "policies": []
          }
        ]
      }
      """;

  /** Generated calls: the record of what the example's lines returned. */
  private record GeneratedRun(
      TokenDeleteResponse deleted,
      CompletableFuture<TokenDeleteResponse> later,
      RawResponse<TokenDeleteResponse> raw,
      TokenDeleteResponse patient,
      RawResponse<List<IamTokenBase>> page) {}

  @Test
  void aGeneratedCallRunsEveryWayAndKeepsTheEnvelope() throws Exception {
    // Answers by request, not by order: the asynchronous delete may reach the server after the
    // blocking one that follows it.
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if ("DELETE".equals(request.getMethod())) {
              return json(200, "delete-token-success.json").setHeader("cf-ray", "8f1a-SJC");
            }
            return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setHeader("cf-ray", "8f1b-SJC")
                .setBody(TWO_TOKENS);
          }
        });

    GeneratedRun run = generated(client, ACCOUNT_ID, TOKEN_ID);

    assertThat(run.deleted().id()).isEqualTo(TOKEN_ID);
    assertThat(run.later().get(5, TimeUnit.SECONDS).id()).isEqualTo(TOKEN_ID);
    assertThat(run.raw().statusCode()).isEqualTo(200);
    assertThat(run.raw().rayId()).isEqualTo("8f1a-SJC");
    assertThat(run.raw().attempts()).isEqualTo(1);
    assertThat(run.raw().value().id()).isEqualTo(TOKEN_ID);
    assertThat(run.patient().id()).isEqualTo(TOKEN_ID);
    // What the comments promise of the list's raw answer.
    RawResponse<List<IamTokenBase>> page = run.page();
    assertThat(page.value())
        .extracting(IamTokenBase::id)
        .containsExactly(TOKEN_ID, "9a7806061c88ada191ed06f989cc3dac");
    IamResultInfo info = page.envelope(IamCollectionTokensResponse.class).resultInfo();
    assertThat(info.page()).isEqualByComparingTo("1");
    assertThat(info.perPage()).isEqualByComparingTo("50");
    assertThat(info.totalCount()).isEqualByComparingTo("2");
    assertThat(page.envelope().map(Envelope::messages).orElseThrow())
        .singleElement()
        .isInstanceOfSatisfying(
            ResponseInfo.class,
            message -> {
              assertThat(message.code()).isEqualTo(1000);
              assertThat(message.message()).isEqualTo("page 1 of 1");
            });
    // Four runs of the one delete call, each sent anew, then the list with its query.
    List<RecordedRequest> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.add(taken());
    }
    assertThat(server.getRequestCount()).isEqualTo(5);
    assertThat(sent.stream().filter(r -> r.getMethod().equals("DELETE")).map(r -> r.getPath()))
        .containsExactly(
            TOKENS + "/" + TOKEN_ID,
            TOKENS + "/" + TOKEN_ID,
            TOKENS + "/" + TOKEN_ID,
            TOKENS + "/" + TOKEN_ID);
    assertThat(sent.get(4).getMethod()).isEqualTo("GET");
    assertThat(sent.get(4).getPath())
        .isEqualTo(TOKENS + "?page=1&per_page=50&include_expired=true");
  }

  // The example's last line maps the envelope and ignores what it reads, as the README shows it.
  @SuppressWarnings({"ReturnValueIgnored", "OptionalMapUnusedValue"})
  private static GeneratedRun generated(CloudflareClient client, String accountId, String tokenId) {
    // --- from README.md, "Generated interfaces" ---
    AccountOwnedApiTokensApi tokens = client.api(AccountOwnedApiTokensApi.class);
    CloudflareCall<TokenDeleteResponse> delete =
        tokens.accountApiTokensDeleteToken(accountId, tokenId);

    TokenDeleteResponse deleted = delete.execute(); // blocking; null for result: null
    CompletableFuture<TokenDeleteResponse> later = delete.executeAsync(); // no thread waits
    RawResponse<TokenDeleteResponse> raw = delete.executeRaw(); // status, headers, ray id, attempts
    TokenDeleteResponse patient =
        delete
            .withOptions(RequestOptions.builder().maxRetries(5).build())
            .execute(); // this call's options

    // The envelope stays reachable: messages, and for lists result_info.
    RawResponse<List<IamTokenBase>> page =
        tokens
            .accountApiTokensListTokens(
                accountId, BigDecimal.ONE, BigDecimal.valueOf(50), null, true)
            .executeRaw();
    page.value(); // List<IamTokenBase>
    page.envelope(IamCollectionTokensResponse.class).resultInfo(); // page, per_page, total_count
    page.envelope().map(Envelope::messages); // informational messages
    // --- end ---
    return new GeneratedRun(deleted, later, raw, patient, page);
  }

  // Arguments by name.

  @Test
  void paramsTypesBuildCallsThatSendNothingUntilRun() throws Exception {
    server.enqueue(json(200, "list-tokens-page.json"));
    IamTokenBody body =
        IamTokenBody.builder()
            .name("deploy")
            .policies(
                List.of(
                    Fixtures.policy(
                        IamEffect.ALLOW,
                        "c8fed203ed3043cba015a93ad1616f1f",
                        IamResources.ofFlat(
                            Map.of("com.cloudflare.api.account." + ACCOUNT_ID, "*")))))
            .build();
    TokenListParams params =
        TokenListParams.builder()
            .accountId(ACCOUNT_ID)
            .page(BigDecimal.valueOf(2))
            .perPage(BigDecimal.valueOf(20))
            .build();

    Page<IamTokenBase> first =
        byName(client.api(AccountOwnedApiTokensApi.class), ACCOUNT_ID, TOKEN_ID, body, params);

    assertThat(first.items()).extracting(IamTokenBase::name).containsExactly("readonly token");
    assertThat(first.pageNumber()).isEqualTo(2);
    assertThat(first.totalCount()).hasValue(41);
    assertThat(first.hasNextPage()).isTrue();
    // The first two lines only built their calls: the one request is Page.fetch's, by params.
    assertThat(server.getRequestCount()).isEqualTo(1);
    RecordedRequest sent = taken();
    assertThat(sent.getMethod()).isEqualTo("GET");
    assertThat(sent.getPath()).isEqualTo(TOKENS + "?page=2&per_page=20");
  }

  private static Page<IamTokenBase> byName(
      AccountOwnedApiTokensApi tokens,
      String accountId,
      String tokenId,
      IamTokenBody body,
      TokenListParams params) {
    // --- from README.md, "Arguments by name" ---
    tokens.accountApiTokensListTokens(
        TokenListParams.builder().accountId(accountId).perPage(BigDecimal.valueOf(50)).build());
    tokens.accountApiTokensUpdateToken(
        tokenId, TokenUpdateParams.builder().accountId(accountId).body(body).build());
    Page<IamTokenBase> first =
        Page.fetch(tokens.accountApiTokensListTokens(params)); // any list call
    // --- end ---
    return first;
  }

  @Test
  void theReadmeHoldsTheseExamplesWordForWord() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    Map<String, String> blocks = ReadmeLifecycleTest.readmeBlocks(ReadmeExamplesTest.class);

    for (Map.Entry<String, String> block : blocks.entrySet()) {
      // Whole lines, ending a Java block (the one with imports starts after them).
      assertThat(readme).as(block.getKey()).contains("\n" + block.getValue() + "\n```\n");
    }
    assertThat(blocks)
        .containsOnlyKeys(
            "Quick start, from the environment",
            "Retries, timeouts and options",
            "Staying within Cloudflare's rate limit",
            "Asynchronous calls",
            "Raw responses",
            "Generated interfaces",
            "Arguments by name");
  }

  @Test
  void theReadmeHoldsTheSandboxExampleWordForWord() throws Exception {
    // Its test lives with the sandbox: found by name, since the class is package-private there.
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    Map<String, String> blocks =
        ReadmeLifecycleTest.readmeBlocks(
            Class.forName("dev.cloudflare4j.sandbox.RevocationJobTest"));

    assertThat(blocks).containsOnlyKeys("Testing your code with the sandbox");
    assertThat(readme)
        .contains("```java\n" + blocks.get("Testing your code with the sandbox") + "\n```\n");
  }

  @Test
  void theArgumentsByNameExampleImportsTypesThatResolve() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    String code =
        ReadmeLifecycleTest.readmeBlocks(ReadmeExamplesTest.class).get("Arguments by name");
    assertThat(code).isNotNull();
    int end = readme.indexOf(code + "\n```");
    assertThat(end).as("the block in the README").isPositive();
    int start = readme.lastIndexOf("```java\n", end) + "```java\n".length();
    String example = readme.substring(start, end + code.length());

    List<String> imports = example.lines().filter(line -> line.startsWith("import ")).toList();
    assertThat(imports).hasSize(2);
    assertThat(example.substring(0, example.length() - code.length()).strip())
        .as("nothing but imports before the code")
        .isEqualTo(String.join("\n", imports));
    for (String line : imports) {
      String name = line.substring("import ".length(), line.length() - 1);
      int nested = name.lastIndexOf('.');
      Class<?> type = Class.forName(name.substring(0, nested) + "$" + name.substring(nested + 1));
      assertThat(Modifier.isPublic(type.getModifiers())).as(name).isTrue();
    }
  }
}
