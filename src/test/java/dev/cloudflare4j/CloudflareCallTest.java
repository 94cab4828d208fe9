package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.errors.InternalServerException;
import dev.cloudflare4j.model.IamCollectionTokensResponse;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.TokenDeleteResponse;
import dev.cloudflare4j.testapi.IdiomsApi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * What every generated operation returns: a deferred {@link CloudflareCall} that runs blocking,
 * asynchronously, with the raw answer and with its own options, and yields the envelope's result.
 */
class CloudflareCallTest extends ClientTestSupport {

  private CloudflareCall<List<IamTokenBase>> listTokens() {
    return client
        .api(AccountOwnedApiTokensApi.class)
        .accountApiTokensListTokens(ACCOUNT_ID, null, null, null, null);
  }

  private static void assertListed(List<IamTokenBase> tokens) {
    assertThat(tokens).extracting(IamTokenBase::name).containsExactly("readonly token");
  }

  @Test
  void everyWayOfRunningAGeneratedCallYieldsTheEnvelopesResult() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(200, "list-tokens-page.json").setHeader("cf-ray", "ray-" + i));
    }
    CloudflareCall<List<IamTokenBase>> call = listTokens();

    assertListed(call.execute());
    assertListed(call.executeAsync().get(5, TimeUnit.SECONDS));
    RawResponse<List<IamTokenBase>> raw = call.executeRaw();
    RawResponse<List<IamTokenBase>> rawAsync = call.executeRawAsync().get(5, TimeUnit.SECONDS);

    for (RawResponse<List<IamTokenBase>> each : List.of(raw, rawAsync)) {
      assertListed(each.value());
      assertThat(each.statusCode()).isEqualTo(200);
      assertThat(each.attempts()).isEqualTo(1);
      IamCollectionTokensResponse page = each.envelope(IamCollectionTokensResponse.class);
      assertThat(page.result()).isSameAs(each.value());
      assertThat(page.resultInfo().totalCount()).isEqualByComparingTo("41");
      assertThat(each.envelope()).hasValueSatisfying(e -> assertThat(e.messages()).hasSize(1));
    }
    assertThat(raw.rayId()).isEqualTo("ray-2");
    assertThat(rawAsync.rayId()).isEqualTo("ray-3");
    // A call is a value: each run sends the same request anew.
    for (int i = 0; i < 4; i++) {
      assertThat(taken().getPath()).isEqualTo("/client/v4/accounts/" + ACCOUNT_ID + "/tokens");
    }
  }

  @Test
  void optionsApplyToTheCallTheyAreGivenAndNoOther() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(json(200, "delete-token-success.json"));
    server.enqueue(new MockResponse().setResponseCode(503));
    CloudflareCall<TokenDeleteResponse> call =
        client
            .api(AccountOwnedApiTokensApi.class)
            .accountApiTokensDeleteToken(ACCOUNT_ID, TOKEN_ID);
    RequestOptions options =
        RequestOptions.builder()
            .maxRetries(1)
            .timeout(Duration.ofSeconds(7))
            .header("X-Job", "rotation-42")
            .build();

    RawResponse<TokenDeleteResponse> retried = call.withOptions(options).executeRaw();

    assertThat(retried.value().id()).isEqualTo(TOKEN_ID);
    assertThat(retried.attempts()).isEqualTo(2);
    assertThat(taken().getHeader("X-Job")).isEqualTo("rotation-42");
    assertThat(taken().getHeader("X-Job")).isEqualTo("rotation-42");
    // The call itself keeps the client's options: no retry, no extra header.
    assertThatThrownBy(call::execute)
        .isInstanceOfSatisfying(
            InternalServerException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    RecordedRequest plain = taken();
    assertThat(plain.getHeader("X-Job")).isNull();
    assertThat(plain.getHeader("Authorization")).isEqualTo("Bearer " + Fixtures.API_TOKEN);
    assertThat(plain.getHeader("User-Agent")).startsWith("cloudflare4j/");
    assertThatThrownBy(() -> call.withOptions(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void argumentsAndTheClientAreCheckedWhenTheOperationIsInvokedBeforeAnythingIsBuilt() {
    AccountOwnedApiTokensApi api = client.api(AccountOwnedApiTokensApi.class);
    CloudflareCall<TokenDeleteResponse> built =
        api.accountApiTokensDeleteToken(ACCOUNT_ID, TOKEN_ID);

    assertThatThrownBy(() -> api.accountApiTokensDeleteToken(ACCOUNT_ID, "a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tokenId ");
    client.close();
    assertThatThrownBy(() -> api.accountApiTokensDeleteToken(ACCOUNT_ID, TOKEN_ID))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this CloudflareClient is closed");
    // A call built before the client closed fails when run, and sends nothing.
    assertThatThrownBy(built::execute).isInstanceOf(IllegalStateException.class);
    assertThat(built.executeAsync())
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(IllegalStateException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anEnvelopeThatSaysSuccessFalseFailsEveryWayOfRunning() {
    String refused =
        "{\"success\":false,\"errors\":[{\"code\":1000,\"message\":\"no\"}],\"messages\":[],"
            + "\"result\":null}";
    server.enqueue(new MockResponse().setBody(refused));
    server.enqueue(new MockResponse().setBody(refused));
    CloudflareCall<TokenDeleteResponse> call =
        client
            .api(AccountOwnedApiTokensApi.class)
            .accountApiTokensDeleteToken(ACCOUNT_ID, TOKEN_ID);

    assertThatThrownBy(call::executeRaw)
        .isExactlyInstanceOf(CloudflareServiceException.class)
        .hasMessage("HTTP 200 [1000] no");
    assertThatThrownBy(() -> call.executeAsync().join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isExactlyInstanceOf(CloudflareServiceException.class);
  }

  @Test
  void anAnswerThatIsNotAnEnvelopeIsTheValueAndHasNoEnvelope() {
    server.enqueue(new MockResponse().setHeader("Content-Type", "text/csv").setBody("a,b\n"));

    RawResponse<String> csv = client.api(IdiomsApi.class).reportsExport(ACCOUNT_ID).executeRaw();

    assertThat(csv.value()).isEqualTo("a,b\n");
    assertThat(csv.envelope()).isEmpty();
    assertThatThrownBy(() -> csv.envelope(IamCollectionTokensResponse.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the answer came in no envelope, not in "
                + IamCollectionTokensResponse.class.getName());
  }

  @Test
  void aCallDescribesItsOperationButNotItsArguments() {
    CloudflareCall<TokenDeleteResponse> call =
        client
            .api(AccountOwnedApiTokensApi.class)
            .accountApiTokensDeleteToken(ACCOUNT_ID, TOKEN_ID);

    assertThat(call.operationId()).isEqualTo("account-api-tokens-delete-token");
    assertThat(call)
        .hasToString("CloudflareCall{account-api-tokens-delete-token, DELETE}")
        .asString()
        .doesNotContain(ACCOUNT_ID, TOKEN_ID);
    assertThat(server.getRequestCount()).isZero();
  }
}
