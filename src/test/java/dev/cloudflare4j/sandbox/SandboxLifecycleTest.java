package dev.cloudflare4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.Page;
import dev.cloudflare4j.RevokedToken;
import dev.cloudflare4j.Secret;
import dev.cloudflare4j.TokensService;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.PermissionGroupListParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenCreateParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenGetParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenListParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenUpdateParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenValueUpdateParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenVerifyParams;
import dev.cloudflare4j.api.UserApiTokensApi.UserTokenListParams;
import dev.cloudflare4j.errors.CloudflareException;
import dev.cloudflare4j.errors.UnauthorizedException;
import dev.cloudflare4j.model.IamCreatePayload;
import dev.cloudflare4j.model.IamEffect;
import dev.cloudflare4j.model.IamPermissionGroup;
import dev.cloudflare4j.model.IamPolicyWithPermissionGroupsAndResources;
import dev.cloudflare4j.model.IamResources;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.IamTokenBody;
import dev.cloudflare4j.model.IamTokenStatus;
import dev.cloudflare4j.model.IamTokenWithValue;
import dev.cloudflare4j.model.PermissionGroupListResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token lifecycle against the stateful sandbox, through the facade. */
class SandboxLifecycleTest {

  private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";

  private CloudflareSandbox sandbox;
  private CloudflareClient client;
  private TokensService tokens;

  @BeforeEach
  void start() {
    sandbox = CloudflareSandbox.start();
    client = clientWith(sandbox.apiToken(), 0);
    tokens = client.accounts().tokens();
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  private CloudflareClient clientWith(String token, int maxRetries) {
    return CloudflareClient.builder()
        .apiToken(token)
        .baseUrl(sandbox.baseUrl())
        .maxRetries(maxRetries)
        .build();
  }

  private static TokenCreateParams createParams(String name) {
    IamPolicyWithPermissionGroupsAndResources policy =
        IamPolicyWithPermissionGroupsAndResources.builder()
            .effect(IamEffect.ALLOW)
            .permissionGroups(
                List.of(
                    IamPermissionGroup.builder().id("c8fed203ed3043cba015a93ad1616f1f").build()))
            .resources(IamResources.ofFlat(Map.of("com.cloudflare.api.account." + ACCOUNT, "*")))
            .build();
    return TokenCreateParams.builder()
        .accountId(ACCOUNT)
        .body(IamCreatePayload.builder().name(name).policies(List.of(policy)).build())
        .build();
  }

  @Test
  void autoPagerWalksEveryTokenOnceAndAsksForNoPageBeyondTheLast() {
    // 12 tokens by 5: three pages, the last one short; 10 by 5: two, total_count says so.
    for (int total : new int[] {12, 10}) {
      try (CloudflareSandbox own = CloudflareSandbox.start();
          CloudflareClient ownClient =
              CloudflareClient.builder().apiToken(own.apiToken()).baseUrl(own.baseUrl()).build()) {
        for (int i = 0; i < total; i++) {
          own.createToken(ACCOUNT);
        }

        List<String> walked = new ArrayList<>();
        ownClient
            .accounts()
            .tokens()
            .list(
                TokenListParams.builder().accountId(ACCOUNT).perPage(BigDecimal.valueOf(5)).build())
            .autoPager()
            .forEach(token -> walked.add(token.id()));

        assertThat(walked).containsExactlyInAnyOrderElementsOf(own.tokenIds(ACCOUNT));
        assertThat(walked).doesNotHaveDuplicates().hasSize(total);
        assertThat(own.requests())
            .extracting(
                request -> request.method() + " " + request.path().replaceFirst("^.*/tokens", ""))
            .containsExactlyElementsOf(
                total == 12
                    ? List.of("GET ?per_page=5", "GET ?per_page=5&page=2", "GET ?per_page=5&page=3")
                    : List.of("GET ?per_page=5", "GET ?per_page=5&page=2"));
      }
    }
  }

  @Test
  void rotationCreatesVerifiesRollsAndDeletes() {
    IamTokenWithValue created = tokens.create(createParams("deploy"));
    String first = created.value().reveal();
    assertThat(first).startsWith("cfat_").hasSize(5 + 40 + 8);

    TokenVerifyParams here = TokenVerifyParams.builder().accountId(ACCOUNT).build();
    try (CloudflareClient asNew = clientWith(first, 0)) {
      assertThat(asNew.accounts().tokens().verify(here).id()).isEqualTo(created.id());
    }
    Secret rolled =
        tokens
            .value()
            .update(
                created.id(),
                TokenValueUpdateParams.builder().accountId(ACCOUNT).body(Map.of()).build());
    try (CloudflareClient asOld = clientWith(first, 0);
        CloudflareClient asRolled = clientWith(rolled.reveal(), 0)) {
      assertThatThrownBy(() -> asOld.accounts().tokens().verify(here))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("[1000] Invalid API Token");
      assertThat(asRolled.accounts().tokens().verify(here).status())
          .isEqualTo(IamTokenStatus.ACTIVE);
    }
    IamTokenBase read =
        tokens.get(created.id(), TokenGetParams.builder().accountId(ACCOUNT).build());
    assertThat(read.name()).isEqualTo("deploy");
    assertThat(read.policies()).singleElement().satisfies(p -> assertThat(p.id()).hasSize(32));

    assertThat(
            tokens.delete(
                created.id(),
                dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams.builder()
                    .accountId(ACCOUNT)
                    .build()))
        .isPresent();
    assertThat(sandbox.hasToken(ACCOUNT, created.id())).isFalse();
  }

  @Test
  void updateKeepsWhatItIsSent() {
    String id = tokens.create(createParams("before")).id();
    IamTokenBase token = tokens.get(id, TokenGetParams.builder().accountId(ACCOUNT).build());
    IamTokenBody body =
        IamTokenBody.builder()
            .name("after")
            .status(IamTokenStatus.DISABLED)
            .policies(token.policies())
            .build();

    IamTokenBase updated =
        tokens.update(id, TokenUpdateParams.builder().accountId(ACCOUNT).body(body).build());

    assertThat(updated.name()).isEqualTo("after");
    assertThat(updated.status()).isEqualTo(IamTokenStatus.DISABLED);
    assertThat(tokens.get(id, TokenGetParams.builder().accountId(ACCOUNT).build()).name())
        .isEqualTo("after");
  }

  @Test
  void aLeakedAccountTokenIsRevokedAndItsValueIsNeverLogged() {
    SandboxToken leaked = sandbox.issueToken(ACCOUNT);
    SandboxToken bystander = sandbox.issueToken(ACCOUNT);

    RevokedToken revoked = tokens.revokeLeaked(ACCOUNT, leaked.value());

    assertThat(revoked).isEqualTo(RevokedToken.revoked(leaked.id(), RevokedToken.Owner.ACCOUNT));
    assertThat(sandbox.tokenIds(ACCOUNT)).containsExactly(bystander.id());
    assertThat(sandbox.requests())
        .extracting(r -> r.method() + " " + r.header("Authorization"))
        .containsExactly(
            "GET Bearer [token " + leaked.id() + "]", "DELETE Bearer " + sandbox.apiToken());
    assertThat(sandbox.requests().toString() + leaked + sandbox.requests().get(0).headers())
        .doesNotContain(leaked.value());
  }

  @Test
  void aLeakedUserTokenIsRevokedUnderUser() {
    SandboxToken leaked = sandbox.issueUserToken();

    RevokedToken revoked = tokens.revokeLeaked(ACCOUNT, leaked.value());

    assertThat(revoked.owner()).isEqualTo(RevokedToken.Owner.USER);
    assertThat(sandbox.hasUserToken(leaked.id())).isFalse();
    assertThat(leaked.value()).startsWith("cfut_");
  }

  @Test
  void aValueAlreadyRevokedIsReportedAsNotAcceptedAndNothingIsDeleted() {
    SandboxToken leaked = sandbox.issueToken(ACCOUNT);
    SandboxToken other = sandbox.issueToken(ACCOUNT);
    tokens.revokeLeaked(ACCOUNT, leaked.value());

    RevokedToken again = tokens.revokeLeaked(ACCOUNT, leaked.value());

    assertThat(again.outcome()).isEqualTo(RevokedToken.Outcome.NOT_ACCEPTED);
    assertThat(again.refusal().getMessage())
        .contains("[1000] Invalid API Token")
        .doesNotContain(leaked.value());
    assertThat(sandbox.tokenIds(ACCOUNT)).containsExactly(other.id());
    // Verify and delete; then verify refused, and the account checked with the client's own
    // credential (a 401 could also mean a wrong account id).
    assertThat(sandbox.requests())
        .extracting(SandboxRequest::method)
        .containsExactly("GET", "DELETE", "GET", "GET");
  }

  @Test
  void listPagesThroughEveryTokenInOrder() {
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      issued.add(sandbox.createToken(ACCOUNT));
    }
    sandbox.issueToken("ffffffffffffffffffffffffffffffff");

    Page<IamTokenBase> first =
        tokens.list(
            TokenListParams.builder().accountId(ACCOUNT).perPage(BigDecimal.valueOf(5)).build());
    List<String> seen = new ArrayList<>();
    first.autoPager().forEach(t -> seen.add(t.id()));

    assertThat(seen).isEqualTo(issued);
    assertThat(first.totalCount()).hasValue(12);
    assertThat(sandbox.requests()).hasSize(3);
    assertThat(sandbox.requests().get(2).path()).endsWith("per_page=5&page=3");
  }

  @Test
  void userTokensAndPermissionGroupsAreListed() {
    SandboxToken mine = sandbox.issueUserToken();

    assertThat(client.user().tokens().list(UserTokenListParams.builder().build()).items())
        .extracting(IamTokenBase::id)
        .containsExactly(mine.id());
    assertThat(client.user().tokens().verify().status()).isEqualTo(IamTokenStatus.ACTIVE);
    assertThat(
            tokens
                .permissionGroups()
                .list(PermissionGroupListParams.builder().accountId(ACCOUNT).build())
                .items())
        .extracting(PermissionGroupListResponse::name)
        .contains("Account API Tokens Write", "Zone Read");
  }

  /** A fault the sandbox can inject before a create. */
  private enum Fault {
    REFUSED_503,
    LOST_ANSWER_502,
    RATE_LIMITED,
    TIMEOUT_408;

    void inject(CloudflareSandbox sandbox) {
      switch (this) {
        case REFUSED_503 -> sandbox.failNext(1, 503);
        case LOST_ANSWER_502 -> sandbox.failNextAfterEffect(1, 502);
        case RATE_LIMITED -> sandbox.rateLimitNext(1, Duration.ZERO);
        case TIMEOUT_408 -> sandbox.failNext(1, 408);
      }
    }
  }

  @Test
  void noFaultSequenceCreatesADuplicateToken() {
    try (CloudflareClient retrying = clientWith(sandbox.apiToken(), 3)) {
      int account = 0;
      for (Fault a : Fault.values()) {
        for (Fault b : Fault.values()) {
          String accountId = String.format("%032x", ++account);
          a.inject(sandbox);
          b.inject(sandbox);
          IamTokenWithValue created = null;
          CloudflareException failed = null;
          try {
            created =
                retrying
                    .accounts()
                    .tokens()
                    .create(createParams("once").toBuilder().accountId(accountId).build());
          } catch (CloudflareException e) {
            failed = e;
          }
          List<String> held = sandbox.tokenIds(accountId);
          assertThat(held).as(a + ", " + b).hasSizeLessThanOrEqualTo(1);
          if (created != null) {
            assertThat(held).as(a + ", " + b).containsExactly(created.id());
          } else if (!held.isEmpty()) {
            // A failure after the token was made must say that the outcome is unknown.
            assertThat(failed.outcomeUnknown()).as(a + ", " + b).isTrue();
          }
          // Faults the create did not consume are spent here, with no effect to count.
          for (int spent = 0; spent < 4 && drain(); spent++) {}
        }
      }
    }
  }

  /** Spends one queued fault on a harmless request; false once a request is answered normally. */
  private boolean drain() {
    try {
      client.user().tokens().verify();
      return false;
    } catch (CloudflareException e) {
      return true;
    }
  }
}
