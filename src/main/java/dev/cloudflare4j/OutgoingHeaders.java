package dev.cloudflare4j;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The one place where a request gets the client's headers, after every interceptor a caller's own
 * OkHttpClient adds (only the header log, which must see what is sent, and the caller's network
 * interceptors run later): {@code Accept} (JSON, unless the generated method names what it
 * produces), {@code User-Agent}, the headers of the call's options (which may replace both), then
 * exactly one credential, the scheme the operation's plan chose; any other credential header is
 * removed. What to set rides on the request, as its {@link Attempt} tag, which the {@link
 * CallExecutor} puts on each attempt's request; a request without one is sent with no credential at
 * all.
 */
final class OutgoingHeaders implements Interceptor {

  /**
   * What one call's attempts send.
   *
   * @param scheme the credential scheme to send, or null for none
   * @param headers the call's own extra headers (never credentials)
   * @param bearer a token sent instead of the client's credential, or null
   */
  record Sends(
      Credentials.Scheme scheme, Map<String, String> headers, dev.cloudflare4j.Secret bearer) {}

  /**
   * One attempt of a call, the tag of its request: what it sends, and whether its one request has
   * gone out ({@link OkHttpFollowUps} refuses a second, which carries the same tag).
   */
  static final class Attempt {
    private final Sends sends;
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile int firstStatus;

    /** The attempt's request: {@code request} with this attempt as its tag. */
    static Request tag(Request request, Sends sends) {
      return request.newBuilder().tag(Attempt.class, new Attempt(sends)).build();
    }

    private Attempt(Sends sends) {
      this.sends = sends;
    }

    /** Whether this is the attempt's first request; every later one must not be sent. */
    boolean firstRequest() {
      return requested.compareAndSet(false, true);
    }

    /** Records the status of the first request's answer. */
    void answered(int status) {
      if (firstStatus == 0) {
        firstStatus = status;
      }
    }

    /** The status the first request was answered with, or 0 if it was not answered. */
    int firstStatus() {
      return firstStatus;
    }
  }

  private final Credentials credentials;
  private final String userAgent;

  /** Creates the interceptor of one client. */
  OutgoingHeaders(Credentials credentials, String userAgent) {
    this.credentials = credentials;
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Attempt attempt = request.tag(Attempt.class);
    Sends sends = attempt == null ? null : attempt.sends;
    Request.Builder builder = request.newBuilder().header("User-Agent", userAgent);
    if (request.header("Accept") == null) {
      builder.header("Accept", "application/json");
    }
    if (sends != null) {
      for (Map.Entry<String, String> header : sends.headers().entrySet()) {
        builder.header(header.getKey(), header.getValue());
      }
    }
    if (sends != null && sends.bearer() != null) {
      Credentials.applyBearer(sends.bearer(), builder);
    } else {
      credentials.apply(sends == null ? null : sends.scheme(), builder);
    }
    return chain.proceed(builder.build());
  }
}
