package dev.cloudflare4j;

import dev.cloudflare4j.internal.ModelJson;
import dev.cloudflare4j.internal.Operation;
import dev.cloudflare4j.internal.ParamRule;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import retrofit2.Invocation;

/**
 * What the client does around one generated operation, worked out once per method by the {@link
 * CloudflareCallAdapterFactory} from the annotations Retrofit hands it: the credential scheme to
 * send (or why the client holds none the operation accepts) and how its answer is read. The rules
 * of each argument's value are checked where Retrofit converts it ({@link
 * ParamRuleConverterFactory}); a required argument that Retrofit would leave out when null is
 * checked here, once the request is built ({@link #checkArguments}).
 */
final class OperationPlan {

  private final String operationId;
  private final Credentials.Scheme scheme;
  private final String unauthorized;
  private final ResponseReader<?> reader;
  // For each required argument that Retrofit leaves out when null (queries, headers, form fields
  // and parts), by position, the refusal of a null; null where Retrofit refuses a null itself
  // (path, body) or the argument is optional. Read from the method at its first call.
  private volatile String[] leftOutWhenNull;

  private OperationPlan(
      String operationId,
      Credentials.Scheme scheme,
      String unauthorized,
      ResponseReader<?> reader) {
    this.operationId = operationId;
    this.scheme = scheme;
    this.unauthorized = unauthorized;
    this.reader = reader;
  }

  /** The plan of the operation that {@code operation} annotates, read as {@code reader} says. */
  static OperationPlan of(Operation operation, Credentials credentials, ResponseReader<?> reader) {
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
    return new OperationPlan(operation.id(), scheme, unauthorized, reader);
  }

  String operationId() {
    return operationId;
  }

  /** The credential scheme to send, or null when the operation takes none. */
  Credentials.Scheme scheme() {
    return scheme;
  }

  ResponseReader<?> reader() {
    return reader;
  }

  /**
   * Checks what converting the arguments could not: that no required one is null, and that the
   * client holds a credential the operation accepts. Before any I/O.
   *
   * @param invocation the {@link Invocation} tag of the request Retrofit built
   * @throws IllegalArgumentException if a required argument is null
   * @throws IllegalStateException if the client holds no credential the operation accepts
   */
  void checkArguments(Invocation invocation) {
    String[] refusals = leftOutWhenNull;
    if (refusals == null) {
      refusals = leftOutWhenNull(invocation.method());
      leftOutWhenNull = refusals;
    }
    List<?> arguments = invocation.arguments();
    for (int i = 0; i < refusals.length; i++) {
      if (refusals[i] != null && arguments.get(i) == null) {
        throw new IllegalArgumentException(refusals[i]);
      }
    }
    if (unauthorized != null) {
      throw new IllegalStateException(unauthorized);
    }
  }

  private static String[] leftOutWhenNull(Method method) {
    Annotation[][] annotations = method.getParameterAnnotations();
    String[] refusals = new String[annotations.length];
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof ParamRule rule
            && rule.required()
            && !rule.in().equals("path")
            && !rule.in().equals("body")) {
          // As Retrofit words its own: "Path parameter "x" value must not be null."
          refusals[i] =
              Character.toUpperCase(rule.in().charAt(0))
                  + rule.in().substring(1)
                  + " parameter \""
                  + rule.name()
                  + "\" value must not be null: the spec requires it (parameter "
                  + rule.label()
                  + ")";
        }
      }
    }
    return refusals;
  }

  /**
   * A request body that lacks a property its schema requires, as Retrofit reports it when the body
   * is converted (with the body's {@code toString()} in its message): said again with the operation
   * and the property alone. Any other failure as it is.
   */
  RuntimeException explain(IllegalArgumentException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ModelJson.MissingRequestProperty missing) {
        return new IllegalArgumentException(
            "body of " + operationId + ": " + missing.getMessage(), missing);
      }
    }
    return e;
  }
}
