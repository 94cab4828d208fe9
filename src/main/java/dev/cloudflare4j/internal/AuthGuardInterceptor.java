package dev.cloudflare4j.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import retrofit2.Invocation;

/**
 * The last interceptor before the network: makes sure each request carries exactly one credential,
 * the scheme its operation's plan chose (none for a request with no operation), whatever
 * interceptors of a caller's own OkHttpClient added. The credential is normally set when the
 * request is built, so this only checks, without copying the request; it sets the headers again
 * only when something changed them.
 */
public final class AuthGuardInterceptor implements Interceptor {

  private final Credentials credentials;
  private final OperationPlans plans;

  /** Creates the guard for one client. */
  public AuthGuardInterceptor(Credentials credentials, OperationPlans plans) {
    this.credentials = credentials;
    this.plans = plans;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Invocation invocation = request.tag(Invocation.class);
    Credentials.Scheme scheme = invocation == null ? null : plans.get(invocation.method()).scheme();
    if (credentials.carriesExactly(scheme, request)) {
      return chain.proceed(request);
    }
    Request.Builder builder = request.newBuilder();
    credentials.apply(scheme, builder);
    return chain.proceed(builder.build());
  }

  @Override
  public String toString() {
    return "AuthGuardInterceptor[" + credentials + "]";
  }
}
