package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi.PermissionGroupListParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenCreateParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenGetParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenListParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenUpdateParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenValueUpdateParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenVerifyParams;
import dev.cloudflare4j.api.UserApiTokensApi.UserTokenListParams;
import dev.cloudflare4j.errors.UnauthorizedException;
import dev.cloudflare4j.model.IamCondition;
import dev.cloudflare4j.model.IamCreatePayload;
import dev.cloudflare4j.model.IamEffect;
import dev.cloudflare4j.model.IamPermissionGroup;
import dev.cloudflare4j.model.IamPolicyWithPermissionGroupsAndResources;
import dev.cloudflare4j.model.IamRequestIp;
import dev.cloudflare4j.model.IamResources;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.IamTokenBody;
import dev.cloudflare4j.model.IamTokenStatus;
import dev.cloudflare4j.model.IamTokenWithValue;
import dev.cloudflare4j.model.PermissionGroupListResponse;
import dev.cloudflare4j.model.TokenVerifyResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The token facade beyond delete, on the wire: method, path, query, body and credential. */
class TokenLifecycleTest extends ClientTestSupport {

  private static final String TOKENS = "/client/v4/accounts/" + ACCOUNT_ID + "/tokens";
  private static final String LEAKED = "cfat_LeakedValueFoundInAPublicRepository0123456789ab";

  private static MockResponse page(int page, int perPage, int total, String... ids) {
    StringBuilder items = new StringBuilder();
    for (String id : ids) {
      items.append(items.length() == 0 ? "" : ",");
      items.append("{\"id\":\"").append(id).append("\",\"name\":\"t\",\"status\":\"active\"}");
    }
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"success\":true,\"errors\":[],\"messages\":[],\"result_info\":{\"page\":"
                + page
                + ",\"per_page\":"
                + perPage
                + ",\"count\":"
                + ids.length
                + ",\"total_count\":"
                + total
                + "},\"result\":["
                + items
                + "]}");
  }

  private void assertSentWithOurToken(RecordedRequest request, String method, String path) {
    assertThat(request.getMethod()).isEqualTo(method);
    assertThat(request.getPath()).isEqualTo(path);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_TOKEN);
  }

  @Test
  void listPagesThroughEveryTokenAskingForTheNextPageByNumber() throws Exception {
    server.enqueue(page(1, 2, 3, "a1", "a2"));
    server.enqueue(page(2, 2, 3, "a3"));

    Page<IamTokenBase> first =
        client
            .accounts()
            .tokens()
            .list(
                TokenListParams.builder()
                    .accountId(ACCOUNT_ID)
                    .perPage(BigDecimal.valueOf(2))
                    .direction("desc")
                    .build());
    List<String> ids = new ArrayList<>();
    first.autoPager().forEach(token -> ids.add(token.id()));

    assertThat(ids).containsExactly("a1", "a2", "a3");
    assertThat(first.pageNumber()).isEqualTo(1);
    assertThat(first.totalCount()).hasValue(3);
    assertThat(first.hasNextPage()).isTrue();
    assertSentWithOurToken(taken(), "GET", TOKENS + "?per_page=2&direction=desc");
    assertSentWithOurToken(taken(), "GET", TOKENS + "?per_page=2&direction=desc&page=2");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theLastPageHasNoNextOneAndSaysSo() {
    server.enqueue(page(2, 2, 3, "a3"));

    Page<IamTokenBase> last =
        client.accounts().tokens().list(TokenListParams.builder().accountId(ACCOUNT_ID).build());

    assertThat(last.hasNextPage()).isFalse();
    assertThatThrownBy(last::nextPage)
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("page 2 is the last");
    assertThat(last.nextPageAsync()).isCompletedExceptionally();
    assertThat(last.toString()).isEqualTo("Page{account-api-tokens-list-tokens, page=2, items=1}");
  }

  @Test
  void aFullPageWithoutCountsHasANextOneAndAnEmptyPageEndsTheWalk() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result_info\":{\"page\":1,"
                    + "\"per_page\":1},\"result\":[{\"id\":\"a1\",\"status\":\"active\"}]}"));
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result_info\":{\"page\":2,"
                    + "\"per_page\":1},\"result\":[]}"));

    Page<IamTokenBase> first =
        client.accounts().tokens().list(TokenListParams.builder().accountId(ACCOUNT_ID).build());
    Page<IamTokenBase> second = first.nextPageAsync().get(5, TimeUnit.SECONDS);

    assertThat(first.hasNextPage()).isTrue();
    assertThat(second.items()).isEmpty();
    assertThat(second.hasNextPage()).isFalse();
    taken();
    assertThat(taken().getPath()).isEqualTo(TOKENS + "?page=2");
  }

  @Test
  void getReadsOneTokenAndItsRawFormKeepsTheEnvelope() throws Exception {
    server.enqueue(json(200, "token-details.json"));
    server.enqueue(json(200, "token-details.json"));
    TokenGetParams params = TokenGetParams.builder().accountId(ACCOUNT_ID).build();

    IamTokenBase token = client.accounts().tokens().get(TOKEN_ID, params);
    RawResponse<IamTokenBase> raw =
        client.accounts().tokens().withRawResponse().get(TOKEN_ID, params);

    assertThat(token.name()).isEqualTo("rotation-job");
    assertThat(raw.value()).isEqualTo(token);
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.envelope()).map(Envelope::success).contains(true);
    assertSentWithOurToken(taken(), "GET", TOKENS + "/" + TOKEN_ID);
  }

  @Test
  void createPostsThePolicyAndConditionAndReturnsTheValueAsASecret() throws Exception {
    server.enqueue(json(200, "create-token-with-value.json"));
    IamPolicyWithPermissionGroupsAndResources policy =
        IamPolicyWithPermissionGroupsAndResources.builder()
            .effect(IamEffect.ALLOW)
            .permissionGroups(
                List.of(
                    IamPermissionGroup.builder().id("c8fed203ed3043cba015a93ad1616f1f").build()))
            .resources(
                IamResources.ofNested(
                    Map.of(
                        "com.cloudflare.api.account." + ACCOUNT_ID,
                        Map.of("com.cloudflare.api.account.zone.*", "*"))))
            .build();
    IamCreatePayload body =
        IamCreatePayload.builder()
            .name("deploy")
            .policies(List.of(policy))
            .condition(
                IamCondition.builder()
                    .requestIp(IamRequestIp.builder().in(List.of("192.0.2.0/24")).build())
                    .build())
            .build();

    IamTokenWithValue created =
        client
            .accounts()
            .tokens()
            .create(TokenCreateParams.builder().accountId(ACCOUNT_ID).body(body).build());

    assertThat(created.value().reveal())
        .isEqualTo("cfat_TheNewSecretValueOfTheCreatedToken0123456789ab");
    assertThat(created.toString()).doesNotContain(created.value().reveal());
    RecordedRequest request = taken();
    assertSentWithOurToken(request, "POST", TOKENS);
    assertThat(request.getBody().readUtf8())
        .isEqualTo(
            "{\"name\":\"deploy\",\"policies\":[{\"effect\":\"allow\",\"permission_groups\":"
                + "[{\"id\":\"c8fed203ed3043cba015a93ad1616f1f\"}],\"resources\":"
                + "{\"com.cloudflare.api.account."
                + ACCOUNT_ID
                + "\":{\"com.cloudflare.api.account.zone.*\":\"*\"}}}],"
                + "\"condition\":{\"request_ip\":{\"in\":[\"192.0.2.0/24\"]}}}");
  }

  @Test
  void updatePutsWhatItIsGivenAndAToBuilderCopyChangesOnlyWhatItSets() throws Exception {
    server.enqueue(json(200, "token-details.json"));
    IamTokenBody body =
        IamTokenBody.builder()
            .name("renamed")
            .status(IamTokenStatus.DISABLED)
            .policies(List.of())
            .build();
    IamTokenBody changed = body.toBuilder().name("renamed again").build();

    client
        .accounts()
        .tokens()
        .update(TOKEN_ID, TokenUpdateParams.builder().accountId(ACCOUNT_ID).body(changed).build());

    assertThat(changed.status()).isEqualTo(body.status());
    assertThat(body.name()).isEqualTo("renamed");
    RecordedRequest request = taken();
    assertSentWithOurToken(request, "PUT", TOKENS + "/" + TOKEN_ID);
    assertThat(request.getBody().readUtf8())
        .isEqualTo("{\"name\":\"renamed again\",\"policies\":[],\"status\":\"disabled\"}");
  }

  @Test
  void aBodyWithoutARequiredPropertyFailsBeforeSendingAndNamesIt() {
    // Cloudflare's spec requires policies in an Update Token body (name and policies); Prism
    // refuses one without, so does the sandbox, and so the client before anything is sent.
    IamTokenBody noPolicies = IamTokenBody.builder().name("renamed").build();
    IamTokenBody noEffect =
        IamTokenBody.builder()
            .name("renamed")
            .policies(
                List.of(
                    IamPolicyWithPermissionGroupsAndResources.builder()
                        .permissionGroups(List.of())
                        .resources(IamResources.ofFlat(Map.of("k", "*")))
                        .build()))
            .build();
    TokensService tokens = client.accounts().tokens();

    assertThatThrownBy(
            () ->
                tokens.update(
                    TOKEN_ID,
                    TokenUpdateParams.builder().accountId(ACCOUNT_ID).body(noPolicies).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "body of account-api-tokens-update-token: required property 'policies' is missing");
    assertThatThrownBy(
            () ->
                tokens.update(
                    TOKEN_ID,
                    TokenUpdateParams.builder().accountId(ACCOUNT_ID).body(noEffect).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "body of account-api-tokens-update-token: required property 'effect' is missing at"
                + " $.policies[0]");
    // Read-only properties are not asked for: a token's id is required in answers only.
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void verifyChecksTheClientsOwnTokenAtTheAccount() throws Exception {
    server.enqueue(json(200, "verify-token.json"));

    TokenVerifyResponse verified =
        client
            .accounts()
            .tokens()
            .verifyAsync(TokenVerifyParams.builder().accountId(ACCOUNT_ID).build())
            .get(5, TimeUnit.SECONDS);

    assertThat(verified.id()).isEqualTo(TOKEN_ID);
    assertThat(verified.status()).isEqualTo(IamTokenStatus.ACTIVE);
    assertSentWithOurToken(taken(), "GET", TOKENS + "/verify");
  }

  @Test
  void rollPutsAnEmptyObjectAndReturnsTheNewValueAsASecret() throws Exception {
    server.enqueue(json(200, "roll-token-value.json"));

    Secret rolled =
        client
            .accounts()
            .tokens()
            .value()
            .update(
                TOKEN_ID,
                TokenValueUpdateParams.builder().accountId(ACCOUNT_ID).body(Map.of()).build());

    assertThat(rolled.reveal()).isEqualTo("cfat_TheRolledSecretValueOfTheToken00000000123456789ab");
    assertThat(rolled.toString()).doesNotContain("Rolled");
    RecordedRequest request = taken();
    assertSentWithOurToken(request, "PUT", TOKENS + "/" + TOKEN_ID + "/value");
    assertThat(request.getBody().readUtf8()).isEqualTo("{}");
  }

  @Test
  void permissionGroupsAreListedWithTheirFilters() throws Exception {
    server.enqueue(json(200, "permission-groups.json"));

    Page<PermissionGroupListResponse> groups =
        client
            .accounts()
            .tokens()
            .permissionGroups()
            .list(
                PermissionGroupListParams.builder()
                    .accountId(ACCOUNT_ID)
                    .name("Billing Read")
                    .build());

    assertThat(groups.items())
        .extracting(PermissionGroupListResponse::name)
        .containsExactly("Billing Read", "Future Read");
    assertThat(groups.hasNextPage()).isFalse();
    assertSentWithOurToken(taken(), "GET", TOKENS + "/permission_groups?name=Billing%20Read");
  }

  @Test
  void withOptionsAppliesToEveryCallOfTheService() throws Exception {
    server.enqueue(json(200, "token-details.json"));

    client
        .accounts()
        .tokens()
        .withOptions(RequestOptions.builder().header("X-Audit", "rotation-42").build())
        .get(TOKEN_ID, TokenGetParams.builder().accountId(ACCOUNT_ID).build());

    assertThat(taken().getHeader("X-Audit")).isEqualTo("rotation-42");
  }

  @Test
  void userTokensAreListedVerifiedAndDeletedUnderUser() throws Exception {
    server.enqueue(page(1, 20, 1, "u1"));
    server.enqueue(json(200, "verify-token.json"));
    server.enqueue(json(200, "delete-token-success.json"));
    UserTokensService tokens = client.user().tokens();

    assertThat(tokens.list(UserTokenListParams.builder().page(BigDecimal.ONE).build()).items())
        .extracting(IamTokenBase::id)
        .containsExactly("u1");
    assertThat(tokens.verify().id()).isEqualTo(TOKEN_ID);
    assertThat(tokens.deleteAsync(TOKEN_ID).get(5, TimeUnit.SECONDS)).isPresent();

    assertSentWithOurToken(taken(), "GET", "/client/v4/user/tokens?page=1");
    assertSentWithOurToken(taken(), "GET", "/client/v4/user/tokens/verify");
    assertSentWithOurToken(taken(), "DELETE", "/client/v4/user/tokens/" + TOKEN_ID);
  }

  @Test
  void anAccountOwnedTokenIsNotVerifiedAtTheUsersEndpoint() {
    try (CloudflareClient accountOwned =
        clientBuilder().apiToken("cfat_OurOwnAccountOwnedToken0123456789abcdefABCDEF").build()) {
      assertThatThrownBy(() -> accountOwned.user().tokens().verify())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("account-owned (it starts with cfat_)")
          .hasMessageContaining("client.accounts().tokens().verify(...)")
          .hasMessageNotContaining("OurOwn");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anAccountTokensLeakedValueIsVerifiedWithItselfThenDeletedWithOurs() throws Exception {
    server.enqueue(json(200, "verify-token.json"));
    server.enqueue(json(200, "delete-token-success.json"));

    RevokedToken revoked = client.accounts().tokens().revokeLeaked(ACCOUNT_ID, LEAKED);

    assertThat(revoked).isEqualTo(RevokedToken.revoked(TOKEN_ID, RevokedToken.Owner.ACCOUNT));
    RecordedRequest verify = taken();
    assertThat(verify.getPath()).isEqualTo(TOKENS + "/verify");
    assertThat(verify.getHeader("Authorization")).isEqualTo("Bearer " + LEAKED);
    assertSentWithOurToken(taken(), "DELETE", TOKENS + "/" + TOKEN_ID);
    assertThat(revoked.toString()).doesNotContain(LEAKED);
  }

  @Test
  void aUserTokensLeakedValueGoesStraightToTheUsersVerify() throws Exception {
    String leaked = "cfut_LeakedUserTokenValue0123456789abcdefABCDEF0123";
    server.enqueue(json(200, "verify-token.json"));
    server.enqueue(json(200, "delete-token-success.json"));

    RevokedToken revoked = client.accounts().tokens().revokeLeaked(ACCOUNT_ID, leaked);

    assertThat(revoked.owner()).isEqualTo(RevokedToken.Owner.USER);
    RecordedRequest verify = taken();
    assertThat(verify.getPath()).isEqualTo("/client/v4/user/tokens/verify");
    assertThat(verify.getHeader("Authorization")).isEqualTo("Bearer " + leaked);
    assertSentWithOurToken(taken(), "DELETE", "/client/v4/user/tokens/" + TOKEN_ID);
  }

  @Test
  void anUnprefixedLeakedValueIsTriedAtTheAccountThenAtTheUser() throws Exception {
    String leaked = "LegacyUnprefixedTokenValue0123456789abcdef";
    server.enqueue(json(401, "invalid-token.json"));
    server.enqueue(json(200, "verify-token.json"));
    server.enqueue(json(200, "delete-token-success.json"));

    RevokedToken revoked = client.accounts().tokens().revokeLeaked(ACCOUNT_ID, leaked);

    assertThat(revoked).isEqualTo(RevokedToken.revoked(TOKEN_ID, RevokedToken.Owner.USER));
    assertThat(taken().getPath()).isEqualTo(TOKENS + "/verify");
    assertThat(taken().getPath()).isEqualTo("/client/v4/user/tokens/verify");
    assertSentWithOurToken(taken(), "DELETE", "/client/v4/user/tokens/" + TOKEN_ID);
  }

  @Test
  void aValueNeitherEndpointAcceptsIsReportedAsNotAcceptedWithBothRefusalsAndDeletesNothing() {
    String leaked = "LegacyUnprefixedTokenValue0123456789abcdef";
    server.enqueue(json(401, "invalid-token.json"));
    server.enqueue(json(401, "invalid-token.json"));
    server.enqueue(json(200, "list-tokens-page.json")); // the account is ours: the id is right

    RevokedToken outcome = client.accounts().tokens().revokeLeaked(ACCOUNT_ID, leaked);

    assertThat(outcome.outcome()).isEqualTo(RevokedToken.Outcome.NOT_ACCEPTED);
    assertThat(outcome.wasRevoked()).isFalse();
    assertThat(outcome.id()).isNull();
    assertThat(outcome.owner()).as("no prefix says whose it was").isNull();
    // The user endpoint's refusal, with the account endpoint's in it: nothing the server said lost.
    assertThat(outcome.refusal().errors())
        .singleElement()
        .satisfies(e -> assertThat(e.code()).isEqualTo(1000));
    assertThat(outcome.refusal().getSuppressed())
        .singleElement()
        .isInstanceOf(UnauthorizedException.class);
    assertThat(outcome.toString()).doesNotContain(leaked);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aPrefixedValueNoLongerAcceptedNamesItsOwnerAndAskedOneEndpoint() throws Exception {
    String leaked = "cfat_" + "d".repeat(40) + "0a1b2c3d";
    server.enqueue(json(401, "invalid-token.json"));
    server.enqueue(json(200, "list-tokens-page.json"));

    RevokedToken outcome = client.accounts().tokens().revokeLeaked(ACCOUNT_ID, leaked);

    assertThat(outcome)
        .extracting(RevokedToken::outcome, RevokedToken::owner, RevokedToken::id)
        .containsExactly(RevokedToken.Outcome.NOT_ACCEPTED, RevokedToken.Owner.ACCOUNT, null);
    assertThat(taken().getPath()).isEqualTo(TOKENS + "/verify");
    // The account checked with the client's own credential, not the value: a 401 there could
    // also mean a wrong account id.
    RecordedRequest check = taken();
    assertSentWithOurToken(check, "GET", TOKENS + "?per_page=5");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aValueRefusedAtAnAccountTheClientCannotReachIsAFailureNotAnOutcome() {
    String leaked = "cfat_" + "d".repeat(40) + "0a1b2c3d";
    server.enqueue(json(401, "invalid-token.json"));
    server.enqueue(json(403, "failure-two-errors.json"));

    assertThatThrownBy(() -> client.accounts().tokens().revokeLeaked(ACCOUNT_ID, leaked))
        .isInstanceOf(dev.cloudflare4j.errors.PermissionDeniedException.class)
        .satisfies(
            e -> assertThat(e.getSuppressed()).anyMatch(UnauthorizedException.class::isInstance))
        .hasMessageNotContaining(leaked);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aVerifyRefusedOtherwiseThan401StaysAFailure() {
    String leaked = "cfut_" + "d".repeat(40) + "0a1b2c3d";
    server.enqueue(json(403, "invalid-token.json"));

    assertThatThrownBy(() -> client.accounts().tokens().revokeLeaked(ACCOUNT_ID, leaked))
        .isInstanceOf(dev.cloudflare4j.errors.PermissionDeniedException.class)
        .hasMessageNotContaining(leaked);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void revokeLeakedAsyncTakesTheSameStepsWithoutBlockingAndFailsAsTheBlockingCallDoes()
      throws Exception {
    String leaked = "LegacyUnprefixedTokenValue0123456789abcdef";
    server.enqueue(json(401, "invalid-token.json"));
    server.enqueue(json(200, "verify-token.json"));
    server.enqueue(json(200, "delete-token-success.json"));

    RevokedToken revoked =
        client
            .accounts()
            .tokens()
            .revokeLeakedAsync(ACCOUNT_ID, leaked)
            .get(5, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(revoked).isEqualTo(RevokedToken.revoked(TOKEN_ID, RevokedToken.Owner.USER));
    assertThat(taken().getPath()).isEqualTo(TOKENS + "/verify");
    assertThat(taken().getPath()).isEqualTo("/client/v4/user/tokens/verify");
    assertSentWithOurToken(taken(), "DELETE", "/client/v4/user/tokens/" + TOKEN_ID);

    server.enqueue(json(401, "invalid-token.json"));
    server.enqueue(json(401, "invalid-token.json"));
    server.enqueue(json(200, "list-tokens-page.json"));
    java.util.concurrent.CompletableFuture<RevokedToken> unknown =
        client.accounts().tokens().revokeLeakedAsync(ACCOUNT_ID, leaked);
    assertThat(unknown.get(5, java.util.concurrent.TimeUnit.SECONDS).outcome())
        .isEqualTo(RevokedToken.Outcome.NOT_ACCEPTED);
    server.enqueue(json(500, "invalid-token.json"));
    java.util.concurrent.CompletableFuture<RevokedToken> failed =
        client.accounts().tokens().revokeLeakedAsync(ACCOUNT_ID, leaked);
    assertThatThrownBy(failed::join)
        .hasCauseInstanceOf(dev.cloudflare4j.errors.InternalServerException.class);
    java.util.concurrent.CompletableFuture<RevokedToken> key =
        client.accounts().tokens().revokeLeakedAsync(ACCOUNT_ID, "cfk_LeakedGlobalKeyValue0123");
    assertThatThrownBy(key::join)
        .hasCauseInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Global API Key");
    assertThat(server.getRequestCount()).isEqualTo(7);
  }

  @Test
  void cancellingRevokeLeakedAsyncStopsItAndNoLaterStepStarts() throws Exception {
    java.util.List<Runnable> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch scheduled = new java.util.concurrent.CountDownLatch(1);
    RetryTimer holding =
        new RetryTimer() {
          @Override
          public void sleep(java.time.Duration delay) {}

          @Override
          public void schedule(Runnable task, java.time.Duration delay) {
            held.add(task);
            scheduled.countDown();
          }
        };
    // The verify is refused for now: its retry waits on the timer, which holds it.
    server.enqueue(json(429, "failure-not-found.json").setHeader("Retry-After", "1"));
    server.enqueue(json(200, "verify-token.json"));
    server.enqueue(json(200, "delete-token-success.json"));
    try (CloudflareClient c =
        clientBuilder().apiToken(API_TOKEN).maxRetries(2).retryTimer(holding).build()) {
      java.util.concurrent.CompletableFuture<RevokedToken> revoking =
          c.accounts()
              .tokens()
              .revokeLeakedAsync(ACCOUNT_ID, "cfat_LeakedAccountTokenValue0123456789");
      assertThat(scheduled.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      assertThat(revoking.cancel(true)).isTrue();
      for (Runnable task : held) {
        task.run(); // the retry's turn comes: the cancelled verify sends nothing more
      }

      assertThat(revoking).isCancelled();
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(taken().getPath()).isEqualTo(TOKENS + "/verify");
    }
  }

  @Test
  void anInterruptedRevokeLeakedFailsKeepingTheFlag() {
    server.enqueue(json(200, "verify-token.json"));
    server.enqueue(json(200, "delete-token-success.json"));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(
              () ->
                  client
                      .accounts()
                      .tokens()
                      .revokeLeaked(ACCOUNT_ID, "cfat_LeakedAccountTokenValue0123456789"))
          .isInstanceOf(dev.cloudflare4j.errors.CloudflareIoException.class)
          .hasMessageContaining("revoking a leaked value was interrupted")
          .hasMessageNotContaining("LeakedAccountTokenValue");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      boolean unused = Thread.interrupted();
    }
  }

  @Test
  void aGlobalKeyOrAMalformedValueIsRefusedBeforeAnythingIsSent() {
    String key = "cfk_LeakedGlobalKeyValue0123456789abcdef";

    assertThatThrownBy(() -> client.accounts().tokens().revokeLeaked(ACCOUNT_ID, key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Global API Key (it starts with cfk_)")
        .hasMessageContaining("dashboard")
        .hasMessageNotContaining(key);
    assertThatThrownBy(() -> client.accounts().tokens().revokeLeaked(ACCOUNT_ID, LEAKED + "\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("leakedValue must hold only visible ASCII characters")
        .hasMessageNotContaining(LEAKED);
    assertThatThrownBy(() -> client.accounts().tokens().revokeLeaked(ACCOUNT_ID, " "))
        .hasMessage("leakedValue must not be blank");
    assertThatThrownBy(() -> client.accounts().tokens().revokeLeaked(ACCOUNT_ID, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("leakedValue must not be null");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void valuesThatAreNoApiTokenAreRefusedBeforeAnythingIsSentEachWithWhatToDo() {
    String wrangler = "cfoat_LeakedWranglerOAuthToken0123456789ab";
    String access = "cfast_LeakedAccessServiceSecret0123456789ab";

    assertThatThrownBy(() -> client.accounts().tokens().revokeLeaked(ACCOUNT_ID, wrangler))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("leakedValue is a Wrangler OAuth token (it starts with cfoat_)")
        .hasMessageContaining("wrangler logout")
        .hasMessageNotContaining(wrangler);
    assertThatThrownBy(() -> client.accounts().tokens().revokeLeaked(ACCOUNT_ID, access))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "leakedValue is an Access service token's client secret (it starts with cfast_)")
        .hasMessageContaining("Service Tokens")
        .hasMessageNotContaining(access);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void everyAsyncAndRawFormSendsWhatItsBlockingFormSends() throws Exception {
    TokensService tokens = client.accounts().tokens();
    TokenGetParams get = TokenGetParams.builder().accountId(ACCOUNT_ID).build();
    TokenListParams list = TokenListParams.builder().accountId(ACCOUNT_ID).build();
    TokenCreateParams create =
        TokenCreateParams.builder()
            .accountId(ACCOUNT_ID)
            .body(IamCreatePayload.builder().name("n").policies(List.of()).build())
            .build();
    TokenUpdateParams update =
        TokenUpdateParams.builder()
            .accountId(ACCOUNT_ID)
            .body(IamTokenBody.builder().name("n").policies(List.of()).build())
            .build();
    TokenVerifyParams verify = TokenVerifyParams.builder().accountId(ACCOUNT_ID).build();
    TokenValueUpdateParams roll =
        TokenValueUpdateParams.builder().accountId(ACCOUNT_ID).body(Map.of()).build();
    PermissionGroupListParams groups =
        PermissionGroupListParams.builder().accountId(ACCOUNT_ID).build();
    UserTokenListParams userList = UserTokenListParams.builder().build();
    for (String fixture :
        List.of(
            "list-tokens-page.json",
            "list-tokens-page.json",
            "token-details.json",
            "create-token-with-value.json",
            "create-token-with-value.json",
            "token-details.json",
            "token-details.json",
            "verify-token.json",
            "roll-token-value.json",
            "roll-token-value.json",
            "permission-groups.json",
            "list-tokens-page.json",
            "list-tokens-page.json",
            "verify-token.json",
            "verify-token.json",
            "delete-token-success.json",
            "delete-token-success.json")) {
      server.enqueue(json(200, fixture));
    }

    assertThat(tokens.listAsync(list).get(5, TimeUnit.SECONDS).items()).hasSize(1);
    assertThat(tokens.withRawResponse().list(list).value().pageNumber()).isEqualTo(2);
    assertThat(tokens.getAsync(TOKEN_ID, get).get(5, TimeUnit.SECONDS).id()).isEqualTo(TOKEN_ID);
    assertThat(tokens.createAsync(create).get(5, TimeUnit.SECONDS).name()).isEqualTo("deploy");
    assertThat(tokens.withRawResponse().create(create).statusCode()).isEqualTo(200);
    assertThat(tokens.updateAsync(TOKEN_ID, update).get(5, TimeUnit.SECONDS).id())
        .isEqualTo(TOKEN_ID);
    assertThat(tokens.withRawResponse().update(TOKEN_ID, update).value().id()).isEqualTo(TOKEN_ID);
    assertThat(tokens.withRawResponse().verify(verify).value().id()).isEqualTo(TOKEN_ID);
    assertThat(tokens.value().updateAsync(TOKEN_ID, roll).get(5, TimeUnit.SECONDS).reveal())
        .startsWith("cfat_");
    assertThat(tokens.value().updateWithRawResponse(TOKEN_ID, roll).value().reveal())
        .startsWith("cfat_");
    assertThat(tokens.permissionGroups().listAsync(groups).get(5, TimeUnit.SECONDS).items())
        .hasSize(2);
    UserTokensService user = client.user().tokens();
    assertThat(user.listAsync(userList).get(5, TimeUnit.SECONDS).totalCount()).hasValue(41);
    assertThat(user.withRawResponse().list(userList).value().items()).hasSize(1);
    assertThat(user.verifyAsync().get(5, TimeUnit.SECONDS).id()).isEqualTo(TOKEN_ID);
    assertThat(user.withRawResponse().verify().value().id()).isEqualTo(TOKEN_ID);
    assertThat(user.delete(TOKEN_ID)).isPresent();
    assertThat(user.withRawResponse().delete(TOKEN_ID).value()).isPresent();

    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      RecordedRequest request = taken();
      assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_TOKEN);
      sent.add(request.getMethod() + " " + request.getPath().replace(TOKENS, "~"));
    }
    assertThat(sent)
        .containsExactly(
            "GET ~",
            "GET ~",
            "GET ~/" + TOKEN_ID,
            "POST ~",
            "POST ~",
            "PUT ~/" + TOKEN_ID,
            "PUT ~/" + TOKEN_ID,
            "GET ~/verify",
            "PUT ~/" + TOKEN_ID + "/value",
            "PUT ~/" + TOKEN_ID + "/value",
            "GET ~/permission_groups",
            "GET /client/v4/user/tokens",
            "GET /client/v4/user/tokens",
            "GET /client/v4/user/tokens/verify",
            "GET /client/v4/user/tokens/verify",
            "DELETE /client/v4/user/tokens/" + TOKEN_ID,
            "DELETE /client/v4/user/tokens/" + TOKEN_ID);
  }

  @Test
  void withOptionsRefusesNullAndAFailedCallFailsItsFuture() {
    assertThatThrownBy(() -> client.accounts().tokens().withOptions(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("options must not be null");
    assertThatThrownBy(() -> client.user().tokens().withOptions(null))
        .isInstanceOf(NullPointerException.class);
    // Bad arguments fail the future, not the caller; nothing is sent.
    assertThat(client.accounts().tokens().listAsync(TokenListParams.builder().build()))
        .isCompletedExceptionally();
    assertThat(client.accounts().tokens().getAsync(TOKEN_ID, null)).isCompletedExceptionally();
    assertThat(server.getRequestCount()).isZero();
  }
}
