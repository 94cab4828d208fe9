package dev.cloudflare4j;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link OperationPlan} of each generated method a client calls, worked out once. */
final class OperationPlans {

  private final Credentials credentials;
  private final Map<Method, OperationPlan> plans = new ConcurrentHashMap<>();

  /** Creates the plans of a client that holds the given credentials. */
  public OperationPlans(Credentials credentials) {
    this.credentials = credentials;
  }

  /**
   * The plan of a generated method.
   *
   * @throws IllegalArgumentException if the method is not a generated operation
   */
  public OperationPlan get(Method method) {
    // A plain lookup first: computeIfAbsent's capturing lambda would be allocated on every call.
    OperationPlan plan = plans.get(method);
    return plan != null
        ? plan
        : plans.computeIfAbsent(method, m -> OperationPlan.of(m, credentials));
  }
}
