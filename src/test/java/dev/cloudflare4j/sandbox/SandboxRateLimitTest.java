package dev.cloudflare4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.RawResponse;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenCreateParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenGetParams;
import dev.cloudflare4j.errors.BadRequestException;
import dev.cloudflare4j.errors.RateLimitException;
import dev.cloudflare4j.model.IamCreatePayload;
import dev.cloudflare4j.model.IamEffect;
import dev.cloudflare4j.model.IamPermissionGroup;
import dev.cloudflare4j.model.IamPolicyWithPermissionGroupsAndResources;
import dev.cloudflare4j.model.IamResources;
import dev.cloudflare4j.model.IamTokenBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox limits like Cloudflare: a quota per window shared by the user, headers, a block. */
class SandboxRateLimitTest {

  private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";

  private CloudflareSandbox sandbox;
  private final List<CloudflareClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    sandbox = CloudflareSandbox.start();
  }

  @AfterEach
  void stop() {
    clients.forEach(CloudflareClient::close);
    sandbox.close();
  }

  private CloudflareClient client(CloudflareClient.Builder builder) {
    CloudflareClient client =
        builder.apiToken(sandbox.apiToken()).baseUrl(sandbox.baseUrl()).build();
    clients.add(client);
    return client;
  }

  private static TokenGetParams get() {
    return TokenGetParams.builder().accountId(ACCOUNT).build();
  }

  private long answered(int status) {
    return sandbox.requests().stream().filter(r -> r.status() == status).count();
  }

  @Test
  void everyAnswerSaysWhatRemainsOfTheUsersQuotaSpentByAnyClient() {
    sandbox.rateLimit(10, Duration.ofMinutes(1));
    String id = sandbox.createToken(ACCOUNT);
    CloudflareClient ours = client(CloudflareClient.builder().paceByServerHeaders(false));
    CloudflareClient theirs = client(CloudflareClient.builder().paceByServerHeaders(false));

    RawResponse<IamTokenBase> first = ours.accounts().tokens().withRawResponse().get(id, get());
    theirs.accounts().tokens().get(id, get());
    sandbox.spendElsewhere(3);
    RawResponse<IamTokenBase> second = ours.accounts().tokens().withRawResponse().get(id, get());

    assertThat(first.headers().get("Ratelimit")).matches("\"default\";r=9;t=([1-5]?[0-9]|60)");
    assertThat(first.headers().get("Ratelimit-Policy")).isEqualTo("\"default\";q=10;w=60");
    // The other client's request and the three spent elsewhere count too.
    assertThat(second.headers().get("Ratelimit")).matches("\"default\";r=4;t=([1-5]?[0-9]|60)");
  }

  @Test
  void pastTheQuotaTheUserIsBlockedForAWindowWhateverTheClient() {
    sandbox.rateLimit(3, Duration.ofMinutes(1));
    String id = sandbox.createToken(ACCOUNT);
    CloudflareClient ours =
        client(CloudflareClient.builder().maxRetries(0).paceByServerHeaders(false));
    CloudflareClient theirs =
        client(CloudflareClient.builder().maxRetries(0).paceByServerHeaders(false));
    sandbox.spendElsewhere(3);

    RateLimitException refused =
        catchThrowableOfType(
            RateLimitException.class, () -> ours.accounts().tokens().get(id, get()));
    RateLimitException alsoRefused =
        catchThrowableOfType(
            RateLimitException.class, () -> theirs.accounts().tokens().get(id, get()));

    assertThat(refused.errors().get(0).code()).isEqualTo(971);
    assertThat(refused.retryAfter()).contains(Duration.ofMinutes(1));
    assertThat(refused.headers().get("Ratelimit")).isEqualTo("\"default\";r=0;t=60");
    // Blocked: the next request, of another client, is refused too.
    assertThat(alsoRefused.retryAfter())
        .hasValueSatisfying(
            wait -> assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofMinutes(1)));
    assertThat(answered(429)).isEqualTo(2);
  }

  @Test
  void aBlockEndsAfterAWindowAndANewWindowStarts() {
    // The sandbox's clock is the test's: the block holds until the test moves it on.
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    sandbox.ticker(now::get);
    sandbox.rateLimit(1, Duration.ofSeconds(3));
    String id = sandbox.createToken(ACCOUNT);
    sandbox.spendElsewhere(2);
    CloudflareClient client =
        client(CloudflareClient.builder().maxRetries(0).paceByServerHeaders(false));

    RateLimitException blocked =
        catchThrowableOfType(
            RateLimitException.class, () -> client.accounts().tokens().get(id, get()));
    now.addAndGet(Duration.ofMillis(2999).toNanos());
    RateLimitException stillBlocked =
        catchThrowableOfType(
            RateLimitException.class, () -> client.accounts().tokens().get(id, get()));
    now.addAndGet(Duration.ofMillis(1).toNanos());

    assertThat(client.accounts().tokens().get(id, get()).id()).isEqualTo(id);
    assertThat(blocked.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(stillBlocked.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(sandbox.requests())
        .extracting(SandboxRequest::status)
        .containsExactly(429, 429, 200);
  }

  @Test
  void pacedByTheHeadersAClientNeverTripsTheBlockWhileAnotherSpendsTheQuota() {
    // 6 per second, 3 of the first window spent elsewhere: our 8 deletes span windows.
    sandbox.rateLimit(6, Duration.ofSeconds(1));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(sandbox.createToken(ACCOUNT));
    }
    sandbox.spendElsewhere(3);
    CloudflareClient paced = client(CloudflareClient.builder().maxRetries(0));

    for (String id : ids) {
      paced.accounts().tokens().delete(id, TokenDeleteParams.builder().accountId(ACCOUNT).build());
    }

    assertThat(sandbox.tokenIds(ACCOUNT)).isEmpty();
    assertThat(answered(429)).isZero();
  }

  @Test
  void withoutPacingTheSameRunTripsTheBlock() {
    sandbox.rateLimit(6, Duration.ofMinutes(1));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(sandbox.createToken(ACCOUNT));
    }
    sandbox.spendElsewhere(3);
    CloudflareClient unpaced =
        client(CloudflareClient.builder().maxRetries(0).paceByServerHeaders(false));

    assertThatThrownBy(
            () -> {
              for (String id : ids) {
                unpaced
                    .accounts()
                    .tokens()
                    .delete(id, TokenDeleteParams.builder().accountId(ACCOUNT).build());
              }
            })
        .isInstanceOf(RateLimitException.class);
    assertThat(answered(429)).isEqualTo(1);
  }

  @Test
  void anAccountHoldsAtMost500TokensAndACreatePastThemIsRefused() {
    for (int i = 0; i < 500; i++) {
      sandbox.createToken(ACCOUNT);
    }
    assertThatThrownBy(() -> sandbox.createToken(ACCOUNT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Maximum of 500 account API tokens reached");
    CloudflareClient client = client(CloudflareClient.builder().maxRetries(0));

    BadRequestException refused =
        catchThrowableOfType(
            BadRequestException.class, () -> client.accounts().tokens().create(createParams()));

    assertThat(refused.errors().get(0).code()).isEqualTo(1001);
    assertThat(refused.errors().get(0).message())
        .isEqualTo("Maximum of 500 account API tokens reached");
    assertThat(sandbox.tokenIds(ACCOUNT)).hasSize(500);
  }

  @Test
  void theUserHoldsAtMost50Tokens() {
    for (int i = 0; i < 50; i++) {
      sandbox.issueUserToken();
    }
    assertThatThrownBy(() -> sandbox.issueUserToken())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Maximum of 50 user API tokens reached");
  }

  @Test
  void theSandboxTurnsNaglesAlgorithmOffUnlessTheCallerChoseOtherwise() {
    // Else each answer of the JDK's server waits for the client's delayed ACK (about 40 ms).
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
  }

  @Test
  void theRateLimitAndWhatIsSpentElsewhereAreChecked() {
    assertThatThrownBy(() -> sandbox.rateLimit(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.rateLimit(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.spendElsewhere(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no rate limit is set: call rateLimit(...) first");
    sandbox.rateLimit(1, Duration.ofSeconds(1));
    assertThatThrownBy(() -> sandbox.spendElsewhere(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requests must not be negative (was -1)");
  }

  private static TokenCreateParams createParams() {
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
        .body(IamCreatePayload.builder().name("one too many").policies(List.of(policy)).build())
        .build();
  }
}
