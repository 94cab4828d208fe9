package dev.cloudflare4j.bench;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/** Bulk revocation: {@code count} deletes with at most {@code inFlight} outstanding. */
final class Bulk {

  private Bulk() {}

  /** Through {@code deleteAsync}; returns how many succeeded. */
  // The completion handler counts every outcome; the dependent future adds nothing to watch.
  @SuppressWarnings("FutureReturnValueIgnored")
  static int ours(CloudflareClient client, int count, int inFlight) throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(count);
    AtomicInteger ok = new AtomicInteger();
    TokenDeleteParams params =
        TokenDeleteParams.builder().accountId(DeleteBenchmark.ACCOUNT).build();
    for (int i = 0; i < count; i++) {
      permits.acquire();
      client
          .accounts()
          .tokens()
          .deleteAsync(DeleteBenchmark.TOKEN, params)
          .whenComplete(
              (deleted, error) -> {
                if (error == null && deleted.isPresent()) {
                  ok.incrementAndGet();
                }
                permits.release();
                done.countDown();
              });
    }
    done.await();
    return ok.get();
  }

  /**
   * Baseline: raw OkHttp {@code enqueue}, each request built, envelope parsed by hand; returns how
   * many succeeded.
   */
  static int raw(OkHttpClient okHttp, String baseUrl, int count, int inFlight)
      throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(count);
    AtomicInteger ok = new AtomicInteger();
    for (int i = 0; i < count; i++) {
      permits.acquire();
      okHttp
          .newCall(DeleteBenchmark.rawRequest(baseUrl))
          .enqueue(
              new Callback() {
                @Override
                public void onResponse(Call call, Response response) {
                  try (response) {
                    if (response.isSuccessful()
                        && HandParse.parse(response.body().source()).success()) {
                      ok.incrementAndGet();
                    }
                  } catch (IOException e) {
                    // counted as a failure
                  } finally {
                    permits.release();
                    done.countDown();
                  }
                }

                @Override
                public void onFailure(Call call, IOException e) {
                  permits.release();
                  done.countDown();
                }
              });
    }
    done.await();
    return ok.get();
  }

  /** An OkHttp client allowing {@code inFlight} calls to one host, like the client's own. */
  static OkHttpClient okHttp(int inFlight) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(inFlight);
    dispatcher.setMaxRequestsPerHost(inFlight);
    return new OkHttpClient.Builder().dispatcher(dispatcher).build();
  }
}
