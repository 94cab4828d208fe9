package dev.cloudflare4j;

import dev.cloudflare4j.internal.Operation;
import dev.cloudflare4j.internal.ParamRule;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the client does before calling one generated operation, worked out once per method from its
 * annotations: the argument checks and the one credential scheme to send. Looked up once per call,
 * which then carries the scheme with it ({@link PreparedCall}).
 */
final class OperationPlan {

  private final String operationId;
  private final ParamCheck[] checks;
  private final Credentials.Scheme scheme;
  private final String unauthorized;

  private OperationPlan(
      String operationId, ParamCheck[] checks, Credentials.Scheme scheme, String unauthorized) {
    this.operationId = operationId;
    this.checks = checks;
    this.scheme = scheme;
    this.unauthorized = unauthorized;
  }

  /**
   * Reads the plan of a generated method.
   *
   * @throws IllegalArgumentException if the method is not a generated operation
   */
  public static OperationPlan of(Method method, Credentials credentials) {
    Operation operation = method.getAnnotation(Operation.class);
    if (operation == null) {
      throw new IllegalArgumentException(
          method.getDeclaringClass().getName()
              + "."
              + method.getName()
              + " is not a generated cloudflare4j operation (no @Operation)");
    }
    Annotation[][] annotations = method.getParameterAnnotations();
    ParamCheck[] checks = new ParamCheck[annotations.length];
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof ParamRule rule) {
          checks[i] = new ParamCheck(rule);
        }
      }
    }
    Set<String> schemes = new LinkedHashSet<>(Arrays.asList(operation.schemes()));
    Credentials.Scheme scheme = null;
    String unauthorized = null;
    if (!schemes.isEmpty()) {
      scheme = credentials.select(schemes).orElse(null);
      if (scheme == null) {
        unauthorized =
            "operation "
                + operation.id()
                + " accepts "
                + Credentials.describeAccepted(schemes)
                + ", which this client was not given (it holds "
                + credentials.configured()
                + "); build it with the credential the operation accepts";
      }
    }
    return new OperationPlan(operation.id(), checks, scheme, unauthorized);
  }

  /** The operation's id in the spec. */
  public String operationId() {
    return operationId;
  }

  /** The credential scheme to send, or null when the operation takes none. */
  public Credentials.Scheme scheme() {
    return scheme;
  }

  /**
   * Checks the arguments and the credential before any I/O.
   *
   * @throws NullPointerException if a required argument is null
   * @throws IllegalArgumentException if an argument breaks a rule of the spec
   * @throws IllegalStateException if the client holds no credential the operation accepts
   */
  public void check(Object[] args) {
    for (int i = 0; i < checks.length; i++) {
      if (checks[i] != null) {
        checks[i].check(args[i]);
      }
    }
    if (unauthorized != null) {
      throw new IllegalStateException(unauthorized);
    }
  }
}
