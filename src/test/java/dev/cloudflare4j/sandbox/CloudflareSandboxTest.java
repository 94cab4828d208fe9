package dev.cloudflare4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.RawResponse;
import dev.cloudflare4j.RequestOptions;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.errors.InternalServerException;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.errors.PermissionDeniedException;
import dev.cloudflare4j.errors.RateLimitException;
import dev.cloudflare4j.model.ResponseInfo;
import dev.cloudflare4j.model.TokenDeleteResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox behaves like Cloudflare where it matters, seen through the real client. */
class CloudflareSandboxTest {

  private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";

  private CloudflareSandbox sandbox;
  private CloudflareClient client;

  @BeforeEach
  void start() {
    sandbox = CloudflareSandbox.start();
    client =
        CloudflareClient.builder()
            .apiToken(sandbox.apiToken())
            .baseUrl(sandbox.baseUrl())
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  private static TokenDeleteParams params() {
    return TokenDeleteParams.builder().accountId(ACCOUNT).build();
  }

  @Test
  void mintedValuesEndInTheChecksumOfTheRest() {
    String value = sandbox.issueToken(ACCOUNT).value();

    assertThat(value).matches("cfat_[0-9A-Za-z]{40}[0-9a-f]{8}");
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(value.substring(0, 45).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(value.substring(45)).isEqualTo(String.format("%08x", crc.getValue()));
  }

  @Test
  void theLogKeepsEveryRequestHeaderAndRequestsAreServedOnDaemonThreads() {
    client.accounts().tokens().delete(sandbox.createToken(ACCOUNT), params());

    assertThat(sandbox.requests().get(0).headers())
        .containsKeys("user-agent", "accept", "authorization");
    // Served by the sandbox's own threads, which never keep a JVM alive.
    List<Thread> threads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("cloudflare4j-sandbox"))
            .toList();
    assertThat(threads).isNotEmpty().allMatch(Thread::isDaemon);
  }

  @Test
  void afterCloseThePortTakesNoConnection() throws Exception {
    int port = java.net.URI.create(sandbox.baseUrl()).getPort();

    sandbox.close();

    assertThatThrownBy(
            () -> {
              try (java.net.Socket socket =
                  new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                socket.getInputStream();
              }
            })
        .isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void aDeleteRemovesTheTokenAndASecondDeleteIsNotFound() {
    String tokenId = sandbox.createToken(ACCOUNT);
    assertThat(tokenId).matches("[0-9a-f]{32}");
    assertThat(sandbox.hasToken(ACCOUNT, tokenId)).isTrue();

    Optional<TokenDeleteResponse> deleted = client.accounts().tokens().delete(tokenId, params());

    assertThat(deleted).map(TokenDeleteResponse::id).contains(tokenId);
    assertThat(sandbox.hasToken(ACCOUNT, tokenId)).isFalse();
    NotFoundException again =
        catchThrowableOfType(
            NotFoundException.class, () -> client.accounts().tokens().delete(tokenId, params()));
    assertThat(again.errors()).extracting(ResponseInfo::code).containsExactly(1003);
    assertThat(again.rayId()).endsWith("-SBX");
    assertThat(sandbox.requests()).extracting(SandboxRequest::status).containsExactly(200, 404);
    assertThat(sandbox.requests().get(0).header("Authorization"))
        .isEqualTo("Bearer " + sandbox.apiToken());
    assertThat(sandbox.requests().get(0).toString())
        .isEqualTo("DELETE /client/v4/accounts/" + ACCOUNT + "/tokens/" + tokenId + " -> 200")
        .doesNotContain(sandbox.apiToken());
  }

  @Test
  void aTokenOfAnotherAccountIsNotFound() {
    String tokenId = sandbox.createToken("ffffffffffffffffffffffffffffffff");

    assertThatThrownBy(() -> client.accounts().tokens().delete(tokenId, params()))
        .isInstanceOf(NotFoundException.class);
    assertThat(sandbox.hasToken("ffffffffffffffffffffffffffffffff", tokenId)).isTrue();
  }

  @Test
  void aWrongCredentialIsRefusedAndLeavesTheToken() {
    String tokenId = sandbox.createToken(ACCOUNT);

    try (CloudflareClient wrong =
        CloudflareClient.builder()
            .apiToken("not-the-sandbox-token")
            .baseUrl(sandbox.baseUrl())
            .build()) {
      PermissionDeniedException e =
          catchThrowableOfType(
              PermissionDeniedException.class,
              () -> wrong.accounts().tokens().delete(tokenId, params()));
      assertThat(e.getMessage()).startsWith("HTTP 403 [10000] Authentication error");
    }
    assertThat(sandbox.hasToken(ACCOUNT, tokenId)).isTrue();
  }

  @Test
  void anotherSchemeOrNoCredentialIsRefused() throws Exception {
    String tokenId = sandbox.createToken(ACCOUNT);
    OkHttpClient raw = new OkHttpClient();
    String url = sandbox.baseUrl() + "/accounts/" + ACCOUNT + "/tokens/" + tokenId;
    try (Response none = raw.newCall(new Request.Builder().url(url).delete().build()).execute();
        Response key =
            raw.newCall(
                    new Request.Builder()
                        .url(url)
                        .delete()
                        .header("X-Auth-Email", "a@b.test")
                        .header("X-Auth-Key", sandbox.apiToken())
                        .build())
                .execute()) {
      assertThat(none.code()).isEqualTo(403);
      assertThat(key.code()).isEqualTo(403);
      assertThat(key.body().string()).contains("\"code\":10000");
    } finally {
      raw.dispatcher().executorService().shutdown();
    }
    assertThat(sandbox.hasToken(ACCOUNT, tokenId)).isTrue();
  }

  @Test
  void anUpdateWithoutPoliciesIsRefusedAsCloudflaresSpecRefusesIt() throws Exception {
    // Sent raw: the client itself refuses such a body before sending it.
    String tokenId = sandbox.createToken(ACCOUNT);
    OkHttpClient raw = new OkHttpClient();
    String url = sandbox.baseUrl() + "/accounts/" + ACCOUNT + "/tokens/" + tokenId;
    okhttp3.MediaType json = okhttp3.MediaType.get("application/json");
    try (Response noPolicies =
            raw.newCall(
                    new Request.Builder()
                        .url(url)
                        .put(okhttp3.RequestBody.create("{\"name\":\"renamed\"}", json))
                        .header("Authorization", "Bearer " + sandbox.apiToken())
                        .build())
                .execute();
        Response both =
            raw.newCall(
                    new Request.Builder()
                        .url(url)
                        .put(
                            okhttp3.RequestBody.create(
                                "{\"name\":\"renamed\",\"policies\":[]}", json))
                        .header("Authorization", "Bearer " + sandbox.apiToken())
                        .build())
                .execute()) {
      assertThat(noPolicies.code()).isEqualTo(400);
      assertThat(noPolicies.body().string())
          .contains("\"code\":1001")
          .contains("policies is required");
      assertThat(both.code()).isEqualTo(200);
    } finally {
      raw.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void unknownPathsGetANotFoundEnvelope() throws Exception {
    OkHttpClient raw = new OkHttpClient();
    try (Response response =
        raw.newCall(new Request.Builder().url(sandbox.baseUrl() + "/zones").build()).execute()) {
      assertThat(response.code()).isEqualTo(404);
      assertThat(response.header("Content-Type")).isEqualTo("application/json");
      assertThat(response.body().string())
          .isEqualTo(
              "{\"result\":null,\"success\":false,\"errors\":[{\"code\":7000,"
                  + "\"message\":\"No route for that URI\"}],\"messages\":[]}");
    } finally {
      raw.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void injectedFailuresAreSeenAndRetriedByTheClient() {
    String tokenId = sandbox.createToken(ACCOUNT);
    sandbox.failNext(2, 503);

    RawResponse<Optional<TokenDeleteResponse>> raw =
        client
            .accounts()
            .tokens()
            .withOptions(RequestOptions.builder().maxRetries(2).build())
            .withRawResponse()
            .delete(tokenId, params());

    assertThat(raw.attempts()).isEqualTo(3);
    assertThat(sandbox.hasToken(ACCOUNT, tokenId)).isFalse();
    assertThat(sandbox.requests())
        .extracting(SandboxRequest::status)
        .containsExactly(503, 503, 200);
  }

  @Test
  void injectedFailuresAskForAnImmediateRetry() throws Exception {
    sandbox.failNext(1, 502);
    OkHttpClient raw = new OkHttpClient();
    try (Response response =
        raw.newCall(new Request.Builder().url(sandbox.baseUrl() + "/anything").build()).execute()) {
      assertThat(response.code()).isEqualTo(502);
      assertThat(response.header("retry-after-ms")).isEqualTo("0");
      assertThat(response.body().string()).contains("\"code\":10001");
    } finally {
      raw.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void injectedFailuresUntilRetriesRunOut() {
    String tokenId = sandbox.createToken(ACCOUNT);
    sandbox.failNext(1, 500);

    InternalServerException e =
        catchThrowableOfType(
            InternalServerException.class,
            () -> client.accounts().tokens().delete(tokenId, params()));

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(sandbox.hasToken(ACCOUNT, tokenId)).isTrue();
  }

  @Test
  void anInjectedRateLimitCarriesRetryAfter() {
    String tokenId = sandbox.createToken(ACCOUNT);
    sandbox.rateLimitNext(1, Duration.ofMinutes(2));

    RateLimitException e =
        catchThrowableOfType(
            RateLimitException.class, () -> client.accounts().tokens().delete(tokenId, params()));

    assertThat(e.retryAfter()).contains(Duration.ofMinutes(2));
    assertThat(e.errors().get(0).code()).isEqualTo(971);
    assertThat(e.errors().get(0).message())
        .isEqualTo("Please wait and consider throttling your request speed");
  }

  @Test
  void fiftyConcurrentDeletesOfDistinctTokensAllSucceed() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ids.add(sandbox.createToken(ACCOUNT));
    }
    List<CompletableFuture<Optional<TokenDeleteResponse>>> futures = new ArrayList<>();
    for (String id : ids) {
      futures.add(client.accounts().tokens().deleteAsync(id, params()));
    }

    for (int i = 0; i < ids.size(); i++) {
      assertThat(futures.get(i).get(10, TimeUnit.SECONDS))
          .map(TokenDeleteResponse::id)
          .contains(ids.get(i));
    }
    assertThat(ids).noneMatch(id -> sandbox.hasToken(ACCOUNT, id));
    assertThat(sandbox.requests()).hasSize(50).allMatch(r -> r.status() == 200);
  }

  @Test
  void theClientTheSandboxAndTheRuleAgreeOnWhatAnIdLooksLike() throws Exception {
    OkHttpClient raw = new OkHttpClient();
    try {
      for (String id :
          List.of(
              "ed17574386854bf78a67040be0a770b0",
              "ED17574386854BF78A67040BE0A770B0",
              "nope",
              "a_b-c",
              "a".repeat(33),
              "a.b",
              "a%2Fb",
              "a b")) {
        boolean rule = dev.cloudflare4j.internal.TokenIds.TOKEN_ID.accepts(id);
        boolean clientSends;
        try {
          client.accounts().tokens().delete(id, params());
          clientSends = true;
        } catch (IllegalArgumentException e) {
          clientSends = false;
        } catch (NotFoundException e) {
          clientSends = true;
        }
        Request request =
            new Request.Builder()
                .url(
                    sandbox.baseUrl()
                        + "/accounts/"
                        + ACCOUNT
                        + "/tokens/"
                        + okhttp3.HttpUrl.parse("http://x/")
                            .newBuilder()
                            .addPathSegment(id)
                            .build()
                            .encodedPathSegments()
                            .get(0))
                .delete()
                .header("Authorization", "Bearer " + sandbox.apiToken())
                .build();
        String answer;
        try (Response response = raw.newCall(request).execute()) {
          answer = response.code() + " " + response.body().string();
        }
        assertThat(clientSends).as(id).isEqualTo(rule);
        assertThat(answer.startsWith("400 ") && answer.contains("\"code\":7003"))
            .as(id + ": " + answer)
            .isEqualTo(!rule);
        if (!rule) {
          assertThat(answer)
              .contains(
                  "Could not route to /client/v4/accounts/"
                      + ACCOUNT
                      + "/tokens/"
                      + request.url().encodedPathSegments().get(5)
                      + ", perhaps your object identifier is invalid?");
        }
      }
    } finally {
      raw.dispatcher().executorService().shutdown();
      raw.connectionPool().evictAll();
    }
  }

  @Test
  void seededIdsKeepTheClientsRuleForThem() {
    assertThatThrownBy(() -> sandbox.createToken(ACCOUNT, "no/pe"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tokenId may hold only ASCII letters, digits, '-' and '_', but holds '/' at index 2");
    assertThatThrownBy(() -> sandbox.createToken("x"))
        .hasMessage("accountId must be exactly 32 characters long (was 1)");
    assertThatThrownBy(() -> sandbox.createToken(null, "x"))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("accountId must not be null");
    assertThatThrownBy(() -> sandbox.failNext(1, 399)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.failNext(1, 600)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.failNext(-1, 500))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.rateLimitNext(-1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.rateLimitNext(1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    sandbox.failNext(0, 400);
    sandbox.failNext(1, 599);
    sandbox.rateLimitNext(0, Duration.ZERO);
    String tokenId = sandbox.createToken(ACCOUNT);
    assertThatThrownBy(() -> client.accounts().tokens().delete(tokenId, params()))
        .isInstanceOf(InternalServerException.class)
        .hasMessageStartingWith("HTTP 599 [10001] Injected failure");
    assertThat(client.accounts().tokens().delete(tokenId, params())).isPresent();
  }

  @Test
  void aClosedSandboxRefusesConnections() {
    String tokenId = sandbox.createToken(ACCOUNT);
    sandbox.close();

    assertThatThrownBy(() -> client.accounts().tokens().delete(tokenId, params()))
        .isInstanceOf(dev.cloudflare4j.errors.CloudflareIoException.class);
  }

  @Test
  void theSandboxDescribesItselfWithoutItsToken() {
    assertThat(sandbox.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/client/v4");
    assertThat(sandbox.toString()).contains(sandbox.baseUrl()).doesNotContain(sandbox.apiToken());
  }
}
