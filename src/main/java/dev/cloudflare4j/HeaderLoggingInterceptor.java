package dev.cloudflare4j;

import dev.cloudflare4j.internal.Redaction;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Logs the headers of each request, as sent (after authentication), and of its answer at TRACE,
 * with credentials and cookies redacted. Bodies are never logged: some operations return secrets in
 * them.
 */
final class HeaderLoggingInterceptor implements Interceptor {

  private static final Logger LOG = System.getLogger("dev.cloudflare4j");

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!LOG.isLoggable(Level.TRACE)) {
      return chain.proceed(request);
    }
    String target = request.method() + " " + request.url().encodedPath();
    LOG.log(
        Level.TRACE, Redaction.redact(target + " request headers: " + redacted(request.headers())));
    Response response = chain.proceed(request);
    LOG.log(
        Level.TRACE,
        Redaction.redact(
            target + " -> HTTP " + response.code() + " headers: " + redacted(response.headers())));
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
          Credentials.isSecretHeader(name) || name.equalsIgnoreCase("Set-Cookie")
              ? "<redacted>"
              : ResponseHandler.oneLine(headers.value(i)));
    }
    return out.append(']').toString();
  }
}
