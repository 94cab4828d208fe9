package dev.cloudflare4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.api.UserApiTokensApi;
import dev.cloudflare4j.errors.BadRequestException;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.errors.ConflictException;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.errors.PermissionDeniedException;
import dev.cloudflare4j.errors.RateLimitException;
import dev.cloudflare4j.errors.UnauthorizedException;
import dev.cloudflare4j.errors.UnprocessableEntityException;
import dev.cloudflare4j.internal.Operation;
import dev.cloudflare4j.model.IamApiResponseSingleId;
import dev.cloudflare4j.model.IamCollectionTokensResponse;
import dev.cloudflare4j.model.IamCondition;
import dev.cloudflare4j.model.IamCreatePayload;
import dev.cloudflare4j.model.IamEffect;
import dev.cloudflare4j.model.IamPolicyWithPermissionGroupsAndResources;
import dev.cloudflare4j.model.IamRequestIp;
import dev.cloudflare4j.model.IamResources;
import dev.cloudflare4j.model.IamResponseSingleValue;
import dev.cloudflare4j.model.IamSingleTokenCreateResponse;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.IamTokenStatus;
import dev.cloudflare4j.model.IamTokenWithValue;
import dev.cloudflare4j.model.PermissionGroupListResponse;
import dev.cloudflare4j.model.ResponseInfo;
import dev.cloudflare4j.model.TokenDeleteResponse;
import dev.cloudflare4j.model.TokenVerifyResponse;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract tests against Prism, a mock server that reads the spec the client is generated from
 * (Cloudflare's text in {@code openapi/}, prepared by SpecTool) and refuses requests that break it
 * (422 for a bad request, 401 for a missing credential). {@code .ci/run} starts Prism and gives its
 * address in {@code PRISM_URL}; without it these tests are skipped, unless {@code
 * PRISM_REQUIRED=true}, which makes them fail instead.
 */
class PrismContractIT {

  private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
  private static final String TOKEN = "ed17574386854bf78a67040be0a770b0";

  /** Every generated API interface of openapi/: a new tag's interface is added here. */
  private static final List<Class<?>> APIS =
      List.of(AccountOwnedApiTokensApi.class, UserApiTokensApi.class);

  private static CloudflareClient client;
  private static String url;

  @BeforeAll
  static void connect() {
    url = System.getenv("PRISM_URL");
    if (url == null || url.isEmpty()) {
      assertThat(System.getenv("PRISM_REQUIRED"))
          .as("PRISM_REQUIRED is set but PRISM_URL is not: .ci/run starts Prism")
          .isNotEqualTo("true");
      org.junit.jupiter.api.Assumptions.abort("no Prism (PRISM_URL): contract tests skipped");
    }
    client =
        CloudflareClient.builder()
            .apiToken("prism-accepts-any-bearer-token")
            .baseUrl(url)
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  private static RequestOptions prefer(int code) {
    return RequestOptions.builder().header("Prefer", "code=" + code).build();
  }

  @Test
  void theFacadesDeleteIsAcceptedAndItsAnswerRead() {
    Optional<TokenDeleteResponse> deleted =
        client
            .accounts()
            .tokens()
            .delete(TOKEN, TokenDeleteParams.builder().accountId(ACCOUNT).build());

    assertThat(deleted)
        .map(TokenDeleteResponse::id)
        .hasValueSatisfying(id -> assertThat(id).hasSize(32));
  }

  @Test
  void theGeneratedInterfacesDeleteIsAccepted() {
    RawResponse<TokenDeleteResponse> raw =
        client
            .api(AccountOwnedApiTokensApi.class)
            .accountApiTokensDeleteToken(ACCOUNT, TOKEN)
            .executeRaw();

    IamApiResponseSingleId envelope = raw.envelope(IamApiResponseSingleId.class);
    assertThat(envelope.success()).isTrue();
    assertThat(envelope.errors()).isNotNull();
    assertThat(raw.value()).isSameAs(envelope.result());
  }

  @Test
  void everyTokenOperationOfTheSpecRoundTripsThroughClientApi() {
    AccountOwnedApiTokensApi account = client.api(AccountOwnedApiTokensApi.class);
    UserApiTokensApi user = client.api(UserApiTokensApi.class);
    Set<String> called = new HashSet<>();

    IamCollectionTokensResponse tokens =
        account
            .accountApiTokensListTokens(
                ACCOUNT, BigDecimal.ONE, BigDecimal.valueOf(50), "asc", true)
            .executeRaw()
            .envelope(IamCollectionTokensResponse.class);
    called.add("accountApiTokensListTokens");
    assertThat(tokens.success()).isTrue();
    assertThat(tokens.result()).isNotEmpty().allSatisfy(t -> assertThat(t.id()).isNotEmpty());
    assertThat(tokens.resultInfo().perPage()).isEqualByComparingTo("20");
    assertThat(tokens.resultInfo().totalCount()).isPositive();
    IamTokenBase listed = tokens.result().get(0);
    assertThat(listed.policies().get(0).resources().json()).isNotEmpty();

    RawResponse<List<IamTokenBase>> mine =
        user.userApiTokensListTokens(null, null, null, null).executeRawAsync().join();
    called.add("userApiTokensListTokens");
    assertThat(mine.value()).isNotEmpty();
    assertThat(mine.envelope(IamCollectionTokensResponse.class).resultInfo()).isNotNull();

    List<PermissionGroupListResponse> groups =
        account
            .accountApiTokensListPermissionGroups(ACCOUNT, "Account Settings Write", null)
            .executeAsync()
            .join();
    called.add("accountApiTokensListPermissionGroups");
    assertThat(groups).isNotEmpty().allSatisfy(g -> assertThat(g.scopes()).isNotEmpty());

    IamPolicyWithPermissionGroupsAndResources policy =
        Fixtures.policy(
            IamEffect.ALLOW,
            "c8fed203ed3043cba015a93ad1616f1f",
            IamResources.ofFlat(Map.of("com.cloudflare.api.account." + ACCOUNT, "*")));
    IamPolicyWithPermissionGroupsAndResources nested =
        Fixtures.policy(
            IamEffect.DENY,
            "82e64a83756745bbbb1c9c2701bf816b",
            IamResources.ofNested(
                Map.of(
                    "com.cloudflare.api.account." + ACCOUNT,
                    Map.of("com.cloudflare.api.account.zone.*", "*"))));
    IamCondition condition =
        new IamCondition(
            new IamRequestIp(List.of("192.0.2.0/24"), List.of("192.0.2.1/32"), Map.of()), Map.of());
    RawResponse<IamTokenWithValue> created =
        account
            .accountApiTokensCreateToken(
                ACCOUNT,
                new IamCreatePayload(
                    "deploy",
                    List.of(policy, nested),
                    condition,
                    OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                    OffsetDateTime.of(2026, 12, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                    Map.of()))
            .executeRaw();
    called.add("accountApiTokensCreateToken");
    Secret value = created.value().value();
    assertThat(value.reveal()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(created.envelope(IamSingleTokenCreateResponse.class).toString())
        .doesNotContain(value.reveal());

    IamTokenBase token =
        account
            .accountApiTokensTokenDetails(ACCOUNT, TOKEN)
            .withOptions(RequestOptions.builder().maxRetries(0).build())
            .execute();
    called.add("accountApiTokensTokenDetails");
    assertThat(token.status().value()).isNotEqualTo(IamTokenStatus.Value.UNRECOGNIZED);

    // What was read goes back as it was, less its readOnly parts: Prism checks it against the spec.
    IamTokenBase updated =
        account
            .accountApiTokensUpdateToken(
                ACCOUNT, TOKEN, Fixtures.updateOf(token, "renamed", IamTokenStatus.DISABLED))
            .execute();
    called.add("accountApiTokensUpdateToken");
    assertThat(updated.id()).isNotEmpty();

    RawResponse<Secret> rolled =
        account.accountApiTokensRollToken(ACCOUNT, TOKEN, Map.of()).executeRaw();
    called.add("accountApiTokensRollToken");
    assertThat(rolled.value().reveal()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(rolled.envelope(IamResponseSingleValue.class).toString())
        .doesNotContain(rolled.value().reveal());

    TokenVerifyResponse verified = account.accountApiTokensVerifyToken(ACCOUNT).execute();
    called.add("accountApiTokensVerifyToken");
    assertThat(verified.id()).isNotEmpty();
    assertThat(user.userApiTokensVerifyToken().execute().status()).isNotNull();
    called.add("userApiTokensVerifyToken");

    assertThat(account.accountApiTokensDeleteToken(ACCOUNT, TOKEN).execute().id()).hasSize(32);
    called.add("accountApiTokensDeleteToken");
    assertThat(user.userApiTokensDeleteToken(TOKEN).executeRaw().envelope())
        .hasValueSatisfying(envelope -> assertThat(envelope.success()).isTrue());
    called.add("userApiTokensDeleteToken");

    // Every operation of openapi/ is exercised here: a newly bound one must be added.
    Set<String> operations = new HashSet<>();
    for (Class<?> api : APIS) {
      for (Method method : api.getMethods()) {
        if (method.isAnnotationPresent(Operation.class)) {
          operations.add(method.getName());
        }
      }
    }
    assertThat(called).isEqualTo(operations).hasSize(11);
  }

  @Test
  void prismChecksRequestBodiesSoTheCreateAboveWasValid() {
    // The control for the Create and Update above: `{}` is both alternatives of iam_resources'
    // oneOf, which Prism refuses, as it did the empty record the stock generator sends.
    IamPolicyWithPermissionGroupsAndResources ambiguous =
        Fixtures.policy(
            IamEffect.ALLOW, "c8fed203ed3043cba015a93ad1616f1f", IamResources.ofFlat(Map.of()));
    IamCreatePayload payload =
        new IamCreatePayload("deploy", List.of(ambiguous), null, null, null, Map.of());

    assertThatThrownBy(
            () ->
                client
                    .api(AccountOwnedApiTokensApi.class)
                    .accountApiTokensCreateToken(ACCOUNT, payload)
                    .execute())
        .isExactlyInstanceOf(UnprocessableEntityException.class);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(401, UnauthorizedException.class),
        Arguments.of(403, PermissionDeniedException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(409, ConflictException.class),
        Arguments.of(422, UnprocessableEntityException.class),
        Arguments.of(429, RateLimitException.class));
  }

  @ParameterizedTest(name = "Prefer: code={0}")
  @MethodSource("failures")
  void theSpecsFailureEnvelopeIsParsed(int code, Class<? extends CloudflareServiceException> type) {
    CloudflareServiceException e =
        catchThrowableOfType(
            CloudflareServiceException.class,
            () ->
                client
                    .accounts()
                    .tokens()
                    .withOptions(prefer(code))
                    .delete(TOKEN, TokenDeleteParams.builder().accountId(ACCOUNT).build()));

    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.statusCode()).isEqualTo(code);
    assertThat(e.getCause()).isNull();
    // Cloudflare's failure schema is parsed as an envelope (no cause). Its errors are empty here:
    // Prism answers with the example of iam_messages-2 ([]), not the failure's own example.
    assertThat(e.errors()).isNotNull().allSatisfy(info -> assertThat(info.code()).isNotNull());
    assertThat(e.errors()).extracting(ResponseInfo::message).doesNotContainNull();
    assertThat(e.getMessage()).startsWith("HTTP " + code);
  }

  @Test
  void invalidIdsAreStoppedBeforePrismSeesThem() {
    TokenDeleteParams params = TokenDeleteParams.builder().accountId(ACCOUNT).build();

    assertThatThrownBy(() -> client.accounts().tokens().delete("../" + TOKEN, params))
        .isExactlyInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                client
                    .accounts()
                    .tokens()
                    .delete(TOKEN, TokenDeleteParams.builder().accountId("short").build()))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void prismItselfEnforcesTheSpecsSecurity() throws Exception {
    // The control: without a credential Prism refuses, so the successes above were checked.
    OkHttpClient raw = new OkHttpClient();
    try (Response response =
        raw.newCall(
                new Request.Builder()
                    .url(url + "/accounts/" + ACCOUNT + "/tokens/" + TOKEN)
                    .delete()
                    .build())
            .execute()) {
      assertThat(response.code()).isEqualTo(401);
    } finally {
      raw.dispatcher().executorService().shutdown();
    }
  }
}
