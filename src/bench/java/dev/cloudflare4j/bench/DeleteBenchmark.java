package dev.cloudflare4j.bench;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.model.TokenDeleteResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Warm latency of one Delete Token on a loopback keep-alive server: the facade, the generated
 * interface, and two baselines doing the same request by hand (OkHttp, and the JDK's HttpClient),
 * each parsing the envelope with Moshi's JsonReader.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DeleteBenchmark {

  static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
  static final String TOKEN = "ed17574386854bf78a67040be0a770b0";
  static final String API_TOKEN = "bench-token-0123456789";

  private CannedServer server;
  private CloudflareClient client;
  private AccountOwnedApiTokensApi api;
  private TokenDeleteParams params;
  private OkHttpClient okHttp;
  private HttpClient jdk;
  private String tokensUrl;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = new CannedServer();
    client = CloudflareClient.builder().apiToken(API_TOKEN).baseUrl(server.baseUrl()).build();
    api = client.api(AccountOwnedApiTokensApi.class);
    params = TokenDeleteParams.builder().accountId(ACCOUNT).build();
    okHttp = new OkHttpClient();
    jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    tokensUrl = server.baseUrl() + "/accounts/" + ACCOUNT + "/tokens/";
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    client.close();
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
    server.close();
  }

  /** The facade: client.accounts().tokens().delete(...). */
  @Benchmark
  public Optional<TokenDeleteResponse> facade() {
    return client.accounts().tokens().delete(TOKEN, params);
  }

  /** The generated interface through client.api(...). */
  @Benchmark
  public TokenDeleteResponse generatedApi() {
    return api.accountApiTokensDeleteToken(ACCOUNT, TOKEN).execute();
  }

  /**
   * The baselines' request, built by hand for each delete, as a program deleting many different
   * tokens must.
   */
  static Request rawRequest(String baseUrl) {
    return new Request.Builder()
        .url(baseUrl + "/accounts/" + ACCOUNT + "/tokens/" + TOKEN)
        .delete()
        .header("Authorization", "Bearer " + API_TOKEN)
        .header("Accept", "application/json")
        .header("User-Agent", "bench/1")
        .build();
  }

  /** Baseline: raw OkHttp, each request built, envelope parsed by hand. */
  @Benchmark
  public HandParse.Envelope rawOkHttp() throws IOException {
    Request request = rawRequest(server.baseUrl());
    try (Response response = okHttp.newCall(request).execute()) {
      HandParse.Envelope envelope = HandParse.parse(response.body().source());
      if (!response.isSuccessful() || !envelope.success()) {
        throw new IOException("HTTP " + response.code());
      }
      return envelope;
    }
  }

  /** Baseline: the JDK's HttpClient, each request built, envelope parsed by hand. */
  @Benchmark
  public HandParse.Envelope jdkHttpClient() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(tokensUrl + TOKEN))
            .DELETE()
            .header("Authorization", "Bearer " + API_TOKEN)
            .header("Accept", "application/json")
            .build();
    HttpResponse<byte[]> response = jdk.send(request, HttpResponse.BodyHandlers.ofByteArray());
    HandParse.Envelope envelope = HandParse.parse(new Buffer().write(response.body()));
    if (response.statusCode() != 200 || !envelope.success()) {
      throw new IOException("HTTP " + response.statusCode());
    }
    return envelope;
  }
}
