package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudflare4j.errors.CloudflareInvalidDataException;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.testapi.AccountOwnedApiTokensApi;
import dev.cloudflare4j.testapi.HostnamesApi;
import dev.cloudflare4j.testapi.WidgetsApi;
import dev.cloudflare4j.testmodel.AccountApiTokensTokenDetailsResponse;
import dev.cloudflare4j.testmodel.ResponseWidgetResult;
import dev.cloudflare4j.testmodel.TokenBase;
import dev.cloudflare4j.testmodel.TokenBasePoliciesItem;
import dev.cloudflare4j.testmodel.TokenBasePoliciesItemEffect;
import dev.cloudflare4j.testmodel.TokenStatus;
import dev.cloudflare4j.testmodel.WidgetCreate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Operations generated from {@code src/test/openapi/extension.yaml}, which the facade has never
 * heard of, work through {@code client.api(...)} with auth, validation, envelope and errors.
 */
class ExtensionSpecTest extends ClientTestSupport {

  @Test
  void aNewGetOperationParsesNestedObjectsArraysEnumsAndDateTimes() throws Exception {
    server.enqueue(json(200, "token-details.json"));

    RawResponse<TokenBase> raw =
        client
            .api(AccountOwnedApiTokensApi.class)
            .accountApiTokensTokenDetails(ACCOUNT_ID, TOKEN_ID)
            .executeRaw();

    TokenBase token = raw.value();
    AccountApiTokensTokenDetailsResponse envelope =
        raw.envelope(AccountApiTokensTokenDetailsResponse.class);
    assertThat(envelope.success()).isTrue();
    assertThat(envelope.result()).isSameAs(token);
    assertThat(token.id()).isEqualTo(TOKEN_ID);
    assertThat(token.name()).isEqualTo("rotation-job");
    // A status this version does not know falls back instead of failing the call.
    assertThat(token.status().value()).isEqualTo(TokenStatus.Value.UNRECOGNIZED);
    assertThat(token.status().raw()).isEqualTo("revoked_by_policy");
    assertThat(token.issuedOn())
        .isEqualTo(OffsetDateTime.of(2018, 7, 1, 5, 20, 0, 0, ZoneOffset.UTC));
    assertThat(token.expiresOn())
        .isEqualTo(OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 500_000_000, ZoneOffset.ofHours(2)));
    assertThat(token.notBefore()).isNull();
    assertThat(token.condition().requestIp().in()).containsExactly("192.0.2.0/24");
    assertThat(token.condition().requestIp().notIn()).containsExactly("192.0.2.1/32");
    TokenBasePoliciesItem policy = token.policies().get(0);
    assertThat(policy.effect()).isEqualTo(TokenBasePoliciesItemEffect.ALLOW);
    assertThat(policy.permissionGroups().get(0).meta().value()).isEqualTo("v");
    assertThat(policy.resources())
        .containsExactly(Map.entry("com.cloudflare.api.account.zone.*", "*"));
    assertThatThrownBy(() -> token.policies().add(policy))
        .isInstanceOf(UnsupportedOperationException.class);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath())
        .isEqualTo("/client/v4/accounts/" + ACCOUNT_ID + "/tokens/" + TOKEN_ID);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_TOKEN);
  }

  @Test
  void aNewOperationMapsErrorsTheSameWay() {
    server.enqueue(json(404, "failure-not-found.json").setHeader("cf-ray", "abc-LHR"));

    NotFoundException e =
        catchThrowableOfType(
            NotFoundException.class,
            () ->
                client
                    .api(AccountOwnedApiTokensApi.class)
                    .accountApiTokensTokenDetails(ACCOUNT_ID, TOKEN_ID)
                    .execute());

    assertThat(e.getMessage())
        .isEqualTo("HTTP 404 [1003] Invalid or missing token (cf-ray abc-LHR)");
  }

  @Test
  void aMalformedDateTimeIsInvalidDataNamingThePath() {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"x\","
                    + "\"name\":\"n\",\"status\":\"active\",\"issued_on\":\"yesterday\"}}"));

    CloudflareInvalidDataException e =
        catchThrowableOfType(
            CloudflareInvalidDataException.class,
            () ->
                client
                    .api(AccountOwnedApiTokensApi.class)
                    .accountApiTokensTokenDetails(ACCOUNT_ID, TOKEN_ID)
                    .execute());

    assertThat(e.getCause()).hasMessage("Expected an ISO-8601 date-time at $.result.issued_on");
  }

  @Test
  void aNewPostOperationSendsItsJsonBodyAndQueryParameters() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"success\":true,\"errors\":[],\"messages\":[],"
                    + "\"result\":{\"name\":\"w1\",\"created_on\":\"2026-11-28T10:00:00Z\"}}"));

    ResponseWidgetResult created =
        client
            .api(WidgetsApi.class)
            .widgetsCreateWidget(
                ACCOUNT_ID, new WidgetCreate("w1", 3, List.of("a", "b"), Map.of()), true, "abc")
            .execute();

    assertThat(created.name()).isEqualTo("w1");
    assertThat(created.createdOn()).isEqualTo("2026-11-28T10:00:00Z");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath())
        .isEqualTo("/client/v4/accounts/" + ACCOUNT_ID + "/widgets?dry_run=true&label=abc");
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json; charset=UTF-8");
    assertThat(request.getBody().readUtf8())
        .isEqualTo("{\"name\":\"w1\",\"size\":3,\"tags\":[\"a\",\"b\"]}");
  }

  @Test
  void aRequiredQueryOrHeaderThatRetrofitWouldLeaveOutWhenNullIsRefusedBeforeAnyRequest()
      throws Exception {
    WidgetsApi widgets = client.api(WidgetsApi.class);

    assertThatThrownBy(() -> widgets.widgetsSearchWidgets(ACCOUNT_ID, null, "7"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Query parameter \"q\" value must not be null: the spec requires it (parameter q)");
    assertThatThrownBy(() -> widgets.widgetsSearchWidgets(ACCOUNT_ID, "ab", null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Header parameter \"X-Widget-Shard\" value must not be null: the spec requires it"
                + " (parameter xWidgetShard)");
    assertThatThrownBy(() -> widgets.widgetsSearchWidgets(ACCOUNT_ID, "a", "7"))
        .hasMessage("q must be at least 2 characters long (was 1)");
    assertThatThrownBy(() -> widgets.widgetsSearchWidgets(ACCOUNT_ID, "ab", "x"))
        .hasMessage("xWidgetShard must match the pattern ^[0-9]+$");
    assertThat(server.getRequestCount()).isZero();

    server.enqueue(
        new MockResponse()
            .setBody("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[\"w1\"]}"));
    assertThat(widgets.widgetsSearchWidgets(ACCOUNT_ID, "ab", "7").execute()).containsExactly("w1");
    RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(sent.getPath())
        .isEqualTo("/client/v4/accounts/" + ACCOUNT_ID + "/widgets/search?q=ab");
    assertThat(sent.getHeader("X-Widget-Shard")).isEqualTo("7");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void specConstraintsOfNewOperationsAreEnforcedWithoutHandwrittenChecks() {
    WidgetsApi widgets = client.api(WidgetsApi.class);
    WidgetCreate body = new WidgetCreate("w", null, null, Map.of());

    assertThatThrownBy(() -> widgets.widgetsCreateWidget(ACCOUNT_ID, body, null, "ab"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("label must be at least 3 characters long (was 2)");
    assertThatThrownBy(() -> widgets.widgetsCreateWidget(ACCOUNT_ID, body, null, "abcdefghi"))
        .hasMessage("label must be at most 8 characters long (was 9)");
    assertThatThrownBy(() -> widgets.widgetsCreateWidget(ACCOUNT_ID, body, null, "ABC"))
        .hasMessage("label must match the pattern ^[a-z]+$");
    assertThatThrownBy(() -> widgets.widgetsCreateWidget(ACCOUNT_ID, null, null, null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Body parameter value must not be null.");
    assertThatThrownBy(() -> widgets.widgetsDeleteWidget(ACCOUNT_ID, "a/b"))
        .hasMessage("widgetName must match the pattern ^[a-z.]+$");
    // The pattern allows dots, but a whole ".." segment is still refused (by Retrofit).
    assertThatThrownBy(() -> widgets.widgetsDeleteWidget(ACCOUNT_ID, ".."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("path traversal");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aPathParameterThatTheSpecShowsHoldingTextTravelsEncodedInOneSegment() throws Exception {
    server.enqueue(new MockResponse().setBody("{\"success\":true,\"errors\":[],\"messages\":[]}"));
    HostnamesApi hostnames = client.api(HostnamesApi.class);

    hostnames.hostnamesHostnameStatus(ACCOUNT_ID, "example.com/page").execute();

    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getPath())
        .isEqualTo("/client/v4/zones/" + ACCOUNT_ID + "/hostnames/example.com%2Fpage");
    assertThatThrownBy(() -> hostnames.hostnamesHostnameStatus(ACCOUNT_ID, " "))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("hostname must not be blank");
    assertThatThrownBy(() -> hostnames.hostnamesHostnameStatus(ACCOUNT_ID, "example.com/a;b=c"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("hostname must not hold ';', but holds it at index 13");
    assertThatThrownBy(() -> hostnames.hostnamesHostnameStatus(ACCOUNT_ID, ".."))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("hostname must not be '.' or '..'");
    assertThatThrownBy(() -> hostnames.hostnamesHostnameStatus(ACCOUNT_ID, "a.example\ncom"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("hostname must not hold a control character, but holds U+000A at index 9");
    // The zone beside it is still an identifier.
    assertThatThrownBy(
            () ->
                hostnames.hostnamesHostnameStatus(ACCOUNT_ID.substring(1) + ".", "app.example.com"))
        .hasMessage(
            "zoneId may hold only ASCII letters, digits, '-' and '_', but holds '.' at index 31");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
