package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudflare4j.errors.CloudflareIoException;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.model.TokenDeleteResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

class AsyncTest extends ClientTestSupport {

  @Test
  void deleteAsyncCompletesWithTheDeletedId() throws Exception {
    server.enqueue(json(200, "delete-token-success.json"));

    CompletableFuture<Optional<TokenDeleteResponse>> future =
        client.accounts().tokens().deleteAsync(TOKEN_ID, params());

    assertThat(future.get(5, TimeUnit.SECONDS)).map(TokenDeleteResponse::id).contains(TOKEN_ID);
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + API_TOKEN);
  }

  @Test
  void eachAttemptCarriesWhatItSendsAsItsOwnTagAndTheCredentialIsSetAfterTheCallersInterceptors()
      throws Exception {
    List<Object> tags = new CopyOnWriteArrayList<>();
    List<String> seenByCaller = new CopyOnWriteArrayList<>();
    OkHttpClient watching =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  tags.add(chain.request().tag(OutgoingHeaders.Attempt.class));
                  seenByCaller.add(String.valueOf(chain.request().header("Authorization")));
                  return chain.proceed(chain.request());
                })
            .build();
    server.enqueue(json(503, "failure-not-found.json"));
    server.enqueue(json(200, "delete-token-success.json"));
    server.enqueue(json(503, "failure-not-found.json"));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "delete-token-success.json"));
    server.enqueue(json(404, "failure-not-found.json"));
    try (CloudflareClient c =
        clientBuilder().apiToken(API_TOKEN).okHttpClient(watching).maxRetries(2).build()) {
      assertThat(c.accounts().tokens().delete(TOKEN_ID, params())).isPresent();
      assertThat(c.accounts().tokens().deleteAsync(TOKEN_ID, params()).get(5, TimeUnit.SECONDS))
          .isPresent();
      CompletableFuture<?> refused = c.accounts().tokens().deleteAsync(TOKEN_ID, params());
      assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(NotFoundException.class);
    } finally {
      watching.dispatcher().executorService().shutdown();
    }
    // Six attempts, each with a tag of its own; the caller's interceptor saw no credential, and
    // every request carried the token.
    assertThat(tags).hasSize(6).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(seenByCaller).containsOnly("null");
    for (int i = 0; i < 6; i++) {
      assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"))
          .isEqualTo("Bearer " + API_TOKEN);
    }
  }

  @Test
  void deleteAsyncFailsWithTheSameExceptionAsTheBlockingCall() {
    server.enqueue(json(404, "failure-not-found.json").setHeader("cf-ray", "r-404"));

    CompletableFuture<Optional<TokenDeleteResponse>> future =
        client.accounts().tokens().deleteAsync(TOKEN_ID, params());

    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isExactlyInstanceOf(NotFoundException.class)
        .hasMessage("HTTP 404 [1003] Invalid or missing token (cf-ray r-404)");
  }

  @Test
  void deleteAsyncRetriesWithoutBlockingAndCountsAttempts() throws Exception {
    server.enqueue(json(503, "failure-not-found.json"));
    // On a kept-alive connection: the request is read, then the connection is dropped.
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "delete-token-success.json"));

    try (CloudflareClient retrying = clientBuilder().apiToken(API_TOKEN).maxRetries(2).build()) {
      assertThat(
              retrying.accounts().tokens().deleteAsync(TOKEN_ID, params()).get(5, TimeUnit.SECONDS))
          .isPresent();
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(timer.delays()).hasSize(2);
  }

  @Test
  void deleteAsyncFailuresUntilRetriesRunOutCarryTheAttempts() {
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    }

    try (CloudflareClient retrying = clientBuilder().apiToken(API_TOKEN).maxRetries(1).build()) {
      CompletableFuture<Optional<TokenDeleteResponse>> future =
          retrying.accounts().tokens().deleteAsync(TOKEN_ID, params());
      assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
          .cause()
          .isExactlyInstanceOf(CloudflareIoException.class)
          .satisfies(e -> assertThat(((CloudflareIoException) e).attempts()).isEqualTo(2));
    }
  }

  @Test
  void badArgumentsFailTheFutureWithoutAnyRequest() {
    CompletableFuture<Optional<TokenDeleteResponse>> badId =
        client.accounts().tokens().deleteAsync("../x", params());
    CompletableFuture<Optional<TokenDeleteResponse>> nullParams =
        client.accounts().tokens().deleteAsync(TOKEN_ID, null);

    assertThatThrownBy(badId::join)
        .cause()
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tokenId may hold only");
    assertThatThrownBy(nullParams::join)
        .cause()
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("params must not be null");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void cancellingTheFutureCancelsTheCallInFlight() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    CountDownLatch canceled = new CountDownLatch(1);
    OkHttpClient watched =
        new OkHttpClient.Builder()
            .eventListener(
                new EventListener() {
                  @Override
                  public void canceled(Call call) {
                    canceled.countDown();
                  }
                })
            .build();

    try (CloudflareClient c =
        clientBuilder()
            .apiToken(API_TOKEN)
            .okHttpClient(watched)
            .timeout(Duration.ofSeconds(20))
            .build()) {
      CompletableFuture<Optional<TokenDeleteResponse>> future =
          c.accounts().tokens().deleteAsync(TOKEN_ID, params());
      assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();

      assertThat(future.cancel(true)).isTrue();

      assertThat(canceled.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(future).isCancelled();
    } finally {
      watched.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void cancellingBetweenAttemptsStopsTheRetries() throws Exception {
    server.enqueue(json(503, "failure-not-found.json"));
    CountDownLatch scheduled = new CountDownLatch(1);
    Runnable[] next = new Runnable[1];
    dev.cloudflare4j.RetryTimer manual =
        new dev.cloudflare4j.RetryTimer() {
          @Override
          public void sleep(Duration delay) {
            throw new AssertionError("an async call must not sleep");
          }

          @Override
          public void schedule(Runnable task, Duration delay) {
            next[0] = task;
            scheduled.countDown();
          }
        };

    try (CloudflareClient c =
        CloudflareClient.builder()
            .apiToken(API_TOKEN)
            .baseUrl(baseUrl())
            .retryTimer(manual)
            .build()) {
      CompletableFuture<Optional<TokenDeleteResponse>> future =
          c.accounts().tokens().deleteAsync(TOKEN_ID, params());
      assertThat(scheduled.await(5, TimeUnit.SECONDS)).isTrue();

      future.cancel(true);
      next[0].run();
    }

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void cancellingACompletedFutureChangesNothing() throws Exception {
    server.enqueue(json(200, "delete-token-success.json"));
    CompletableFuture<Optional<TokenDeleteResponse>> future =
        client.accounts().tokens().deleteAsync(TOKEN_ID, params());
    assertThat(future.get(5, TimeUnit.SECONDS)).isPresent();

    assertThat(future.cancel(true)).isFalse();
    assertThat(future).isNotCancelled();
  }

  @Test
  void moreThanFiveCallsToOneHostAreInFlightAtOnce() throws Exception {
    // OkHttp's default allows 5 per host; the client's own allows 64. The server answers only
    // once all ten requests have arrived, so with 5 this would never complete.
    int calls = 10;
    answerFirstCall();
    CountDownLatch arrived = new CountDownLatch(calls);
    server.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          @Override
          public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request)
              throws InterruptedException {
            arrived.countDown();
            arrived.await(10, TimeUnit.SECONDS);
            return json(200, "delete-token-success.json");
          }
        });
    CompletableFuture<?>[] futures = new CompletableFuture<?>[calls];
    for (int i = 0; i < calls; i++) {
      futures[i] = client.accounts().tokens().deleteAsync(String.format("%032x", i), params());
    }

    CompletableFuture.allOf(futures).get(10, TimeUnit.SECONDS);

    assertThat(arrived.getCount()).isZero();
  }

  @Test
  void asyncCallsRunInParallelAndTheCallerNeverWaits() throws Exception {
    int calls = 20;
    answerFirstCall();
    CountDownLatch allArrived = new CountDownLatch(calls);
    CountDownLatch answer = new CountDownLatch(1);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            allArrived.countDown();
            // Held until every call is in flight: calls run one after another would time out.
            answer.await(10, TimeUnit.SECONDS);
            return json(200, "delete-token-success.json");
          }
        });
    CompletableFuture<?>[] futures = new CompletableFuture<?>[calls];
    for (int i = 0; i < calls; i++) {
      futures[i] = client.accounts().tokens().deleteAsync(String.format("%032x", i), params());
    }

    // Every call returned to the caller before any was answered, and all are in flight at once.
    assertThat(futures).noneMatch(CompletableFuture::isDone);
    assertThat(allArrived.await(10, TimeUnit.SECONDS)).as("all %d calls in flight", calls).isTrue();
    assertThat(futures).noneMatch(CompletableFuture::isDone);
    answer.countDown();
    CompletableFuture.allOf(futures).get(10, TimeUnit.SECONDS);
    assertThat(server.getRequestCount()).isEqualTo(calls + 1);
  }

  /**
   * One call answered first: until a client's first answer, which tells it whether the server
   * reports a rate limit (see ServerRateLimitTest), one request goes at a time.
   */
  private void answerFirstCall() {
    server.enqueue(json(200, "delete-token-success.json"));
    assertThat(client.accounts().tokens().delete(TOKEN_ID, params())).isPresent();
  }
}
