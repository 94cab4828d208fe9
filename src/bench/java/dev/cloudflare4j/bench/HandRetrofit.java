package dev.cloudflare4j.bench;

import com.squareup.moshi.Json;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;
import retrofit2.http.DELETE;
import retrofit2.http.Path;

/**
 * The floor of this stack: the Delete a user would write by hand with Retrofit and Moshi, as their
 * guides show it. A Retrofit interface, Moshi's converter (reflective adapters for plain classes),
 * an interceptor that sets the token; no argument checks, no retries, no envelope checks beyond
 * {@code success}. The sides of the benchmark are measured against it.
 */
final class HandRetrofit implements AutoCloseable {

  /** The operation, as a user declares it. */
  interface Tokens {
    @DELETE("accounts/{account_id}/tokens/{token_id}")
    Call<DeleteEnvelope> delete(
        @Path("account_id") String accountId, @Path("token_id") String tokenId);
  }

  /** Cloudflare's envelope for Delete Token, as a user maps it. */
  static final class DeleteEnvelope {
    boolean success;
    List<Object> errors;
    List<Object> messages;
    Deleted result;
  }

  /** Delete Token's {@code result}. */
  static final class Deleted {
    @Json(name = "id")
    String id;
  }

  private final OkHttpClient okHttp;
  private final Tokens tokens;

  /**
   * A client of {@code baseUrl}; over {@code http://} OkHttp is told the URL is plain HTTP, as
   * cloudflare4j tells it, so that neither sets up TLS.
   */
  HandRetrofit(String baseUrl, String apiToken) {
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .header("Authorization", "Bearer " + apiToken)
                            .build()));
    if (baseUrl.startsWith("http://")) {
      http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    this.okHttp = http.build();
    this.tokens =
        new Retrofit.Builder()
            .baseUrl(baseUrl + "/")
            .client(okHttp)
            .addConverterFactory(MoshiConverterFactory.create(new Moshi.Builder().build()))
            .build()
            .create(Tokens.class);
  }

  /** Deletes the token; fails unless Cloudflare says it succeeded. */
  String delete(String accountId, String tokenId) throws IOException {
    Response<DeleteEnvelope> response = tokens.delete(accountId, tokenId).execute();
    DeleteEnvelope envelope = response.body();
    if (!response.isSuccessful() || envelope == null || !envelope.success) {
      throw new IOException("HTTP " + response.code());
    }
    return envelope.result == null ? null : envelope.result.id;
  }

  @Override
  public void close() {
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
  }
}
