package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.API_EMAIL;
import static dev.cloudflare4j.Fixtures.API_KEY;
import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.USER_SERVICE_KEY;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudflare4j.testapi.WidgetsApi;
import dev.cloudflare4j.testmodel.WidgetCreate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialsTest extends ClientTestSupport {

  private static final String WIDGET_OK =
      "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"name\":\"w\"}}";

  /** Each credential setter, with a valid partner where the scheme needs one. */
  static Stream<Arguments> setters() {
    BiFunction<CloudflareClient.Builder, String, CloudflareClient.Builder> token =
        CloudflareClient.Builder::apiToken;
    BiFunction<CloudflareClient.Builder, String, CloudflareClient.Builder> key =
        (b, v) -> b.apiEmail(API_EMAIL).apiKey(v);
    BiFunction<CloudflareClient.Builder, String, CloudflareClient.Builder> email =
        (b, v) -> b.apiKey(API_KEY).apiEmail(v);
    BiFunction<CloudflareClient.Builder, String, CloudflareClient.Builder> service =
        CloudflareClient.Builder::userServiceKey;
    return Stream.of(
        Arguments.of("apiToken", token),
        Arguments.of("apiKey", key),
        Arguments.of("apiEmail", email),
        Arguments.of("userServiceKey", service));
  }

  @Test
  void aCredentialOfAnotherKindIsRefusedAtBuildNamingTheMixUpNeverTheValue() {
    String globalKey = "cfk_" + "k".repeat(40) + "0c1d2e3f";
    String accountToken = "cfat_" + "a".repeat(40) + "0c1d2e3f";
    String userToken = "cfut_" + "u".repeat(40) + "0c1d2e3f";

    assertThatThrownBy(() -> clientBuilder().apiToken(globalKey).build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "apiToken holds a Global API Key (it starts with cfk_): give it with apiKey(...) with"
                + " apiEmail(...) instead");
    assertThatThrownBy(() -> clientBuilder().apiEmail(API_EMAIL).apiKey(accountToken).build())
        .hasMessage(
            "apiKey holds an API token (it starts with cfat_): give it with apiToken(...) instead");
    assertThatThrownBy(() -> clientBuilder().userServiceKey(userToken).build())
        .hasMessage(
            "userServiceKey holds an API token (it starts with cfut_): give it with apiToken(...)"
                + " instead");
    // Each kind where it belongs, and older unprefixed values, are taken.
    try (CloudflareClient c =
        clientBuilder()
            .apiToken(userToken)
            .apiEmail(API_EMAIL)
            .apiKey(globalKey)
            .userServiceKey("v1.0-" + "s".repeat(40))
            .build()) {
      assertThat(c.toString()).doesNotContain(userToken, globalKey);
    }
    try (CloudflareClient legacy = clientBuilder().apiToken("A".repeat(40)).build()) {
      assertThat(legacy).isNotNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setters")
  void blankCredentialsAreRefusedAtBuild(
      String name, BiFunction<CloudflareClient.Builder, String, CloudflareClient.Builder> set) {
    for (String blank : new String[] {"", " ", "\t\n"}) {
      assertThatThrownBy(() -> set.apply(clientBuilder(), blank).build())
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage(name + " must not be blank");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setters")
  void credentialsWithCharactersAHeaderCannotCarryAreRefusedWithoutEchoingThem(
      String name, BiFunction<CloudflareClient.Builder, String, CloudflareClient.Builder> set) {
    String secret = "SECRET-" + name + "-abcdef";
    Map<String, String> cases =
        Map.of(
            secret + "\n", "a control character (CR, LF, tab...) at index " + secret.length(),
            secret + "\r\nX-Injected: 1",
                "a control character (CR, LF, tab...) at index " + secret.length(),
            "\u0000" + secret, "a control character (CR, LF, tab...) at index 0",
            secret + " x", "a space at index " + secret.length(),
            secret + "é", "a non-ASCII character at index " + secret.length());
    cases.forEach(
        (value, what) ->
            assertThatThrownBy(() -> set.apply(clientBuilder(), value).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                    name
                        + " must hold only visible ASCII characters, but holds "
                        + what
                        + " (a trailing newline from a file or environment variable?)")
                .message()
                .doesNotContain(secret));
  }

  @Test
  void noCredentialAtAllIsRefusedAtBuild() {
    assertThatThrownBy(() -> clientBuilder().build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no Cloudflare credential: set apiToken(...)")
        .hasMessageContaining("CLOUDFLARE_API_TOKEN");
  }

  @Test
  void theLegacyKeyAndEmailMustComeTogether() {
    assertThatThrownBy(() -> clientBuilder().apiKey(API_KEY).build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "apiKey requires apiEmail: the legacy API key is sent together with X-Auth-Email");
    assertThatThrownBy(() -> clientBuilder().apiToken(API_TOKEN).apiEmail(API_EMAIL).build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("apiEmail requires apiKey: the email alone does not authenticate");
  }

  @Test
  void deleteSendsOnlyTheBearerTokenWhenEveryCredentialIsConfigured() throws Exception {
    server.enqueue(json(200, "delete-token-success.json"));
    try (CloudflareClient all = allCredentials()) {
      all.accounts().tokens().delete(TOKEN_ID, params());
    }

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_TOKEN);
    assertThat(request.getHeaders().names())
        .doesNotContain("X-Auth-Key", "X-Auth-Email", "X-Auth-User-Service-Key");
  }

  @Test
  void credentialsAddedByTheCallersOwnInterceptorsAreReplacedByExactlyOne() throws Exception {
    server.enqueue(json(200, "delete-token-success.json"));
    okhttp3.OkHttpClient meddling =
        new okhttp3.OkHttpClient.Builder()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .header("Authorization", "Basic c29tZTpvdGhlcg==")
                            .addHeader("X-Auth-Key", "someone-elses-key")
                            .build()))
            .build();
    try (CloudflareClient c = clientBuilder().apiToken(API_TOKEN).okHttpClient(meddling).build()) {
      c.accounts().tokens().delete(TOKEN_ID, params());
    } finally {
      meddling.dispatcher().executorService().shutdown();
    }

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().values("Authorization")).containsExactly("Bearer " + API_TOKEN);
    assertThat(request.getHeaders().names()).doesNotContain("X-Auth-Key");
  }

  @Test
  void deleteWithOnlyTheLegacyKeyFailsBeforeAnyRequestNamingTheAcceptedScheme() {
    try (CloudflareClient keyOnly = clientBuilder().apiEmail(API_EMAIL).apiKey(API_KEY).build()) {
      assertThatThrownBy(() -> keyOnly.accounts().tokens().delete(TOKEN_ID, params()))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage(
              "operation account-api-tokens-delete-token accepts API token (Authorization:"
                  + " Bearer), which this client was not given (it holds [API_KEY]); build it"
                  + " with the credential the operation accepts");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void deleteWithOnlyAUserServiceKeyFailsBeforeAnyRequest() {
    try (CloudflareClient serviceOnly = clientBuilder().userServiceKey(USER_SERVICE_KEY).build()) {
      assertThatThrownBy(() -> serviceOnly.accounts().tokens().delete(TOKEN_ID, params()))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessageContaining("accepts API token (Authorization: Bearer)")
          .hasMessageContaining("(it holds [USER_SERVICE_KEY])");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  static Stream<Arguments> globalSecurityChoices() {
    return Stream.of(
        Arguments.of("token", Map.of("Authorization", "Bearer " + API_TOKEN)),
        Arguments.of("key", Map.of("X-Auth-Email", API_EMAIL, "X-Auth-Key", API_KEY)),
        Arguments.of("service", Map.of("X-Auth-User-Service-Key", USER_SERVICE_KEY)),
        Arguments.of("all", Map.of("Authorization", "Bearer " + API_TOKEN)),
        Arguments.of("key+service", Map.of("X-Auth-Email", API_EMAIL, "X-Auth-Key", API_KEY)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("globalSecurityChoices")
  void anOperationAcceptingEverySchemeGetsExactlyTheMostPreferredOne(
      String configured, Map<String, String> expected) throws Exception {
    CloudflareClient.Builder builder = clientBuilder();
    if (configured.equals("token") || configured.equals("all")) {
      builder.apiToken(API_TOKEN);
    }
    if (configured.startsWith("key") || configured.equals("all")) {
      builder.apiEmail(API_EMAIL).apiKey(API_KEY);
    }
    if (configured.contains("service") || configured.equals("all")) {
      builder.userServiceKey(USER_SERVICE_KEY);
    }
    server.enqueue(new MockResponse().setBody(WIDGET_OK));
    try (CloudflareClient c = builder.build()) {
      c.api(WidgetsApi.class)
          .widgetsCreateWidget(ACCOUNT_ID, new WidgetCreate("w", null, null, Map.of()), null, null)
          .execute();
    }

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    for (String header :
        new String[] {"Authorization", "X-Auth-Email", "X-Auth-Key", "X-Auth-User-Service-Key"}) {
      assertThat(request.getHeader(header)).as(header).isEqualTo(expected.get(header));
    }
  }

  @Test
  void anOperationWithEmptySecuritySendsNoCredential() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    try (CloudflareClient all = allCredentials()) {
      assertThat(all.api(WidgetsApi.class).widgetsDeleteWidget(ACCOUNT_ID, "a.b").execute())
          .isNull();
    }

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getPath()).isEqualTo("/client/v4/accounts/" + ACCOUNT_ID + "/widgets/a.b");
    assertThat(request.getHeaders().names())
        .doesNotContain("Authorization", "X-Auth-Key", "X-Auth-Email", "X-Auth-User-Service-Key");
  }

  @Test
  void fromEnvReadsCloudflaresSdkVariables() throws Exception {
    Map<String, String> env =
        Map.of(
            "CLOUDFLARE_API_TOKEN", API_TOKEN,
            "CLOUDFLARE_API_KEY", API_KEY,
            "CLOUDFLARE_EMAIL", API_EMAIL,
            "CLOUDFLARE_API_USER_SERVICE_KEY", USER_SERVICE_KEY,
            "CLOUDFLARE_BASE_URL", baseUrl());
    server.enqueue(json(200, "delete-token-success.json"));
    try (CloudflareClient fromEnv = CloudflareClient.builder().fromEnv(env::get).build()) {
      assertThat(fromEnv.toString())
          .isEqualTo(
              "CloudflareClient{baseUrl="
                  + baseUrl()
                  + "/"
                  + ", credentials=[API_TOKEN, API_KEY, USER_SERVICE_KEY]}");
      fromEnv.accounts().tokens().delete(TOKEN_ID, params());
    }
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"))
        .isEqualTo("Bearer " + API_TOKEN);
  }

  @Test
  void fromEnvReadsTheProcessEnvironment() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv().keySet().stream().noneMatch(name -> name.startsWith("CLOUDFLARE_")),
        "this machine sets CLOUDFLARE_ variables");

    assertThatThrownBy(CloudflareClient::fromEnv)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no Cloudflare credential");
    assertThatThrownBy(() -> CloudflareClient.builder().fromEnv().build())
        .isExactlyInstanceOf(IllegalStateException.class);
  }

  @Test
  void fromEnvWithoutCredentialVariablesFailsNamingThem() {
    Map<String, String> env = Map.of("CLOUDFLARE_API_TOKEN", "", "HOME", "/root");

    assertThatThrownBy(() -> CloudflareClient.builder().fromEnv(env::get).build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLOUDFLARE_API_TOKEN")
        .hasMessageContaining("CLOUDFLARE_API_USER_SERVICE_KEY");
  }

  @Test
  void fromEnvWithAKeyButNoEmailFails() {
    Map<String, String> env = Map.of("CLOUDFLARE_API_KEY", API_KEY);

    assertThatThrownBy(() -> CloudflareClient.builder().fromEnv(env::get).build())
        .hasMessageStartingWith("CLOUDFLARE_API_KEY requires CLOUDFLARE_EMAIL")
        .message()
        .doesNotContain(API_KEY);
  }

  @Test
  void fromEnvMessagesNameTheVariablesToSetAndAnExplicitSetterTheMethods() {
    String key = "cfk_0123456789abcdefghijABCDEFGHIJ0123456789abcdef";
    Map<String, String> env = Map.of("CLOUDFLARE_API_TOKEN", key);

    assertThatThrownBy(() -> CloudflareClient.builder().fromEnv(env::get).build())
        .hasMessage(
            "CLOUDFLARE_API_TOKEN holds a Global API Key (it starts with cfk_): set it as"
                + " CLOUDFLARE_API_KEY with CLOUDFLARE_EMAIL instead");
    assertThatThrownBy(() -> CloudflareClient.builder().fromEnv(env::get).apiToken(key).build())
        .hasMessage(
            "apiToken holds a Global API Key (it starts with cfk_): give it with apiKey(...) with"
                + " apiEmail(...) instead");
    assertThatThrownBy(
            () -> CloudflareClient.builder().fromEnv(Map.<String, String>of()::get).build())
        .hasMessage(
            "no Cloudflare credential: set CLOUDFLARE_API_TOKEN, CLOUDFLARE_API_KEY with"
                + " CLOUDFLARE_EMAIL, or CLOUDFLARE_API_USER_SERVICE_KEY");
  }

  @Test
  void fromEnvKeepsTheDefaultBaseUrlWhenNoneIsSet() {
    Map<String, String> env = Map.of("CLOUDFLARE_API_TOKEN", API_TOKEN);

    try (CloudflareClient fromEnv = CloudflareClient.builder().fromEnv(env::get).build()) {
      assertThat(fromEnv.toString()).contains("baseUrl=https://api.cloudflare.com/client/v4/");
    }
  }

  @Test
  void invalidBaseUrlsAreRefusedAtBuild() {
    for (String url : new String[] {"api.cloudflare.com", "ftp://example.com", "", "https://"}) {
      assertThatThrownBy(() -> CloudflareClient.builder().apiToken(API_TOKEN).baseUrl(url).build())
          .as(url)
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage("baseUrl must be an absolute http:// or https:// URL");
    }
    assertThatThrownBy(
            () ->
                CloudflareClient.builder()
                    .apiToken(API_TOKEN)
                    .baseUrl("https://user:" + API_KEY + "@example.com/")
                    .build())
        .hasMessage("baseUrl must not hold a user name or password");
    assertThatThrownBy(
            () ->
                CloudflareClient.builder()
                    .apiToken(API_TOKEN)
                    .baseUrl("https://example.com/?a=b")
                    .build())
        .hasMessage("baseUrl must not hold a query or fragment");
  }

  @Test
  void builderAndClientDescribeThemselvesWithoutSecrets() {
    CloudflareClient.Builder builder = allCredentialsBuilder();

    assertThat(builder.toString())
        .isEqualTo(
            "CloudflareClient.Builder{baseUrl="
                + baseUrl()
                + ", credentials=[apiToken, apiEmail, apiKey, userServiceKey]}");
    try (CloudflareClient built = builder.build()) {
      assertThat(built.toString())
          .doesNotContain(API_TOKEN, API_EMAIL, API_KEY, USER_SERVICE_KEY)
          .contains("credentials=[API_TOKEN, API_KEY, USER_SERVICE_KEY]");
    }
  }

  private CloudflareClient allCredentials() {
    return allCredentialsBuilder().build();
  }
}
