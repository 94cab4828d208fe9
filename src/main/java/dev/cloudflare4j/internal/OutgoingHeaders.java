package dev.cloudflare4j.internal;

import java.io.IOException;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The one place where a request gets the client's headers, after every interceptor a caller's own
 * OkHttpClient adds (only the header log, which must see what is sent, and the caller's network
 * interceptors run later): {@code Accept} (JSON, unless the generated method names what it
 * produces), {@code User-Agent}, the headers of the call's options (which may replace both), then
 * exactly one credential, the scheme the operation's plan chose; any other credential header is
 * removed. What to set comes with the request, in its {@link Call} tag; a request without one is
 * sent with no credential at all.
 */
public final class OutgoingHeaders implements Interceptor {

  /**
   * The tag a call's requests carry.
   *
   * @param scheme the credential scheme to send, or null for none
   * @param headers the call's own extra headers (never credentials)
   * @param bearer a token sent instead of the client's credential, or null
   */
  public record Call(
      Credentials.Scheme scheme, Map<String, String> headers, dev.cloudflare4j.Secret bearer) {}

  private final Credentials credentials;
  private final String userAgent;

  /** Creates the interceptor of one client. */
  public OutgoingHeaders(Credentials credentials, String userAgent) {
    this.credentials = credentials;
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Call call = request.tag(Call.class);
    Request.Builder builder = request.newBuilder().header("User-Agent", userAgent);
    if (request.header("Accept") == null) {
      builder.header("Accept", "application/json");
    }
    if (call != null) {
      for (Map.Entry<String, String> header : call.headers().entrySet()) {
        builder.header(header.getKey(), header.getValue());
      }
    }
    if (call != null && call.bearer() != null) {
      Credentials.applyBearer(call.bearer(), builder);
    } else {
      credentials.apply(call == null ? null : call.scheme(), builder);
    }
    return chain.proceed(builder.build());
  }
}
