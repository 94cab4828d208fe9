package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudflare4j.testapi.IdiomsApi;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import speccheck.zones.api.ZonesApi;
import speccheck.zones.api.ZonesApi.DnsRecordsForAZoneListDnsRecordsParams;

/**
 * Credentials as Cloudflare accepts them: an operation whose spec lists only the Global API Key
 * (with its email) takes an API token too, unless marked as refusing tokens; exactly one credential
 * is sent either way.
 */
class CredentialRulesTest extends ClientTestSupport {

  private static final String ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";

  private static MockResponse emptyList() {
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[],"
                + "\"result_info\":{\"page\":1,\"per_page\":100,\"count\":0,\"total_count\":0}}");
  }

  private static MockResponse success() {
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody("{\"success\":true,\"errors\":[],\"messages\":[]}");
  }

  @Test
  void listDnsRecordsWhoseSpecListsOnlyTheKeyIsCalledWithAnApiTokenAlone() throws Exception {
    server.enqueue(emptyList());

    client
        .api(ZonesApi.class)
        .dnsRecordsForAZoneListDnsRecords(
            DnsRecordsForAZoneListDnsRecordsParams.builder().zoneId(ZONE_ID).build())
        .execute();

    RecordedRequest sent = taken();
    assertThat(sent.getPath()).isEqualTo("/client/v4/zones/" + ZONE_ID + "/dns_records");
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + Fixtures.API_TOKEN);
    assertThat(sent.getHeader("X-Auth-Key")).isNull();
    assertThat(sent.getHeader("X-Auth-Email")).isNull();
  }

  @Test
  void aClientHoldingTheKeyAndATokenSendsTheTokenAlone() throws Exception {
    server.enqueue(success());

    try (CloudflareClient both = allCredentialsBuilder().build()) {
      both.api(IdiomsApi.class).legacyListKeys(ACCOUNT_ID).execute();
    }

    RecordedRequest sent = taken();
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + Fixtures.API_TOKEN);
    assertThat(sent.getHeader("X-Auth-Key")).isNull();
    assertThat(sent.getHeader("X-Auth-User-Service-Key")).isNull();
  }

  @Test
  void anOperationMarkedAsRefusingTokensFailsBeforeSendingWithOnlyAToken() {
    assertThatThrownBy(() -> client.api(IdiomsApi.class).legacyRotateKey(ACCOUNT_ID))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(
            "operation legacy-rotate-key accepts API key with email (X-Auth-Email, X-Auth-Key),"
                + " which this client was not given (it holds [API_TOKEN]); build it with the"
                + " credential the operation accepts");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anOperationMarkedAsRefusingTokensSendsTheKeyOfAClientHoldingBoth() throws Exception {
    server.enqueue(success());

    try (CloudflareClient both = allCredentialsBuilder().build()) {
      both.api(IdiomsApi.class).legacyRotateKey(ACCOUNT_ID).execute();
    }

    RecordedRequest sent = taken();
    assertThat(sent.getHeader("Authorization")).isNull();
    assertThat(sent.getHeader("X-Auth-Key")).isEqualTo(Fixtures.API_KEY);
    assertThat(sent.getHeader("X-Auth-Email")).isEqualTo(Fixtures.API_EMAIL);
  }
}
