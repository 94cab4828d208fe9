package dev.cloudflare4j.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Sets {@code Accept: application/json} and the client's {@code User-Agent} on every request. */
public final class DefaultHeadersInterceptor implements Interceptor {

  private final String userAgent;

  /** Creates the interceptor with the given User-Agent. */
  public DefaultHeadersInterceptor(String userAgent) {
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(
        chain
            .request()
            .newBuilder()
            .header("Accept", "application/json")
            .header("User-Agent", userAgent)
            .build());
  }
}
