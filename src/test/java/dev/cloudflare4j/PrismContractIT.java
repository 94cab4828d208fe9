package dev.cloudflare4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.errors.BadRequestException;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.errors.ConflictException;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.errors.PermissionDeniedException;
import dev.cloudflare4j.errors.RateLimitException;
import dev.cloudflare4j.errors.UnauthorizedException;
import dev.cloudflare4j.errors.UnprocessableEntityException;
import dev.cloudflare4j.internal.OperationSecurity;
import dev.cloudflare4j.model.IamApiResponseSingleId;
import dev.cloudflare4j.model.ResponseInfo;
import dev.cloudflare4j.model.TokenDeleteResponse;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
 * Contract tests against Prism, a mock server that reads {@code openapi/cloudflare.yaml} and
 * refuses requests that break it (422 for a bad request, 401 for a missing credential). {@code
 * .ci/run} starts Prism and gives its address in {@code PRISM_URL}; without it these tests are
 * skipped, unless {@code PRISM_REQUIRED=true}, which makes them fail instead.
 */
class PrismContractIT {

  private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
  private static final String TOKEN = "ed17574386854bf78a67040be0a770b0";

  /** Every generated API interface of openapi/: a new tag's interface is added here. */
  private static final List<Class<?>> APIS = List.of(AccountOwnedApiTokensApi.class);

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
    IamApiResponseSingleId envelope =
        client.api(AccountOwnedApiTokensApi.class).accountApiTokensDeleteToken(ACCOUNT, TOKEN);

    assertThat(envelope.success()).isTrue();
    assertThat(envelope.errors()).isNotNull();
  }

  @Test
  void everyOperationInTheSpecIsAcceptedThroughClientApi() throws Exception {
    int called = 0;
    for (Class<?> api : APIS) {
      Object implementation = client.api(api);
      for (Method method : api.getMethods()) {
        if (!method.isAnnotationPresent(OperationSecurity.class)) {
          continue;
        }
        Object[] args =
            Arrays.stream(method.getParameterTypes())
                .map(type -> type == String.class ? ACCOUNT : null)
                .toArray();
        try {
          method.invoke(implementation, args);
        } catch (InvocationTargetException e) {
          throw new AssertionError(method.getName() + " was refused by Prism", e.getCause());
        }
        called++;
      }
    }
    assertThat(called).isPositive();
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
                    .delete(
                        TOKEN,
                        TokenDeleteParams.builder().accountId(ACCOUNT).build(),
                        prefer(code)));

    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.statusCode()).isEqualTo(code);
    assertThat(e.getCause()).isNull();
    assertThat(e.errors()).isNotEmpty().allSatisfy(info -> assertThat(info.code()).isNotNull());
    assertThat(e.errors()).extracting(ResponseInfo::message).doesNotContainNull();
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
