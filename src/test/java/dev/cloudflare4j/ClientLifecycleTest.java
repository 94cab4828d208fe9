package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import retrofit2.http.GET;

class ClientLifecycleTest extends ClientTestSupport {

  interface Handwritten {
    @GET("user")
    Object user();
  }

  interface UnmarkedOperation {
    @GET("user")
    CloudflareCall<Object> user();
  }

  @Test
  void apiRefusesInterfacesThatWereNotGenerated() {
    assertThatThrownBy(() -> client.api(Handwritten.class))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Handwritten.user is not a generated cloudflare4j operation");
    assertThatThrownBy(() -> client.api(String.class))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("java.lang.String is not a generated API interface");
  }

  @Test
  void aCloudflareCallWithoutOperationIsRefusedAtItsFirstCallBeforeAnyRequest() {
    // api() reads return types only (annotations are read per method, at its first call).
    UnmarkedOperation api = client.api(UnmarkedOperation.class);

    assertThatThrownBy(api::user)
        .isInstanceOf(IllegalArgumentException.class)
        .hasRootCauseMessage("not a generated cloudflare4j operation (no @Operation)");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void apiReturnsOneSharedImplementationPerInterface() {
    AccountOwnedApiTokensApi api = client.api(AccountOwnedApiTokensApi.class);

    assertThat(client.api(AccountOwnedApiTokensApi.class)).isSameAs(api);
    try (CloudflareClient other = clientBuilder().apiToken(API_TOKEN).build()) {
      assertThat(api).isNotEqualTo(other.api(AccountOwnedApiTokensApi.class));
    }
    // Retrofit's own implementation (the only proxy): Object's contract, and no credential in its
    // description.
    assertThat(java.lang.reflect.Proxy.isProxyClass(api.getClass())).isTrue();
    assertThat(java.lang.reflect.Proxy.getInvocationHandler(api).getClass().getName())
        .startsWith("retrofit2.");
    assertThat(api).hasSameHashCodeAs(client.api(AccountOwnedApiTokensApi.class));
    assertThat(api.toString()).doesNotContain(API_TOKEN);
  }

  @Test
  void anInterceptorThatRebuildsTheRequestFromScratchGetsNothingSent() {
    OkHttpClient rebuilding =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  Request given = chain.request();
                  // Not newBuilder(): the request's tags are lost.
                  return chain.proceed(
                      new Request.Builder()
                          .url(given.url())
                          .method(given.method(), given.body())
                          .headers(given.headers())
                          .build());
                })
            .build();
    try (CloudflareClient c =
        clientBuilder().apiToken(API_TOKEN).okHttpClient(rebuilding).build()) {
      assertThatThrownBy(() -> c.accounts().tokens().delete(TOKEN_ID, params()))
          .isInstanceOf(dev.cloudflare4j.errors.CloudflareIoException.class)
          .hasMessageContaining("rebuilt the request without its tags")
          .hasMessageContaining("request.newBuilder()");
    } finally {
      rebuilding.dispatcher().executorService().shutdown();
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aCallersHttpClientSeesOneOkHttpCallPerAttemptAndNoneForACallNeverRun() {
    List<String> created = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    OkHttpClient watched =
        new OkHttpClient.Builder()
            .eventListenerFactory(
                call -> {
                  created.add(call.request().method());
                  return new okhttp3.EventListener() {
                    @Override
                    public void callStart(okhttp3.Call c) {
                      started.add(c.request().method());
                    }
                  };
                })
            .build();
    server.enqueue(json(503, "failure-not-found.json"));
    server.enqueue(json(200, "delete-token-success.json"));
    try (CloudflareClient c =
        clientBuilder().apiToken(API_TOKEN).okHttpClient(watched).maxRetries(1).build()) {
      AccountOwnedApiTokensApi api = c.api(AccountOwnedApiTokensApi.class);

      CloudflareCall<?> neverRun = api.accountApiTokensDeleteToken(Fixtures.ACCOUNT_ID, TOKEN_ID);
      assertThat(neverRun.operationId()).isEqualTo("account-api-tokens-delete-token");
      assertThat(created).isEmpty();

      RawResponse<?> deleted =
          api.accountApiTokensDeleteToken(Fixtures.ACCOUNT_ID, TOKEN_ID).executeRaw();

      assertThat(deleted.attempts()).isEqualTo(2);
    } finally {
      watched.dispatcher().executorService().shutdown();
    }
    // Retrofit builds each request through a call factory that only holds it: the caller's
    // EventListener sees the two attempts, and no call that never runs.
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(created).containsExactly("DELETE", "DELETE");
    assertThat(started).containsExactly("DELETE", "DELETE");
  }

  @Test
  void theOwnHttpClientKeepsManyCallsInFlightAndCapsTheConnectTimeout() {
    OkHttpClient quick = CloudflareClient.ownHttpClient(Duration.ofSeconds(3), true);
    OkHttpClient slow = CloudflareClient.ownHttpClient(Duration.ofSeconds(60), true);

    assertThat(quick.dispatcher().getMaxRequests()).isEqualTo(64);
    assertThat(quick.dispatcher().getMaxRequestsPerHost()).isEqualTo(64);
    assertThat(quick.connectTimeoutMillis()).isEqualTo(3_000);
    assertThat(quick.readTimeoutMillis()).isEqualTo(3_000);
    assertThat(quick.writeTimeoutMillis()).isEqualTo(3_000);
    assertThat(slow.connectTimeoutMillis()).isEqualTo(10_000);
    assertThat(slow.readTimeoutMillis()).isEqualTo(60_000);
  }

  @Test
  void theOwnHttpClientSetsUpTlsOnlyForAnHttpsBaseUrl() {
    try (CloudflareClient cloudflare = CloudflareClient.builder().apiToken(API_TOKEN).build();
        CloudflareClient loopback =
            CloudflareClient.builder().baseUrl(baseUrl()).apiToken(API_TOKEN).build();
        CloudflareClient given =
            CloudflareClient.builder()
                .baseUrl(baseUrl())
                .apiToken(API_TOKEN)
                .okHttpClient(new OkHttpClient())
                .build()) {
      assertThat(cloudflare.httpClient().connectionSpecs())
          .isEqualTo(new OkHttpClient().connectionSpecs())
          .contains(ConnectionSpec.MODERN_TLS);
      assertThat(cloudflare.httpClient().sslSocketFactory()).isNotNull();
      // Over http:// (loopback only) no request can use TLS: none is set up.
      assertThat(loopback.httpClient().connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
      assertThatThrownBy(() -> loopback.httpClient().sslSocketFactory())
          .isInstanceOf(IllegalStateException.class);
      // A given HTTP client is used as it is.
      assertThat(given.httpClient().connectionSpecs()).contains(ConnectionSpec.MODERN_TLS);
    }
    server.enqueue(json(200, "delete-token-success.json"));
    try (CloudflareClient loopback =
        CloudflareClient.builder().baseUrl(baseUrl()).apiToken(API_TOKEN).maxRetries(0).build()) {
      assertThat(loopback.accounts().tokens().delete(TOKEN_ID, params())).isPresent();
    }
  }

  @Test
  void closeReleasesTheOwnHttpClientsThreadsAndConnectionsAndStopsTheRetryTimer() {
    server.enqueue(json(200, "delete-token-success.json"));
    CloudflareClient own =
        CloudflareClient.builder().baseUrl(baseUrl()).apiToken(API_TOKEN).maxRetries(0).build();
    own.accounts().tokens().delete(TOKEN_ID, params());
    assertThat(own.httpClient().connectionPool().connectionCount()).isEqualTo(1);

    own.close();

    assertThat(own.httpClient().connectionPool().connectionCount()).isZero();
    assertThat(own.httpClient().dispatcher().executorService().isShutdown()).isTrue();
    assertThatThrownBy(() -> own.retryTimer().schedule(() -> {}, Duration.ofSeconds(1)))
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void callsAfterCloseFailBeforeAnyRequest() {
    client.close();
    client.close();

    assertThatThrownBy(() -> client.accounts().tokens().delete(TOKEN_ID, params()))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("this CloudflareClient is closed");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void closeLeavesASharedOkHttpClientUsable() throws Exception {
    OkHttpClient shared = new OkHttpClient();
    server.enqueue(json(200, "delete-token-success.json"));
    server.enqueue(new MockResponse().setBody("still open"));
    try (CloudflareClient borrowed =
        clientBuilder().apiToken(API_TOKEN).okHttpClient(shared).build()) {
      assertThat(borrowed.accounts().tokens().delete(TOKEN_ID, params())).isPresent();
    }

    try (Response response =
        shared.newCall(new Request.Builder().url(server.url("/")).build()).execute()) {
      assertThat(response.body().string()).isEqualTo("still open");
    }
    assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
    // The caller's client carries none of ours: no credential leaks into its other requests.
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + API_TOKEN);
    assertThat(server.takeRequest().getHeader("Authorization")).isNull();
    shared.dispatcher().executorService().shutdown();
  }

  @Test
  void oneClientServesManyThreadsAtOnce() throws Exception {
    int calls = 32;
    for (int i = 0; i < calls; i++) {
      server.enqueue(json(200, "delete-token-success.json"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        String tokenId = String.format("%032x", i);
        tasks.add(() -> client.accounts().tokens().delete(tokenId, params()).isPresent());
      }
      for (Future<Boolean> result : pool.invokeAll(tasks)) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdown();
    }
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < calls; i++) {
      paths.add(server.takeRequest().getPath());
    }
    assertThat(paths).hasSize(calls);
  }
}
