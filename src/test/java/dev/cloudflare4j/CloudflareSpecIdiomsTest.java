package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.api.UserApiTokensApi;
import dev.cloudflare4j.internal.MoshiSupport;
import dev.cloudflare4j.model.IamCollectionTokensResponse;
import dev.cloudflare4j.model.IamCondition;
import dev.cloudflare4j.model.IamCreatePayload;
import dev.cloudflare4j.model.IamEffect;
import dev.cloudflare4j.model.IamPermissionsGroupResponseCollection;
import dev.cloudflare4j.model.IamPolicyWithPermissionGroupsAndResources;
import dev.cloudflare4j.model.IamRequestIp;
import dev.cloudflare4j.model.IamResources;
import dev.cloudflare4j.model.IamResponseSingleValue;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.IamTokenBody;
import dev.cloudflare4j.model.IamTokenStatus;
import dev.cloudflare4j.model.IamTokenWithValue;
import dev.cloudflare4j.model.PermissionGroupListResponse;
import dev.cloudflare4j.model.PermissionGroupListResponseCategory;
import dev.cloudflare4j.model.PermissionGroupListResponseScopes;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The idioms of Cloudflare's own spec (openapi/cloudflare.yaml, verbatim), as generated through
 * templates/: collection envelopes, arrays of enums, oneOf without discriminator, secrets, readOnly
 * properties, number and date-time parameters.
 */
class CloudflareSpecIdiomsTest extends ClientTestSupport {

  private static final String SECRET = "cfat_TheNewSecretValueOfTheCreatedToken0123456789ab";
  private static final String ROLLED = "cfat_TheRolledSecretValueOfTheToken00000000123456789ab";

  @Test
  void listTokensReadsTheCollectionEnvelopeWithResultInfoAndSendsNumbersPlainly() throws Exception {
    server.enqueue(json(200, "list-tokens-page.json"));

    RawResponse<List<IamTokenBase>> raw =
        client
            .api(AccountOwnedApiTokensApi.class)
            .accountApiTokensListTokens(
                ACCOUNT_ID, new BigDecimal("2"), new BigDecimal("2E+1"), "desc", true)
            .executeRaw();

    // The value is the envelope's result; the envelope, with result_info, stays reachable.
    IamCollectionTokensResponse page = raw.envelope(IamCollectionTokensResponse.class);
    assertThat(raw.value()).isSameAs(page.result()).hasSize(1);
    assertThat(raw.envelope()).containsSame(page);

    assertThat(page.resultInfo().page()).isEqualByComparingTo("2");
    assertThat(page.resultInfo().totalCount()).isEqualByComparingTo("41");
    assertThat(page.messages().get(0).message()).isEqualTo("page 2 of 3");
    IamTokenBase token = raw.value().get(0);
    assertThat(token.status()).isEqualTo(IamTokenStatus.ACTIVE);
    assertThat(token.expiresOn())
        .isEqualTo(OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(token.condition().requestIp().notIn()).containsExactly("192.0.2.1/32");
    IamResources simple = token.policies().get(0).resources();
    assertThat(simple.isFlat()).isTrue();
    assertThat(simple.isNested()).isFalse();
    assertThat(simple.asFlat())
        .containsExactly(
            Map.entry("com.cloudflare.api.account.zone.22b1de5f1c0e4b3ea97bb1e963b06a43", "*"));
    IamResources nested = token.policies().get(1).resources();
    assertThat(nested.isFlat()).isFalse();
    assertThat(nested.asNested().get("com.cloudflare.api.account." + ACCOUNT_ID))
        .containsExactly(Map.entry("com.cloudflare.api.account.zone.*", "*"));
    assertThatThrownBy(nested::asFlat)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not Flat");

    RecordedRequest request = taken();
    assertThat(request.getPath())
        .isEqualTo(
            "/client/v4/accounts/"
                + ACCOUNT_ID
                + "/tokens?page=2&per_page=20&direction=desc&include_expired=true");
  }

  @Test
  void arraysOfEnumsAreReadWithAFallbackForValuesAddedLater() {
    server.enqueue(json(200, "permission-groups.json"));

    IamPermissionsGroupResponseCollection groups =
        client
            .api(AccountOwnedApiTokensApi.class)
            .accountApiTokensListPermissionGroups(ACCOUNT_ID, null, null)
            .executeRaw()
            .envelope(IamPermissionsGroupResponseCollection.class);

    PermissionGroupListResponse known = groups.result().get(0);
    assertThat(known.category()).isEqualTo(PermissionGroupListResponseCategory.ACCOUNT_AND_BILLING);
    assertThat(known.scopes())
        .containsExactly(PermissionGroupListResponseScopes.COM_CLOUDFLARE_API_ACCOUNT);
    PermissionGroupListResponse later = groups.result().get(1);
    // Values added later read as UNRECOGNIZED and keep their text, which is written back.
    assertThat(later.category().value())
        .isEqualTo(PermissionGroupListResponseCategory.Value.UNRECOGNIZED);
    assertThat(later.category().raw()).isEqualTo("a_category_added_later");
    assertThat(later.scopes())
        .extracting(PermissionGroupListResponseScopes::value)
        .containsExactly(
            PermissionGroupListResponseScopes.Value.COM_CLOUDFLARE_API_ACCOUNT_ZONE,
            PermissionGroupListResponseScopes.Value.UNRECOGNIZED);
    assertThat(later.scopes().get(1).raw()).isEqualTo("com.cloudflare.a.scope.added.later");
    assertThat(later.scopes().get(0))
        .isSameAs(PermissionGroupListResponseScopes.COM_CLOUDFLARE_API_ACCOUNT_ZONE);
    assertThat(PermissionGroupListResponseScopes.of("com.cloudflare.a.scope.added.later"))
        .isEqualTo(later.scopes().get(1));
    assertThat(MoshiSupport.requests().adapter(PermissionGroupListResponse.class).toJson(later))
        .isEqualTo(
            "{\"category\":\"a_category_added_later\",\"id\":\"8b47d2786a534c08a1f94ee8f9f599ef\","
                + "\"name\":\"Future Read\",\"scopes\":[\"com.cloudflare.api.account.zone\","
                + "\"com.cloudflare.a.scope.added.later\"]}");
    assertThat(groups.resultInfo().count()).isEqualByComparingTo("2");
  }

  @Test
  void createSendsAPolicyWithItsResourcesMapAndDateTimesWithSeconds() throws Exception {
    server.enqueue(json(200, "create-token-with-value.json"));
    IamPolicyWithPermissionGroupsAndResources policy =
        Fixtures.policy(
            IamEffect.ALLOW,
            "c8fed203ed3043cba015a93ad1616f1f",
            IamResources.ofFlat(Map.of("com.cloudflare.api.account." + ACCOUNT_ID, "*")));
    IamCreatePayload payload =
        new IamCreatePayload(
            "deploy",
            List.of(policy),
            new IamCondition(new IamRequestIp(List.of("192.0.2.0/24"), null, Map.of()), Map.of()),
            OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            null,
            Map.of());

    IamTokenWithValue created =
        client
            .api(AccountOwnedApiTokensApi.class)
            .accountApiTokensCreateToken(ACCOUNT_ID, payload)
            .execute();

    assertThat(created.value().reveal()).isEqualTo(SECRET);
    assertThat(created.toString()).doesNotContain(SECRET).contains("Secret[redacted]");
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getBody().readUtf8())
        .isEqualTo(
            "{\"name\":\"deploy\",\"policies\":[{\"effect\":\"allow\",\"permission_groups\":"
                + "[{\"id\":\"c8fed203ed3043cba015a93ad1616f1f\"}],\"resources\":"
                + "{\"com.cloudflare.api.account."
                + ACCOUNT_ID
                + "\":\"*\"}}],\"condition\":{\"request_ip\":{\"in\":[\"192.0.2.0/24\"]}},"
                + "\"expires_on\":\"2030-01-01T00:00:00Z\"}");
  }

  @Test
  void readOnlyPropertiesOfATokenReadFromAnAnswerAreNeverSentBack() throws Exception {
    server.enqueue(json(200, "list-tokens-page.json"));
    IamTokenBase token =
        client
            .api(UserApiTokensApi.class)
            .userApiTokensListTokens(null, null, null, null)
            .execute()
            .get(0);
    server.enqueue(json(200, "token-details.json"));
    IamTokenBody update = Fixtures.updateOf(token, "renamed", IamTokenStatus.DISABLED);

    client
        .api(AccountOwnedApiTokensApi.class)
        .accountApiTokensUpdateToken(ACCOUNT_ID, TOKEN_ID, update)
        .execute();

    assertThat(taken().getPath()).isEqualTo("/client/v4/user/tokens");
    String sent = taken().getBody().readUtf8();
    assertThat(sent)
        // The token's id, its dates and the policies' ids are readOnly; permission group ids are
        // not.
        .doesNotContain(TOKEN_ID, "issued_on", "modified_on", "last_used_on")
        .doesNotContain("f267e341f3dd4697bd3b9f71dd96247f", "a267e341f3dd4697bd3b9f71dd96247f")
        .contains("{\"id\":\"82e64a83756745bbbb1c9c2701bf816b\"}")
        .contains("\"name\":\"renamed\"", "\"status\":\"disabled\"", "\"permission_groups\"")
        // The resources maps go back exactly as they were read, spaces and nesting included.
        .contains(
            "\"resources\":{\"com.cloudflare.api.account."
                + ACCOUNT_ID
                + "\": {\"com.cloudflare.api.account.zone.*\": \"*\"}}");
  }

  @Test
  void theRolledSecretIsASecretThatNoToStringShows() {
    server.enqueue(json(200, "roll-token-value.json"));

    RawResponse<Secret> rolled =
        client
            .api(AccountOwnedApiTokensApi.class)
            .accountApiTokensRollToken(ACCOUNT_ID, TOKEN_ID, Map.of())
            .executeRaw();

    assertThat(rolled.value().reveal()).isEqualTo(ROLLED);
    assertThat(rolled.envelope(IamResponseSingleValue.class).toString()).doesNotContain(ROLLED);
    assertThat(rolled.value()).isEqualTo(Secret.of(ROLLED)).isNotEqualTo(Secret.of(SECRET));
    assertThat(Secret.of(ROLLED)).hasSameHashCodeAs(Secret.of(SECRET));
  }

  @Test
  void aOneOfReadFromJsonIsWrittenBackExactlyAndEveryMatchingAlternativeIsKept()
      throws IOException {
    Moshi moshi = MoshiSupport.strict();
    JsonAdapter<IamResources> adapter = moshi.adapter(IamResources.class);
    String nested = "{\"a\":{ \"b\" : \"*\" },\"c\":{}}";

    IamResources read = adapter.fromJson(nested);

    assertThat(read.json()).isEqualTo(nested);
    assertThat(adapter.toJson(read)).isEqualTo(nested);
    assertThat(read.isNested()).isTrue();
    assertThat(read.isFlat()).isFalse();
    IamResources empty = adapter.fromJson("{}");
    assertThat(empty.isFlat()).isTrue();
    assertThat(empty.isNested()).isTrue();
    IamResources neither = adapter.fromJson("[1.50]");
    assertThat(neither.isFlat() || neither.isNested()).isFalse();
    assertThat(adapter.toJson(neither)).isEqualTo("[1.50]");
    assertThat(IamResources.ofFlat(Map.of("k", "v")).toString())
        .isEqualTo("IamResources{Flat={k=v}}");
    assertThat(adapter.fromJson("{\"k\":\"v\"}"))
        .isNotEqualTo(IamResources.ofFlat(Map.of("k", "v")))
        .isEqualTo(adapter.fromJson("{\"k\":\"v\"}"));
    assertThatThrownBy(() -> IamResources.ofNested(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aResultInfoKeepsNumbersExactly() throws IOException {
    JsonAdapter<IamCollectionTokensResponse> adapter =
        MoshiSupport.strict().adapter(IamCollectionTokensResponse.class);
    IamCollectionTokensResponse page = adapter.fromJson(read("list-tokens-page.json"));
    assertThat(adapter.toJson(page)).contains("\"total_count\":41", "\"per_page\":20");
  }
}
