package dev.cloudflare4j.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Logs the headers of each request, as sent (after authentication), and of its answer at TRACE,
 * with credentials and cookies redacted. Bodies are never logged: some operations return secrets in
 * them.
 */
public final class HeaderLoggingInterceptor implements Interceptor {

  private static final Logger LOG = System.getLogger("dev.cloudflare4j");

  private static final Set<String> REDACTED =
      Set.of(
          "authorization",
          "proxy-authorization",
          "x-auth-key",
          "x-auth-email",
          "x-auth-user-service-key",
          "cookie",
          "set-cookie");

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!LOG.isLoggable(Level.TRACE)) {
      return chain.proceed(request);
    }
    String target = request.method() + " " + request.url().encodedPath();
    LOG.log(Level.TRACE, target + " request headers: " + redacted(request.headers()));
    Response response = chain.proceed(request);
    LOG.log(
        Level.TRACE,
        target + " -> HTTP " + response.code() + " headers: " + redacted(response.headers()));
    return response;
  }

  /** The headers as {@code Name: value} pairs, with credentials and cookies replaced. */
  static String redacted(Headers headers) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < headers.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      String name = headers.name(i);
      out.append(name).append(": ");
      out.append(
          REDACTED.contains(name.toLowerCase(Locale.ROOT))
              ? "<redacted>"
              : headers.value(i).replaceAll("\\p{Cntrl}", " "));
    }
    return out.append(']').toString();
  }
}
