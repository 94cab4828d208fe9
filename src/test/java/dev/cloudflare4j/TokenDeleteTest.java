package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.model.TokenDeleteResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class TokenDeleteTest extends ClientTestSupport {

  @Test
  void deleteSendsABodilessDeleteWithTheBearerTokenAndReturnsTheDeletedId() throws Exception {
    server.enqueue(json(200, "delete-token-success.json"));

    Optional<TokenDeleteResponse> deleted = client.accounts().tokens().delete(TOKEN_ID, params());

    assertThat(deleted).contains(new TokenDeleteResponse(TOKEN_ID, Map.of()));
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getPath())
        .isEqualTo("/client/v4/accounts/" + ACCOUNT_ID + "/tokens/" + TOKEN_ID);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_TOKEN);
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    assertThat(request.getHeader("User-Agent"))
        .isEqualTo(
            "cloudflare4j/"
                + CloudflareClient.VERSION
                + " (Java "
                + System.getProperty("java.version")
                + ")")
        .doesNotContain("unknown");
    assertThat(request.getHeader("X-Auth-Key")).isNull();
    assertThat(request.getHeader("X-Auth-Email")).isNull();
    assertThat(request.getHeader("X-Auth-User-Service-Key")).isNull();
    assertThat(request.getHeader("Content-Type")).isNull();
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void resultNullIsAnEmptyOptional() {
    server.enqueue(json(200, "delete-token-null-result.json"));

    assertThat(client.accounts().tokens().delete(TOKEN_ID, params())).isEmpty();
  }

  @Test
  void unknownFieldsInTheAnswerAreIgnored() {
    server.enqueue(json(200, "delete-token-unknown-fields.json"));

    assertThat(client.accounts().tokens().delete(TOKEN_ID, params()))
        .map(TokenDeleteResponse::id)
        .contains(TOKEN_ID);
  }

  @Test
  void baseUrlWithATrailingSlashReachesTheSamePath() throws Exception {
    try (CloudflareClient slash =
        CloudflareClient.builder().apiToken(API_TOKEN).baseUrl(baseUrl() + "/").build()) {
      server.enqueue(json(200, "delete-token-success.json"));
      slash.accounts().tokens().delete(TOKEN_ID, params());
    }
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getPath())
        .isEqualTo("/client/v4/accounts/" + ACCOUNT_ID + "/tokens/" + TOKEN_ID);
  }

  @Test
  void defaultBaseUrlIsCloudflares() {
    assertThat(CloudflareClient.DEFAULT_BASE_URL).isEqualTo("https://api.cloudflare.com/client/v4");
    try (CloudflareClient defaults = CloudflareClient.builder().apiToken(API_TOKEN).build()) {
      assertThat(defaults.toString()).contains("https://api.cloudflare.com/client/v4/");
    }
  }

  @Test
  void paramsKeepTheAccountIdExactlyAsGiven() {
    TokenDeleteParams params = TokenDeleteParams.builder().accountId(ACCOUNT_ID).build();

    assertThat(params.accountId()).isEqualTo(ACCOUNT_ID);
    assertThat(params).isEqualTo(TokenDeleteParams.builder().accountId(ACCOUNT_ID).build());
    assertThat(params)
        .isNotEqualTo(TokenDeleteParams.builder().accountId("f".repeat(32)).build())
        .isNotEqualTo(ACCOUNT_ID);
    assertThat(params).hasSameHashCodeAs(TokenDeleteParams.builder().accountId(ACCOUNT_ID).build());
    assertThat(params.toString()).isEqualTo("TokenDeleteParams[accountId=" + ACCOUNT_ID + "]");
  }
}
