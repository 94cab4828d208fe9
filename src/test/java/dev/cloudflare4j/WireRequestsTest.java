package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.errors.CloudflareException;
import dev.cloudflare4j.errors.CloudflareIoException;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.model.IamCreatePayload;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.Authenticator;
import okhttp3.Cache;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request that reaches the server is an attempt of the client's own: OkHttp's follow-ups
 * (redirects, 401 and 407 challenges, a 408, a 503 with {@code Retry-After: 0}) and silent
 * connection retries are off, whatever OkHttp client the caller gives, so that the requests the
 * server counts are exactly {@code attempts()} and what the method's retry rule allows: a DELETE is
 * retried, a POST that may have taken effect is not.
 */
class WireRequestsTest extends ClientTestSupport {

  private static final IamCreatePayload PAYLOAD =
      new IamCreatePayload("deploy", List.of(), null, null, null, Map.of());

  @TempDir Path cacheDir;

  /** The two retry rules: a DELETE (as GET and PUT) and a POST. */
  enum Method {
    DELETE,
    POST
  }

  /**
   * A way the server answers that OkHttp, left to itself, would follow with a request of its own.
   *
   * @param name what it is
   * @param answer the answer, given to every request
   * @param deleteRetried whether the client's rule retries a DELETE so answered
   * @param postRetried whether the client's rule retries a POST so answered
   * @param given adds to a caller's OkHttp client what makes OkHttp follow up (an authenticator)
   */
  record FollowUp(
      String name,
      MockResponse answer,
      boolean deleteRetried,
      boolean postRetried,
      Consumer<OkHttpClient.Builder> given) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final AtomicInteger AUTHENTICATOR_CALLS = new AtomicInteger();

  private static final Authenticator COUNTING_AUTHENTICATOR =
      (route, response) -> {
        AUTHENTICATOR_CALLS.incrementAndGet();
        return response.request().newBuilder().header("X-Retried-By", "authenticator").build();
      };

  static List<FollowUp> followUps() {
    List<FollowUp> all = new ArrayList<>();
    all.add(
        new FollowUp(
            "503 with Retry-After: 0",
            json(503, "failure-not-found.json").setHeader("Retry-After", "0"),
            true,
            false,
            b -> {}));
    all.add(new FollowUp("408", json(408, "failure-not-found.json"), true, false, b -> {}));
    for (int status : new int[] {301, 302, 303, 307, 308}) {
      all.add(
          new FollowUp(
              status + " redirect",
              new MockResponse()
                  .setResponseCode(status)
                  .setHeader("Location", "/client/v4/elsewhere"),
              false,
              false,
              b -> {}));
    }
    all.add(
        new FollowUp(
            "401 with an authenticator",
            json(401, "invalid-token.json").setHeader("WWW-Authenticate", "Bearer"),
            false,
            false,
            b -> b.authenticator(COUNTING_AUTHENTICATOR)));
    all.add(
        new FollowUp(
            "connection closed after the request",
            new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST),
            true,
            false,
            b -> {}));
    return all;
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (FollowUp followUp : followUps()) {
      for (Method method : Method.values()) {
        for (int maxRetries : new int[] {0, 2}) {
          for (boolean givenClient : new boolean[] {false, true}) {
            for (boolean async : new boolean[] {false, true}) {
              cases.add(Arguments.of(followUp, method, maxRetries, givenClient, async));
            }
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}, maxRetries {2}, given client {3}, async {4}")
  @MethodSource("cases")
  void theServerSeesExactlyTheAttemptsTheRetryRuleAllows(
      FollowUp followUp, Method method, int maxRetries, boolean givenClient, boolean async)
      throws Exception {
    for (int i = 0; i < maxRetries + 3; i++) {
      server.enqueue(followUp.answer().clone());
    }
    AUTHENTICATOR_CALLS.set(0);
    OkHttpClient.Builder given = new OkHttpClient.Builder();
    followUp.given().accept(given);
    OkHttpClient http = given.build();

    CloudflareClient.Builder builder =
        clientBuilder().apiToken(Fixtures.API_TOKEN).maxRetries(maxRetries);
    if (givenClient) {
      builder.okHttpClient(http);
    }
    CloudflareException failure;
    try (CloudflareClient c = builder.build()) {
      failure = failure(call(c, method), async);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }

    boolean retried = method == Method.DELETE ? followUp.deleteRetried() : followUp.postRetried();
    int expected = retried ? maxRetries + 1 : 1;
    assertThat(failure.attempts()).as("attempts()").isEqualTo(expected);
    assertThat(server.getRequestCount()).as("requests the server received").isEqualTo(expected);
    assertThat(AUTHENTICATOR_CALLS).as("the caller's authenticator was never asked").hasValue(0);
    for (int i = 0; i < expected; i++) {
      assertThat(taken().getHeader("X-Retried-By")).isNull();
    }
  }

  @Test
  void aRetryAfterThatOkHttpWouldActOnReachesTheCallerUnchanged() {
    server.enqueue(
        json(503, "failure-not-found.json")
            .addHeader("X-Before", "1")
            .addHeader("Retry-After", "0")
            .addHeader("cloudflare4j-hidden-server-own", "3")
            .addHeader("x-after", "2"));

    CloudflareServiceException e =
        catchThrowableOfType(
            CloudflareServiceException.class,
            () -> client.accounts().tokens().delete(TOKEN_ID, Fixtures.params()));

    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.attempts()).isEqualTo(1);
    List<String> names = new ArrayList<>(e.headers().names());
    assertThat(e.headers().get("Retry-After")).isEqualTo("0");
    // Only what was hidden is given back: a header of the server's own is left as it came.
    assertThat(names)
        .filteredOn(name -> name.startsWith("cloudflare4j"))
        .containsExactly("cloudflare4j-hidden-server-own");
    // In the order the server sent them.
    assertThat(indexOf(e, "X-Before")).isLessThan(indexOf(e, "Retry-After"));
    assertThat(indexOf(e, "Retry-After")).isLessThan(indexOf(e, "x-after"));
  }

  private static int indexOf(CloudflareServiceException e, String name) {
    for (int i = 0; i < e.headers().size(); i++) {
      if (e.headers().name(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new AssertionError("no header " + name);
  }

  @Test
  void aRetriedDeleteWaitsWhatRetryAfterZeroAsksAndSucceedsOnItsOwnSecondAttempt() {
    server.enqueue(json(503, "failure-not-found.json").setHeader("Retry-After", "0"));
    server.enqueue(json(200, "delete-token-success.json"));

    try (CloudflareClient c = clientBuilder().apiToken(Fixtures.API_TOKEN).maxRetries(1).build()) {
      RawResponse<?> raw =
          c.accounts().tokens().withRawResponse().delete(TOKEN_ID, Fixtures.params());
      assertThat(raw.attempts()).isEqualTo(2);
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(timer.delays()).containsExactly(java.time.Duration.ZERO);
  }

  @Test
  void aProxyChallengeToTheRequestItselfIsNotAnsweredAndNothingIsSentAgain() throws Exception {
    server.enqueue(
        new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic"));
    server.enqueue(json(200, "delete-token-success.json"));
    AtomicInteger asked = new AtomicInteger();
    OkHttpClient viaProxy =
        new OkHttpClient.Builder()
            .proxy(
                new Proxy(
                    Proxy.Type.HTTP,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort())))
            .proxyAuthenticator(
                (route, response) -> {
                  asked.incrementAndGet();
                  return response
                      .request()
                      .newBuilder()
                      .header("Proxy-Authorization", "Basic dXNlcjpwYXNz")
                      .build();
                })
            .build();

    try (CloudflareClient c =
        clientBuilder().apiToken(Fixtures.API_TOKEN).maxRetries(2).okHttpClient(viaProxy).build()) {
      CloudflareServiceException e =
          catchThrowableOfType(
              CloudflareServiceException.class,
              () -> c.accounts().tokens().delete(TOKEN_ID, Fixtures.params()));
      assertThat(e.statusCode()).isEqualTo(407);
      assertThat(e.attempts()).isEqualTo(1);
    } finally {
      viaProxy.dispatcher().executorService().shutdown();
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(asked).hasValue(0);
  }

  @Test
  void aProxyChallengeToAnHttpsTunnelStillReachesTheCallersAuthenticator() throws IOException {
    AtomicInteger asked = new AtomicInteger();
    Request tunnel =
        new Request.Builder().url("https://api.cloudflare.com/").method("CONNECT", null).build();
    Request api = new Request.Builder().url("http://127.0.0.1/client/v4/").build();
    Authenticator given =
        (route, response) -> {
          asked.incrementAndGet();
          return response.request();
        };
    OkHttpClient http = new OkHttpClient.Builder().proxyAuthenticator(given).build();
    try (CloudflareClient c =
        clientBuilder().apiToken(Fixtures.API_TOKEN).okHttpClient(http).build()) {
      Authenticator used = c.httpClient().proxyAuthenticator();

      assertThat(used.authenticate(null, challenge(tunnel))).isSameAs(tunnel);
      assertThat(used.authenticate(null, challenge(api))).isNull();
      assertThat(asked).hasValue(1);
    }
  }

  private static Response challenge(Request request) {
    return new Response.Builder()
        .request(request)
        .protocol(okhttp3.Protocol.HTTP_1_1)
        .code(407)
        .message("Proxy Authentication Required")
        .build();
  }

  @Test
  void anInterceptorThatProceedsTwiceCannotSendASecondRequestForOneAttempt() throws Exception {
    for (int i = 0; i < 6; i++) {
      server.enqueue(json(503, "failure-not-found.json"));
    }
    // A caller's naive retry interceptor, as many shared OkHttp clients carry.
    OkHttpClient retrying =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  Response response = chain.proceed(chain.request());
                  if (response.isSuccessful()) {
                    return response;
                  }
                  response.close();
                  return chain.proceed(chain.request());
                })
            .build();

    try (CloudflareClient c =
        clientBuilder().apiToken(Fixtures.API_TOKEN).maxRetries(2).okHttpClient(retrying).build()) {
      CloudflareIoException e =
          catchThrowableOfType(
              CloudflareIoException.class,
              () -> c.accounts().tokens().delete(TOKEN_ID, Fixtures.params()));
      assertThat(e.attempts()).isEqualTo(3);
      assertThat(e.getCause())
          .hasMessage(
              "refused to send DELETE a second time in one attempt (after HTTP 503): only the"
                  + " client's retry rule repeats a request");
    } finally {
      retrying.dispatcher().executorService().shutdown();
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aCallersCacheNeverAnswersInsteadOfCloudflare() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(
          json(200, "list-tokens-page.json").setHeader("Cache-Control", "public, max-age=600"));
    }
    Files.createDirectories(cacheDir);
    OkHttpClient caching =
        new OkHttpClient.Builder().cache(new Cache(cacheDir.toFile(), 1024 * 1024)).build();

    try (CloudflareClient c =
        clientBuilder().apiToken(Fixtures.API_TOKEN).okHttpClient(caching).build()) {
      AccountOwnedApiTokensApi api = c.api(AccountOwnedApiTokensApi.class);
      api.accountApiTokensListTokens(ACCOUNT_ID, null, null, null, null).execute();
      api.accountApiTokensListTokens(ACCOUNT_ID, null, null, null, null).execute();
    } finally {
      caching.dispatcher().executorService().shutdown();
      caching.cache().close();
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  private static CloudflareCall<?> call(CloudflareClient c, Method method) {
    AccountOwnedApiTokensApi api = c.api(AccountOwnedApiTokensApi.class);
    return method == Method.DELETE
        ? api.accountApiTokensDeleteToken(ACCOUNT_ID, TOKEN_ID)
        : api.accountApiTokensCreateToken(ACCOUNT_ID, PAYLOAD);
  }

  /** Runs the call, blocking or not, and returns how it failed. */
  private static CloudflareException failure(CloudflareCall<?> call, boolean async) {
    if (!async) {
      return catchThrowableOfType(CloudflareException.class, call::execute);
    }
    CompletionException e =
        catchThrowableOfType(CompletionException.class, () -> call.executeAsync().join());
    assertThat(e).as("the future failed").isNotNull();
    assertThat(e.getCause()).isInstanceOf(CloudflareException.class);
    return (CloudflareException) e.getCause();
  }
}
