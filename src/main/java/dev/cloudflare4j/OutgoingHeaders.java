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
 * CallExecutor} puts on each attempt's request; a request without one (an interceptor of the
 * caller's rebuilt it from scratch) is not sent.
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

  /** Why a request without its attempt's tag is not sent. */
  static final String TAGS_DROPPED =
      "an interceptor of the given OkHttpClient rebuilt the request without its tags (build a"
          + " changed request with request.newBuilder(), which keeps them): not sent, since"
          + " neither its credential nor the client's one-request-per-attempt rule would hold";

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
    if (attempt == null) {
      // Every request of this client's calls is an attempt with its tag: a request without one
      // was rebuilt by an interceptor of the caller's OkHttpClient, which dropped the tags.
      throw new IOException(TAGS_DROPPED);
    }
    Sends sends = attempt.sends;
    Request.Builder builder = request.newBuilder().header("User-Agent", userAgent);
    if (request.header("Accept") == null) {
      builder.header("Accept", "application/json");
    }
    for (Map.Entry<String, String> header : sends.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    if (sends.bearer() != null) {
      Credentials.applyBearer(sends.bearer(), builder);
    } else {
      credentials.apply(sends.scheme(), builder);
    }
    return chain.proceed(builder.build());
  }
}
