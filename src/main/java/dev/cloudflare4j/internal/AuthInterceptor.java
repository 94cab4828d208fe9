package dev.cloudflare4j.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import retrofit2.Invocation;

/**
 * Sets exactly one credential on each request: the scheme its operation's spec {@code security}
 * accepts, chosen by the {@link OperationPlan}. A request with no operation gets no credential.
 */
public final class AuthInterceptor implements Interceptor {

  private final Credentials credentials;
  private final OperationPlans plans;

  /** Creates the interceptor for one client. */
  public AuthInterceptor(Credentials credentials, OperationPlans plans) {
    this.credentials = credentials;
    this.plans = plans;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Invocation invocation = request.tag(Invocation.class);
    Credentials.Scheme scheme = invocation == null ? null : plans.get(invocation.method()).scheme();
    Request.Builder builder = request.newBuilder();
    credentials.apply(scheme, builder);
    return chain.proceed(builder.build());
  }

  @Override
  public String toString() {
    return "AuthInterceptor[" + credentials + "]";
  }
}
