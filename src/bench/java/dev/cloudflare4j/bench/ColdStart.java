package dev.cloudflare4j.bench;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One short-lived job: a fresh JVM builds a client and completes one delete against a local server,
 * then exits. {@code ours <baseUrl>} uses cloudflare4j; {@code raw <baseUrl>} raw OkHttp with the
 * envelope parsed by hand; {@code rawCleartext <baseUrl>} the same with OkHttp told the URL is
 * plain HTTP ({@link ConnectionSpec#CLEARTEXT}), so that, as cloudflare4j over {@code http://}, it
 * sets up no TLS: the stricter baseline for a run against a loopback server; {@code retrofit
 * <baseUrl>} the hand-written Retrofit + Moshi client ({@link HandRetrofit}), without TLS too.
 */
public final class ColdStart {

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    String baseUrl = args[1];
    if (args[0].equals("ours")) {
      try (CloudflareClient client =
          CloudflareClient.builder().apiToken(DeleteBenchmark.API_TOKEN).baseUrl(baseUrl).build()) {
        if (client
            .accounts()
            .tokens()
            .delete(
                DeleteBenchmark.TOKEN,
                TokenDeleteParams.builder().accountId(DeleteBenchmark.ACCOUNT).build())
            .isEmpty()) {
          System.exit(1);
        }
      }
    } else if (args[0].equals("retrofit")) {
      try (HandRetrofit client = new HandRetrofit(baseUrl, DeleteBenchmark.API_TOKEN)) {
        if (client.delete(DeleteBenchmark.ACCOUNT, DeleteBenchmark.TOKEN) == null) {
          System.exit(1);
        }
      }
    } else {
      OkHttpClient okHttp =
          args[0].equals("rawCleartext")
              ? new OkHttpClient.Builder()
                  .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                  .build()
              : new OkHttpClient();
      Request request = DeleteBenchmark.rawRequest(baseUrl);
      try (Response response = okHttp.newCall(request).execute()) {
        if (!response.isSuccessful() || !HandParse.parse(response.body().source()).success()) {
          System.exit(1);
        }
      }
      okHttp.dispatcher().executorService().shutdown();
      okHttp.connectionPool().evictAll();
    }
    System.exit(0);
  }
}
