package dev.cloudflare4j.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import retrofit2.Retrofit;

/**
 * Wires generated API interfaces: each call is checked against its {@link OperationPlan} before
 * Retrofit builds a request (the same plan tells the {@link CallExecutor} what to send). Safe to
 * share between threads.
 */
public final class Operations {

  private final OperationPlans plans;
  private final Retrofit retrofit;
  private final BooleanSupplier closed;
  private final Map<Class<?>, Object> apis = new ConcurrentHashMap<>();

  /** Creates the wiring for one client; {@code closed} tells whether the client was closed. */
  public Operations(OperationPlans plans, Retrofit retrofit, BooleanSupplier closed) {
    this.plans = plans;
    this.retrofit = retrofit;
    this.closed = closed;
  }

  /**
   * The client's implementation of a generated API interface.
   *
   * @throws IllegalArgumentException if the class is not a generated API interface
   */
  public <T> T api(Class<T> api) {
    return api.cast(apis.computeIfAbsent(api, this::create));
  }

  /**
   * Checks and builds the request of one generated operation without sending it: {@code invocation}
   * calls the operation on the given API interface. Argument, credential and closed-client checks
   * run first, so a bad call fails here, before any I/O.
   *
   * @param <A> the generated API interface
   * @param <T> the operation's response type
   */
  public <A, T> PreparedCall<T> prepare(Class<A> api, Function<A, T> invocation) {
    A target = api(api);
    CloudflareCallAdapterFactory.Capture capture = CloudflareCallAdapterFactory.CAPTURE.get();
    capture.active = true;
    capture.call = null;
    PreparedCall<?> captured;
    try {
      // In capture mode the adapter records the built request and the method returns null.
      T unused = invocation.apply(target);
    } finally {
      captured = capture.call;
      capture.active = false;
      capture.call = null;
    }
    if (captured == null) {
      throw new IllegalArgumentException("the invocation did not call an operation of " + api);
    }
    // The adapter that built it was made for the invoked method's return type, which is T.
    @SuppressWarnings("unchecked")
    PreparedCall<T> prepared = (PreparedCall<T>) captured;
    return prepared;
  }

  private Object create(Class<?> api) {
    if (!api.isInterface()) {
      throw new IllegalArgumentException(api.getName() + " is not a generated API interface");
    }
    for (Method method : api.getMethods()) {
      if (!method.isDefault() && !Modifier.isStatic(method.getModifiers())) {
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
      Object[] arguments = args == null ? new Object[0] : args;
      plans.get(method).check(arguments);
      if (closed.getAsBoolean()) {
        throw new IllegalStateException("this CloudflareClient is closed");
      }
      // Straight to Retrofit's own handler: no reflective call, no second argument array.
      return retrofitHandler.invoke(target, method, args);
    }
  }
}
