package dev.cloudflare4j.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sets {@code Accept: application/json} and the client's {@code User-Agent} on every request that
 * does not set its own (through {@code RequestOptions}).
 */
public final class DefaultHeadersInterceptor implements Interceptor {

  private final String userAgent;

  /** Creates the interceptor with the given User-Agent. */
  public DefaultHeadersInterceptor(String userAgent) {
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request.Builder builder = request.newBuilder();
    if (request.header("Accept") == null) {
      builder.header("Accept", "application/json");
    }
    if (request.header("User-Agent") == null) {
      builder.header("User-Agent", userAgent);
    }
    return chain.proceed(builder.build());
  }
}
