package dev.cloudflare4j;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import retrofit2.Retrofit;

/**
 * A client's implementations of the generated API interfaces: Retrofit's own, one per interface.
 * Safe to share between threads.
 */
final class GeneratedApis {

  private final Retrofit retrofit;
  private final Map<Class<?>, Object> apis = new ConcurrentHashMap<>();

  GeneratedApis(Retrofit retrofit) {
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

  /**
   * Retrofit's implementation of the interface, once each of its methods is known to return a
   * {@link CloudflareCall}: a handwritten Retrofit method (a {@code retrofit2.Call}, say) would
   * otherwise run outside the client's checks, retries and credential rules. Only return types are
   * read here; a method's annotations are read by Retrofit at its first call, where the call
   * adapter refuses one without {@code @Operation}, so that a client pays only for the operations
   * it uses (reading every method's annotations makes a class per annotation type, at start-up).
   */
  private Object create(Class<?> api) {
    if (!api.isInterface()) {
      throw new IllegalArgumentException(api.getName() + " is not a generated API interface");
    }
    for (Method method : api.getMethods()) {
      if (!method.isDefault()
          && !Modifier.isStatic(method.getModifiers())
          && method.getReturnType() != CloudflareCall.class) {
        throw new IllegalArgumentException(
            api.getName()
                + "."
                + method.getName()
                + " is not a generated cloudflare4j operation (it must return a CloudflareCall"
                + " and carry @Operation)");
      }
    }
    return retrofit.create(api);
  }
}
