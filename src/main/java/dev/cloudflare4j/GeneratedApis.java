package dev.cloudflare4j;

import dev.cloudflare4j.internal.ModelJson;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import retrofit2.Retrofit;

/**
 * A client's implementations of the generated API interfaces. Invoking an operation checks its
 * arguments, the credential and the client against the operation's plan (looked up once per call),
 * lets Retrofit build the request, and returns it as a {@link CloudflareCall} that carries the
 * plan's credential scheme; nothing is sent until the call is run. Safe to share between threads.
 */
final class GeneratedApis {

  private final CloudflareClient client;
  private final OperationPlans plans;
  private final Retrofit retrofit;
  private final Map<Class<?>, Object> apis = new ConcurrentHashMap<>();

  GeneratedApis(CloudflareClient client, OperationPlans plans, Retrofit retrofit) {
    this.client = client;
    this.plans = plans;
    this.retrofit = retrofit;
  }

  /**
   * The client's implementation of a generated API interface.
   *
   * @throws IllegalArgumentException if the class is not a generated API interface
   */
  <T> T api(Class<T> api) {
    return api.cast(apis.computeIfAbsent(api, this::create));
  }

  private Object create(Class<?> api) {
    if (!api.isInterface()) {
      throw new IllegalArgumentException(api.getName() + " is not a generated API interface");
    }
    // A generated operation returns a CloudflareCall; its plan is worked out at its first call,
    // so that a client pays for reading the annotations of only the operations it uses. Any other
    // method is judged now, so that a handwritten interface is refused here.
    for (Method method : api.getMethods()) {
      if (!method.isDefault()
          && !Modifier.isStatic(method.getModifiers())
          && method.getReturnType() != CloudflareCall.class) {
        plans.get(method);
      }
    }
    Object target = retrofit.create(api);
    InvocationHandler handler = new Handler(api, target);
    return Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, handler);
  }

  private final class Handler implements InvocationHandler {
    private final Class<?> api;
    private final Object target;
    private final InvocationHandler retrofitHandler;

    Handler(Class<?> api, Object target) {
      this.api = api;
      this.target = target;
      this.retrofitHandler = Proxy.getInvocationHandler(target);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> api.getSimpleName() + " (cloudflare4j)";
        };
      }
      if (method.isDefault()) {
        // An operation's arguments-by-name form: it spreads them over the operation's method.
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      OperationPlan plan = plans.get(method);
      plan.check(args == null ? new Object[0] : args);
      client.checkOpen();
      // Straight to Retrofit's own handler: no reflective call, no second argument array.
      CloudflareCallAdapterFactory.Built<?> built;
      try {
        built =
            (CloudflareCallAdapterFactory.Built<?>) retrofitHandler.invoke(target, method, args);
      } catch (IllegalArgumentException e) {
        throw bodyBreaksItsSchema(plan, e);
      }
      return call(plan, built);
    }

    /**
     * A request body that lacks a property its schema requires, as Retrofit reports it when the
     * body is converted (with the body's {@code toString()} in its message): said again with the
     * operation and the property alone. Any other failure as it is.
     */
    private RuntimeException bodyBreaksItsSchema(OperationPlan plan, IllegalArgumentException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ModelJson.MissingRequestProperty missing) {
          return new IllegalArgumentException(
              "body of " + plan.operationId() + ": " + missing.getMessage(), missing);
        }
      }
      return e;
    }

    private <R> CloudflareCall<R> call(
        OperationPlan plan, CloudflareCallAdapterFactory.Built<R> built) {
      return new CloudflareCall<>(
          client,
          new PreparedCall<>(
              plan.operationId(), built.request(), built.reader(), plan.scheme(), null),
          client.defaults());
    }
  }
}
