package dev.cloudflare4j;

import java.io.IOException;
import okhttp3.Authenticator;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Keeps OkHttp from sending requests the client did not decide to send. OkHttp repeats some
 * requests on its own, below every application interceptor ({@code RetryAndFollowUpInterceptor}):
 * it follows redirects, answers 401 and 407 challenges through its authenticators, repeats a 408,
 * repeats a 503 whose {@code Retry-After} asks for no wait, repeats a 421 on another connection,
 * and silently retries some connection failures. Such a repeat would be missing from {@code
 * attempts()}, the log and the rate budget, and would re-send a POST that the client's retry rule
 * does not repeat. Each is turned off, whatever {@link OkHttpClient} the caller gave:
 *
 * <ul>
 *   <li>redirects, 408 repeats and connection retries by OkHttp's own settings;
 *   <li>401 challenges by {@link Authenticator#NONE}: only the client's credential is sent;
 *   <li>407 challenges of the request itself by answering none; a proxy's challenge to the {@code
 *       CONNECT} that opens an HTTPS tunnel still reaches the caller's proxy authenticator, since
 *       no request to Cloudflare has been sent then;
 *   <li>a 503's {@code Retry-After}, which OkHttp reads to decide its repeat, is hidden from OkHttp
 *       between the network and the client's interceptors and given back unchanged, so that the
 *       client's own retry rule reads it;
 *   <li>answers from a cache, which would not reach Cloudflare at all: the client uses none.
 * </ul>
 *
 * <p>Whatever else would make OkHttp send a second request for one attempt (a 421 on a coalesced
 * HTTP/2 connection, an application interceptor that proceeds twice) is refused before it is
 * written: the attempt fails with a {@link RepeatRefusedException} instead.
 */
final class OkHttpFollowUps {

  /** The name prefix under which a hidden header travels between the two interceptors. */
  private static final String HIDDEN = "cloudflare4j-hidden-";

  private OkHttpFollowUps() {}

  /**
   * Turns OkHttp's own repeats off in {@code builder}. Call it after the client's application
   * interceptors are added: its own must run last of them, next to OkHttp's follow-ups.
   *
   * @param builder a builder of {@code base}, with the client's application interceptors
   * @param base the HTTP client the builder was made from: its proxy authenticator is kept for
   *     tunnels
   */
  static OkHttpClient.Builder disable(OkHttpClient.Builder builder, OkHttpClient base) {
    builder
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .authenticator(Authenticator.NONE)
        .proxyAuthenticator(tunnelsOnly(base.proxyAuthenticator()))
        .cache(null)
        .addInterceptor(OkHttpFollowUps::restore);
    // First of the network interceptors, so that the caller's own see the answer as it came.
    builder.networkInterceptors().add(0, OkHttpFollowUps::guard);
    return builder;
  }

  /** A proxy authenticator that answers the challenges of HTTPS tunnels only. */
  static Authenticator tunnelsOnly(Authenticator proxy) {
    return (route, response) ->
        response.request().method().equals("CONNECT") ? proxy.authenticate(route, response) : null;
  }

  /** The network side: one request per attempt, and a 503's Retry-After hidden from OkHttp. */
  private static Response guard(Interceptor.Chain chain) throws IOException {
    OutgoingHeaders.Attempt attempt = chain.request().tag(OutgoingHeaders.Attempt.class);
    if (attempt == null) {
      throw new IOException(OutgoingHeaders.TAGS_DROPPED);
    }
    if (!attempt.firstRequest()) {
      throw new RepeatRefusedException(chain.request().method(), attempt.firstStatus());
    }
    Response response = chain.proceed(chain.request());
    attempt.answered(response.code());
    return response.code() == 503 ? renamed(response, "retry-after", true) : response;
  }

  /** The application side: the Retry-After {@link #guard} hid is given back, as it came. */
  private static Response restore(Interceptor.Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    return response.code() == 503 ? renamed(response, HIDDEN + "retry-after", false) : response;
  }

  /**
   * The response with the headers named {@code name} (case-insensitively) hidden, or those hidden
   * given back, in their places and with their values unchanged; the response itself when it has
   * none.
   */
  private static Response renamed(Response response, String name, boolean hide) {
    Headers headers = response.headers();
    boolean found = false;
    for (int i = 0; i < headers.size() && !found; i++) {
      found = headers.name(i).equalsIgnoreCase(name);
    }
    if (!found) {
      return response;
    }
    Headers.Builder changed = new Headers.Builder();
    for (int i = 0; i < headers.size(); i++) {
      String header = headers.name(i);
      String renamed =
          !header.equalsIgnoreCase(name)
              ? header
              : hide ? HIDDEN + header : header.substring(HIDDEN.length());
      // As received: a value OkHttp read leniently is not judged again.
      changed.addUnsafeNonAscii(renamed, headers.value(i));
    }
    return response.newBuilder().headers(changed.build()).build();
  }

  /**
   * An attempt's second request, which OkHttp (or an interceptor) was about to send on its own:
   * refused before it was written. The first request reached the server and was answered.
   */
  public static final class RepeatRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    RepeatRefusedException(String method, int firstStatus) {
      super(
          "refused to send "
              + method
              + " a second time in one attempt ("
              + (firstStatus == 0 ? "after the first failed" : "after HTTP " + firstStatus)
              + "): only the client's retry rule repeats a request");
    }
  }
}
