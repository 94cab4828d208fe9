package dev.cloudflare4j.conformance;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.cloudflare4j.CloudflareCall;
import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.build.SpecTool;
import dev.cloudflare4j.errors.CloudflareException;
import dev.cloudflare4j.errors.CloudflareInvalidDataException;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.internal.MoshiSupport;
import dev.cloudflare4j.internal.Operation;
import dev.cloudflare4j.internal.ParamRule;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Calls every operation of a spec through its generated interface, with a request built from the
 * spec alone, against a server that serves the same spec (Prism), and says per operation what
 * happened: {@link Outcome#PASSED} (the server accepted the request and the answer was read into
 * the declared Java type), {@link Outcome#SPEC_FAULT} (the spec itself is at fault, shown by
 * Prism's own validation of what was exchanged: see {@link Kind}), or {@link Outcome#FAILED} (the
 * request was refused, not sent, or the answer not read, and nothing shows the spec at fault).
 *
 * <p>A request is built from the spec: each parameter's {@code example}, else its schema's, else a
 * value that satisfies the schema (its first enum value, its format, a candidate that matches its
 * pattern and lengths, its minimum); a body from its schema's example, else its required properties
 * (read-only ones aside), recursively. The values are JSON, turned into the method's Java types by
 * the client's own adapters. When a request built from the spec's examples is not sent or is
 * refused, the operation is called again with values built from the schemas alone: if that passes,
 * the examples contradict the schema ({@link Kind#REQUEST_EXAMPLE_BREAKS_SCHEMA}).
 *
 * <p>Prism validates every request and answer it handles against the spec and says what breaks it
 * in an {@code sl-violations} header; {@link #recorder()} keeps the last one, and that is the only
 * evidence a failure is laid on the spec with.
 */
public final class ConformanceRunner {

  /** What happened to one operation. */
  public enum Outcome {
    PASSED,
    SPEC_FAULT,
    /**
     * Prism accepted the request but cannot produce the answer the spec declares: no serializer for
     * its media type, or a generator that crashes on its schema.
     */
    PRISM_LIMIT,
    FAILED
  }

  /** Why an operation did not pass: a failure, or a fault of the spec, each with its reason. */
  public enum Kind {
    REFUSED(Outcome.FAILED, "Prism refused the request, and not for a fault of the spec"),
    UNREADABLE(
        Outcome.FAILED, "an answer that the spec allows was not read into the declared type"),
    NOT_SENT(Outcome.FAILED, "the client did not send the request built from the spec"),
    REQUEST_EXAMPLE_BREAKS_SCHEMA(
        Outcome.SPEC_FAULT,
        "the spec's example of a parameter or body contradicts its schema: the request built from"
            + " it is refused (by the client's types or by Prism), the one built from the schema"
            + " passes"),
    EXAMPLE_ANSWER_BREAKS_SCHEMA(
        Outcome.SPEC_FAULT,
        "the spec's example answer contradicts its own schema where the client broke reading it:"
            + " Prism's validator says so, or the schema allows no value of that kind there"),
    GENERATED_ANSWER_BREAKS_SCHEMA(
        Outcome.SPEC_FAULT,
        "Prism generated an answer that breaks the schema where the client broke reading it:"
            + " Prism's validator says so, or the schema allows no value of that kind there (an"
            + " allOf whose parts disagree on a property's type, of which Prism took one)"),
    UNTYPED_IN_SPEC(
        Outcome.SPEC_FAULT,
        "where the client broke, the spec's schema names no type (properties without type:"
            + " object, or no schema at all), so it allows the value Prism generated (a string"
            + " where the client reads the object Cloudflare answers); Prism says the answer is"
            + " valid"),
    ONE_OF_OVERLAPS(
        Outcome.SPEC_FAULT,
        "a oneOf whose alternatives overlap: the value built from each alternative in turn"
            + " matches more than one of them (Prism says so), so no request can satisfy it"),
    PRISM_CANNOT_ANSWER(
        Outcome.PRISM_LIMIT,
        "Prism accepted the request (no request violation) but has no serializer for the answer's"
            + " media type (multipart/form-data); the client hands such an answer over raw,"
            + " unread"),
    PRISM_GENERATOR_CRASHED(
        Outcome.PRISM_LIMIT,
        "Prism accepted the request (no request violation) but its generator, json-schema-faker,"
            + " crashed on every sample of the answer (Cannot read properties of undefined"
            + " (reading 'items'): an array of objects holding empty objects, under an allOf),"
            + " 10 samples in a row"),
    SUCCESS_MAY_BE_FALSE(
        Outcome.SPEC_FAULT,
        "the 2xx answer's schema lets success be false and Prism generated false; the client reads"
            + " success: false as a failure, as Cloudflare's API means it");

    private final Outcome outcome;
    private final String reason;

    Kind(Outcome outcome, String reason) {
      this.outcome = outcome;
      this.reason = reason;
    }

    public Outcome outcome() {
      return outcome;
    }

    public String reason() {
      return reason;
    }
  }

  /** One operation's result: its id, and unless it passed, the kind of failure and why. */
  public record Result(String operationId, Kind kind, String why) {
    public Outcome outcome() {
      return kind == null ? Outcome.PASSED : kind.outcome();
    }
  }

  private static final Moshi MOSHI = MoshiSupport.lenient();
  private static final JsonAdapter<List<Map<String, Object>>> VIOLATIONS =
      MOSHI.adapter(Types.newParameterizedType(List.class, Map.class));

  private final Map<String, Object> spec;
  private final Map<String, Map<String, Object>> operations = new LinkedHashMap<>();
  private final AtomicReference<List<Map<String, Object>>> violations =
      new AtomicReference<>(List.of());

  /** A runner of the operations of a prepared spec (SpecTool prepare's output). */
  public ConformanceRunner(Path preparedSpec) throws IOException {
    this.spec = SpecTool.load(preparedSpec);
    for (Object path : map(spec.get("paths")).values()) {
      for (Object operation : map(path).values()) {
        if (operation instanceof Map<?, ?> op && op.get("operationId") instanceof String id) {
          // The path's own parameters, then the operation's (which override them).
          Map<String, Object> merged = new LinkedHashMap<>(map(op));
          List<Object> parameters = new ArrayList<>(list(map(path).get("parameters")));
          parameters.addAll(list(op.get("parameters")));
          merged.put("parameters", parameters);
          operations.put(id, merged);
        }
      }
    }
  }

  /** How many operations the spec holds. */
  public int operationCount() {
    return operations.size();
  }

  /**
   * The interceptor to add to the client's {@link okhttp3.OkHttpClient} as a network interceptor:
   * it keeps what Prism said of the last exchange ({@code sl-violations}).
   */
  public Interceptor recorder() {
    return chain -> {
      violations.set(List.of());
      Response response = chain.proceed(chain.request());
      List<Map<String, Object>> said = new ArrayList<>();
      String header = response.header("sl-violations");
      if (header != null) {
        said.addAll(Objects.requireNonNullElse(VIOLATIONS.fromJson(header), List.of()));
      }
      // Where Prism refuses a request itself, it says why in a problem+json body, not the header.
      if (String.valueOf(response.header("Content-Type")).contains("problem+json")) {
        Object problem = MOSHI.adapter(Object.class).fromJson(response.peekBody(1 << 20).string());
        for (Object each : list(map(problem).get("validation"))) {
          Map<String, Object> violation = new LinkedHashMap<>(map(each));
          List<Object> location = new ArrayList<>(List.of("request"));
          location.addAll(list(violation.get("location")));
          violation.put("location", location);
          said.add(violation);
        }
      }
      violations.set(said);
      return response;
    };
  }

  /**
   * Runs every operation of the generated interfaces in {@code apiPackage} through {@code client}
   * (built with {@link #recorder()}), in the order of their ids; {@code dynamic} says whether Prism
   * generates its answers from the schemas or gives the spec's examples.
   */
  public List<Result> run(CloudflareClient client, String apiPackage, boolean dynamic) {
    Map<String, Result> results = new TreeMap<>();
    for (Class<?> api : interfaces(apiPackage)) {
      Object generated = client.api(api);
      for (Method method : api.getMethods()) {
        Operation operation = method.getAnnotation(Operation.class);
        if (operation != null && !method.isDefault()) {
          results.put(operation.id(), call(generated, method, operation.id(), dynamic));
        }
      }
    }
    for (String id : operations.keySet()) {
      results.putIfAbsent(id, new Result(id, Kind.NOT_SENT, "no generated method"));
    }
    return new ArrayList<>(results.values());
  }

  /** What one call did, before it is laid on the client or on the spec. */
  private enum Raw {
    PASSED,
    NOT_SENT,
    REFUSED,
    UNREADABLE,
    SUCCESS_FALSE,
    /** Prism answered 500: it has no serializer for the answer's media type. */
    NO_SERIALIZER,
    /** Prism answered 500: its generator, json-schema-faker, crashed on this sample. */
    GENERATOR_CRASHED
  }

  /**
   * One call's raw result: what happened, why, and what Prism said of the exchange. {@code
   * fromExamples}: the request held one of the spec's examples.
   */
  private record Attempt(
      Raw raw, String why, boolean fromExamples, List<Map<String, Object>> said) {
    boolean requestSide() {
      return fromExamples && (raw == Raw.NOT_SENT || raw == Raw.REFUSED);
    }
  }

  /**
   * Whether a request built from the spec's examples was refused by a rule of the spec: by Prism,
   * by the client enforcing the spec's pattern or lengths, or because the example's JSON is not of
   * the schema's type (the generated type could not hold it). A refusal by a rule of the client's
   * own (a path parameter that is not an identifier) is the client's, however the schema-built
   * request fares.
   */
  private static boolean bySpecRule(Attempt refused) {
    if (refused.raw() == Raw.REFUSED) {
      return true;
    }
    String why = String.valueOf(refused.why());
    return why.contains("must match the pattern")
        || why.contains("characters long")
        || (why.startsWith("no request could be built: ") && why.contains("JsonDataException"));
  }

  private Result call(Object generated, Method method, String id, boolean dynamic) {
    Map<String, Object> operation = operations.get(id);
    Attempt first = attempt(generated, method, operation, true, 0);
    Attempt attempt = first;
    if (attempt.requestSide()) {
      attempt = attempt(generated, method, operation, false, 0);
    }
    // Where a value matched several alternatives of a oneOf, each other alternative in turn.
    for (int choice = 1;
        choice < MAX_ALTERNATIVES
            && attempt.raw() == Raw.REFUSED
            && overlaps(violationsOf(attempt.said(), "request"));
        choice++) {
      attempt = attempt(generated, method, operation, false, choice);
    }
    if (attempt.raw() == Raw.PASSED) {
      if (!first.requestSide() || overlaps(violationsOf(first.said(), "request"))) {
        return new Result(id, null, null);
      }
      return bySpecRule(first)
          ? new Result(id, Kind.REQUEST_EXAMPLE_BREAKS_SCHEMA, withPrism(first.why(), first.said()))
          : new Result(id, Kind.NOT_SENT, "the spec's example was refused: " + first.why());
    }
    return classify(id, operation, attempt, dynamic);
  }

  /** Lays a failed call on the spec where Prism's validation shows the spec at fault. */
  private Result classify(String id, Map<String, Object> operation, Attempt a, boolean dynamic) {
    List<Map<String, Object>> response = violationsOf(a.said(), "response");
    List<Map<String, Object>> request = violationsOf(a.said(), "request");
    String why = withPrism(a.why(), a.said());
    Kind brokenAnswer =
        dynamic ? Kind.GENERATED_ANSWER_BREAKS_SCHEMA : Kind.EXAMPLE_ANSWER_BREAKS_SCHEMA;
    return switch (a.raw()) {
      case UNREADABLE -> {
        // Laid on the answer only where Prism's violation and the client's break are on one
        // branch of the document: one is at or inside the other.
        List<String> broke = clientPath(a.why());
        List<String> where = asPrism(broke);
        boolean related =
            response.stream()
                .filter(v -> location(v).size() >= 2 && location(v).get(1).equals("body"))
                .map(ConformanceRunner::bodyPath)
                .anyMatch(p -> isPrefix(p, where) || isPrefix(where, p));
        if (related) {
          yield new Result(id, brokenAnswer, why);
        }
        String found = valueKind(a.why());
        if (found == null) {
          yield new Result(id, Kind.UNREADABLE, why);
        }
        List<Map<String, Object>> schemas = answerSchemas(operation);
        if (schemas.isEmpty()) {
          // Nothing to read the spec's answer by: the client is not excused.
          yield new Result(id, Kind.UNREADABLE, why);
        }
        Allowed allowed = Allowed.NO;
        for (Map<String, Object> schema : schemas) {
          allowed = allowed.or(allows(schema, broke, found, 0));
        }
        yield new Result(
            id,
            switch (allowed) {
              // The schema allows no such value there: Prism's answer breaks it, unseen by
              // Prism's validator (it is lenient with allOf).
              case NO -> brokenAnswer;
              // Nothing on the way says what is there, or only schemas without a type do.
              case SILENT, UNTYPED -> Kind.UNTYPED_IN_SPEC;
              case TYPED -> Kind.UNREADABLE;
            },
            why);
      }
      case SUCCESS_FALSE ->
          new Result(id, response.isEmpty() ? Kind.SUCCESS_MAY_BE_FALSE : brokenAnswer, why);
      case REFUSED -> new Result(id, overlaps(request) ? Kind.ONE_OF_OVERLAPS : Kind.REFUSED, why);
      case GENERATOR_CRASHED ->
          new Result(id, request.isEmpty() ? Kind.PRISM_GENERATOR_CRASHED : Kind.REFUSED, why);
      case NO_SERIALIZER ->
          new Result(
              id,
              request.isEmpty() && Boolean.TRUE.equals(operation.get(SpecTool.RAW))
                  ? Kind.PRISM_CANNOT_ANSWER
                  : Kind.REFUSED,
              why);
      case NOT_SENT -> new Result(id, Kind.NOT_SENT, why);
      case PASSED -> throw new IllegalStateException(id + " passed");
    };
  }

  /** How many alternatives of each oneOf are tried, at most. */
  private static final int MAX_ALTERNATIVES = 6;

  /**
   * How many times a call is made while Prism's generator crashes: json-schema-faker 0.5 throws at
   * random on some samples ({@code Cannot read properties of undefined (reading 'items')} when
   * cleaning an empty object inside an array of objects under an allOf it has not merged); Prism is
   * started with a fixed seed, so the samples, and the calls repeated, are the same run to run.
   */
  private static final int GENERATOR_ATTEMPTS = 10;

  private Attempt attempt(
      Object generated,
      Method method,
      Map<String, Object> operation,
      boolean examples,
      int choice) {
    Attempt attempt = attemptOnce(generated, method, operation, examples, choice);
    for (int i = 1; i < GENERATOR_ATTEMPTS && attempt.raw() == Raw.GENERATOR_CRASHED; i++) {
      attempt = attemptOnce(generated, method, operation, examples, choice);
    }
    return attempt;
  }

  private Attempt attemptOnce(
      Object generated,
      Method method,
      Map<String, Object> operation,
      boolean examples,
      int choice) {
    Builder builder = new Builder(examples, choice);
    CloudflareCall<?> call;
    try {
      Object[] args = builder.arguments(method, operation);
      call = (CloudflareCall<?>) method.invoke(generated, args);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new Attempt(Raw.NOT_SENT, String.valueOf(cause), builder.usedExample, List.of());
    } catch (IOException | RuntimeException e) {
      return new Attempt(
          Raw.NOT_SENT, "no request could be built: " + e, builder.usedExample, List.of());
    }
    violations.set(List.of());
    Raw raw;
    String why = null;
    try {
      call.execute();
      raw = Raw.PASSED;
    } catch (CloudflareInvalidDataException e) {
      raw = Raw.UNREADABLE;
      why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    } catch (CloudflareServiceException e) {
      why = e.getMessage();
      raw =
          e.statusCode() / 100 == 2
              ? Raw.SUCCESS_FALSE
              : e.statusCode() != 500
                  ? Raw.REFUSED
                  : why.contains("json-schema-faker")
                      ? Raw.GENERATOR_CRASHED
                      : why.contains("Cannot find serializer for multipart/")
                          ? Raw.NO_SERIALIZER
                          : Raw.REFUSED;
    } catch (CloudflareException | IllegalArgumentException | IllegalStateException e) {
      raw = Raw.NOT_SENT;
      why = e.getMessage();
    }
    return new Attempt(raw, why, builder.usedExample, violations.get());
  }

  private static String withPrism(String why, List<Map<String, Object>> said) {
    if (said.isEmpty()) {
      return why;
    }
    StringBuilder text = new StringBuilder(String.valueOf(why)).append("; Prism:");
    for (Map<String, Object> violation : said) {
      text.append(' ')
          .append(String.join(".", location(violation)))
          .append(": ")
          .append(violation.get("message"))
          .append(';');
    }
    return text.substring(0, text.length() - 1);
  }

  /** Prism's violations of the {@code request} or the {@code response}, errors only. */
  private static List<Map<String, Object>> violationsOf(
      List<Map<String, Object>> said, String side) {
    return said.stream()
        .filter(v -> "Error".equals(v.get("severity")))
        .filter(v -> location(v).size() > 0 && side.equals(location(v).get(0)))
        .toList();
  }

  private static List<String> location(Map<String, Object> violation) {
    return list(violation.get("location")).stream().map(String::valueOf).toList();
  }

  /** Where in the body a violation is ({@code response.body.result.0} → [result, 0]), or null. */
  private static List<String> bodyPath(Map<String, Object> violation) {
    List<String> location = location(violation);
    return location.size() >= 2 && location.get(1).equals("body")
        ? location.subList(2, location.size())
        : List.of("(not the body)");
  }

  private static final Pattern JSON_PATH = Pattern.compile("at (?:path )?\\$(\\S*)");

  /**
   * Where the client broke, from its message ({@code at path $.result[0].x} → [result, [0], x]): an
   * array index kept apart from an object's key that is a number ({@code $.asns.13335}).
   */
  static List<String> clientPath(String message) {
    Matcher m = JSON_PATH.matcher(String.valueOf(message));
    if (!m.find()) {
      return List.of();
    }
    List<String> path = new ArrayList<>();
    Matcher step = Pattern.compile("\\[(\\d+)]|\\.([^.\\[]+)").matcher(m.group(1));
    while (step.find()) {
      path.add(step.group(1) != null ? "[" + step.group(1) + "]" : step.group(2));
    }
    return path;
  }

  /** A path as Prism writes it: array indices as plain numbers ({@code [0]} → {@code 0}). */
  private static List<String> asPrism(List<String> path) {
    return path.stream().map(step -> step.replaceAll("^\\[(\\d+)]$", "$1")).toList();
  }

  private static boolean isPrefix(List<String> prefix, List<String> of) {
    return prefix.size() <= of.size() && of.subList(0, prefix.size()).equals(prefix);
  }

  /** Whether Prism refused a request only because it matched several alternatives of a oneOf. */
  private static boolean overlaps(List<Map<String, Object>> request) {
    return !request.isEmpty()
        && request.stream()
            .anyMatch(
                v -> String.valueOf(v.get("message")).contains("exactly one schema in oneOf"));
  }

  /**
   * Whether a schema allows a value of a JSON kind at a place: not at all; the schema says nothing
   * of that place; only because a schema on the way names no type; or by a type it names.
   */
  enum Allowed {
    NO,
    SILENT,
    UNTYPED,
    TYPED;

    /** Either of two alternatives: the more explicit allowance wins. */
    Allowed or(Allowed other) {
      return compareTo(other) >= 0 ? this : other;
    }

    /** Both of two conjuncts: one that says nothing changes nothing; else the weaker wins. */
    Allowed and(Allowed other) {
      if (this == SILENT || other == SILENT) {
        return this == SILENT ? other : this;
      }
      return compareTo(other) <= 0 ? this : other;
    }
  }

  /** The schemas of the operation's 2xx JSON answers. */
  private List<Map<String, Object>> answerSchemas(Map<String, Object> operation) {
    List<Map<String, Object>> schemas = new ArrayList<>();
    for (Map.Entry<String, Object> response : map(operation.get("responses")).entrySet()) {
      if (response.getKey().startsWith("2")) {
        for (Object media : map(resolve(response.getValue()).get("content")).values()) {
          if (map(media).get("schema") != null) {
            schemas.add(resolve(map(media).get("schema")));
          }
        }
      }
    }
    return schemas;
  }

  /** The kind of value found where an object lacks a required property (or holds null there). */
  private static final String LACKING = "object without ";

  /**
   * The kind of JSON value the client found where it broke ({@code but was STRING}; an object
   * without a property it requires; a JSON null body), or null when the message does not say.
   */
  static String valueKind(String message) {
    String text = String.valueOf(message);
    Matcher lacking = Pattern.compile("^Required property '([^']+)' missing at ").matcher(text);
    if (lacking.find()) {
      return LACKING + lacking.group(1);
    }
    if (text.equals("the body is JSON null")) {
      return "null";
    }
    Matcher m = Pattern.compile("but was ([A-Z_]+)").matcher(text);
    if (!m.find()) {
      return null;
    }
    return switch (m.group(1)) {
      case "STRING" -> "string";
      case "BEGIN_ARRAY" -> "array";
      case "BEGIN_OBJECT" -> "object";
      case "NUMBER" -> "number";
      case "BOOLEAN" -> "boolean";
      case "NULL" -> "null";
      default -> null;
    };
  }

  /**
   * Whether {@code schema} allows a value of {@code kind} at {@code path} (JSON Schema's reading).
   */
  Allowed allows(Map<String, Object> raw, List<String> path, String kind, int depth) {
    Map<String, Object> schema = resolve(raw);
    if (depth > 24 || kind == null) {
      return Allowed.NO;
    }
    Allowed allowed = Allowed.SILENT;
    for (Object part : list(schema.get("allOf"))) {
      allowed = allowed.and(allows(map(part), path, kind, depth + 1));
    }
    for (String union : List.of("oneOf", "anyOf")) {
      if (!list(schema.get(union)).isEmpty()) {
        Allowed any = Allowed.NO;
        for (Object alternative : list(schema.get(union))) {
          any = any.or(allows(map(alternative), path, kind, depth + 1));
        }
        allowed = allowed.and(any);
      }
    }
    return allowed.and(ownAllowance(schema, path, kind, depth));
  }

  /** What a schema's own keywords (its allOf and unions aside) allow at a place. */
  private Allowed ownAllowance(
      Map<String, Object> schema, List<String> path, String kind, int depth) {
    Object type = schema.get("type");
    if (path.isEmpty() && kind.startsWith(LACKING)) {
      // An object without a property, or with null there (the client's message does not say
      // which): refused where the schema requires it and it may not be null, else allowed as an
      // object is.
      String name = kind.substring(LACKING.length());
      Map<String, Object> property = resolve(map(schema.get("properties")).get(name));
      if (list(schema.get("required")).contains(name)
          && !Boolean.TRUE.equals(property.get("nullable"))) {
        return Allowed.NO;
      }
      return ownAllowance(schema, path, "object", depth);
    }
    if (path.isEmpty()) {
      if (type == null) {
        boolean says =
            schema.containsKey("properties")
                || schema.containsKey("items")
                || schema.containsKey("required");
        return says ? Allowed.UNTYPED : Allowed.SILENT;
      }
      boolean matches =
          type.equals(kind)
              || ("number".equals(kind) && "integer".equals(type))
              || ("null".equals(kind) && Boolean.TRUE.equals(schema.get("nullable")));
      return matches ? Allowed.TYPED : Allowed.NO;
    }
    String step = path.get(0);
    List<String> rest = path.subList(1, path.size());
    boolean index = step.startsWith("[");
    if (type != null && !type.equals(index ? "array" : "object")) {
      return Allowed.NO;
    }
    Object inside =
        index
            ? schema.get("items")
            : map(schema.get("properties")).containsKey(step)
                ? map(schema.get("properties")).get(step)
                : schema.get("additionalProperties");
    return inside instanceof Map<?, ?> m && !m.isEmpty()
        ? allows(map(inside), rest, kind, depth + 1)
        : Allowed.SILENT;
  }

  /** Builds one request's values from the spec: with the spec's examples, or from schemas alone. */
  private final class Builder {
    private final boolean examples;
    private final int choice;
    private boolean usedExample;

    /** {@code choice}: which alternative of each oneOf or anyOf to build, in turn. */
    Builder(boolean examples, int choice) {
      this.examples = examples;
      this.choice = choice;
    }

    /**
     * The method's arguments, each from the spec: a parameter's value, a form part, or the body.
     */
    Object[] arguments(Method method, Map<String, Object> operation) throws IOException {
      Type[] types = method.getGenericParameterTypes();
      Annotation[][] annotations = method.getParameterAnnotations();
      Object[] args = new Object[types.length];
      for (int i = 0; i < types.length; i++) {
        ParamRule rule = null;
        for (Annotation annotation : annotations[i]) {
          if (annotation instanceof ParamRule r) {
            rule = r;
          }
        }
        if (rule == null) {
          continue;
        }
        Object json =
            switch (rule.in()) {
              case "body" -> body(operation);
              case "form" -> formPart(operation, rule.name());
              default -> parameter(operation, rule.name(), rule.in());
            };
        args[i] = json == null ? null : javaValue(types[i], json);
      }
      return args;
    }

    private Object javaValue(Type type, Object json) throws IOException {
      if (type == Object.class) {
        return json;
      }
      if (type == RequestBody.class) {
        return RequestBody.create(String.valueOf(json), MediaType.get("text/plain"));
      }
      if (type == String.class && !(json instanceof String)) {
        return String.valueOf(json);
      }
      JsonAdapter<Object> adapter = MOSHI.adapter(type);
      return adapter.fromJsonValue(json);
    }

    /** A value for a parameter, or null for an optional one. */
    private Object parameter(Map<String, Object> operation, String name, String in) {
      List<?> parameters = new ArrayList<>(list(operation.get("parameters")));
      java.util.Collections.reverse(parameters);
      for (Object each : parameters) {
        Map<String, Object> parameter = resolve(each);
        if (name.equals(parameter.get("name")) && in.equals(parameter.get("in"))) {
          if (!Boolean.TRUE.equals(parameter.get("required"))) {
            return null;
          }
          if (examples && parameter.containsKey("example")) {
            usedExample = true;
            return parameter.get("example");
          }
          return value(map(parameter.get("schema")), 0, false);
        }
      }
      return null;
    }

    /** A body for the operation: its schema's example, else one built from the schema. */
    private Object body(Map<String, Object> operation) {
      for (Map.Entry<String, Object> media : bodyContent(operation).entrySet()) {
        Map<String, Object> m = map(media.getValue());
        if (examples && m.containsKey("example")) {
          usedExample = true;
          return m.get("example");
        }
        return value(map(m.get("schema")), 0, true);
      }
      return null;
    }

    /**
     * A part of a multipart body: each required property of its schema, and every property where
     * none is required (a multipart body must have a part).
     */
    private Object formPart(Map<String, Object> operation, String name) {
      for (Object media : bodyContent(operation).values()) {
        Map<String, Object> schema = resolve(map(media).get("schema"));
        Map<String, Object> properties = new LinkedHashMap<>();
        collectProperties(schema, properties, 0);
        List<?> required = list(schema.get("required"));
        if (properties.containsKey(name) && (required.isEmpty() || required.contains(name))) {
          return value(map(properties.get(name)), 1, true);
        }
      }
      return null;
    }

    /**
     * A JSON value that satisfies a schema: its example (when examples are used); its first enum
     * value; an object of its required properties, of its allOf parts too (in a request, read-only
     * ones aside); a list of one item; a string of its format or pattern; a number at its minimum;
     * a string where the schema says nothing of the value.
     */
    Object value(Map<String, Object> raw, int depth, boolean request) {
      Map<String, Object> schema = resolve(raw);
      if (depth > 12) {
        return null;
      }
      if (examples && schema.containsKey("example")) {
        usedExample = true;
        return schema.get("example");
      }
      if (schema.get("enum") instanceof List<?> values) {
        return values.stream().filter(Objects::nonNull).findFirst().orElse(null);
      }
      for (String kind : List.of("oneOf", "anyOf")) {
        if (schema.get(kind) instanceof List<?> alternatives && !alternatives.isEmpty()) {
          Object value =
              value(map(alternatives.get(choice % alternatives.size())), depth + 1, request);
          // What tells an object alternative apart is often an optional property with an enum.
          if (value instanceof Map<?, ?> object) {
            Map<String, Object> told = new LinkedHashMap<>(map(object));
            Map<String, Object> properties = new LinkedHashMap<>();
            collectProperties(
                resolve(alternatives.get(choice % alternatives.size())), properties, 0);
            properties.forEach(
                (name, property) -> {
                  if (resolve(property).get("enum") instanceof List<?> values
                      && !values.isEmpty()) {
                    told.putIfAbsent(name, values.get(0));
                  }
                });
            return told;
          }
          return value;
        }
      }
      Map<String, Object> properties = new LinkedHashMap<>();
      collectProperties(schema, properties, 0);
      Set<Object> required = new LinkedHashSet<>();
      collectRequired(schema, required, 0);
      Object type = type(schema, 0);
      if ("object".equals(type) || !properties.isEmpty() || !required.isEmpty()) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (Object name : required) {
          Map<String, Object> property = resolve(properties.getOrDefault(name, Map.of()));
          if (request && Boolean.TRUE.equals(property.get("readOnly"))) {
            continue;
          }
          object.put(String.valueOf(name), value(property, depth + 1, request));
        }
        return object;
      }
      if ("array".equals(type)) {
        List<Object> items = new ArrayList<>();
        Object item = value(map(schema.getOrDefault("items", Map.of())), depth + 1, request);
        if (item != null) {
          items.add(item);
        }
        return items;
      }
      if ("integer".equals(type) || "number".equals(type)) {
        return schema.get("minimum") instanceof Number min ? min : 1;
      }
      if ("boolean".equals(type)) {
        return true;
      }
      return string(schema);
    }

    /** The schema's type, or its allOf parts' (the first that gives one). */
    private Object type(Map<String, Object> schema, int depth) {
      if (schema.containsKey("type") || depth > 12) {
        return schema.get("type");
      }
      for (Object part : list(schema.get("allOf"))) {
        Object type = type(resolve(part), depth + 1);
        if (type != null) {
          return type;
        }
      }
      return null;
    }
  }

  private Map<String, Object> bodyContent(Map<String, Object> operation) {
    return map(resolve(operation.get("requestBody")).get("content"));
  }

  /** The required properties of a schema and of every part of its allOf. */
  private void collectRequired(Map<String, Object> schema, Set<Object> into, int depth) {
    if (depth > 12) {
      return;
    }
    for (Object part : list(schema.get("allOf"))) {
      collectRequired(resolve(part), into, depth + 1);
    }
    into.addAll(list(schema.get("required")));
  }

  /** The properties of a schema and of every part of its allOf, as the generator merges them. */
  private void collectProperties(Map<String, Object> schema, Map<String, Object> into, int depth) {
    collectProperties(spec, schema, List.of("allOf"), into, depth);
  }

  /**
   * The properties of a schema of {@code document} and of every part of its {@code through}
   * keywords ({@code allOf}; or {@code oneOf} and {@code anyOf} too), into {@code into}.
   */
  static void collectProperties(
      Map<String, Object> document,
      Map<String, Object> schema,
      List<String> through,
      Map<String, Object> into,
      int depth) {
    if (depth > 12) {
      return;
    }
    for (String keyword : through) {
      for (Object part : list(schema.get(keyword))) {
        collectProperties(document, resolve(document, part), through, into, depth + 1);
      }
    }
    into.putAll(map(schema.get("properties")));
  }

  /** Candidates for a string, tried against its pattern and lengths in this order. */
  private static final List<String> CANDIDATES =
      List.of(
          "023e105f4ecef8ad9ca31a8372d0c353",
          "f174e90a-fafe-4643-bbbc-4a0ed4fc8415",
          "example.com",
          "example",
          "192.0.2.1",
          "2001:db8::1",
          "192.0.2.0/24",
          "1",
          "a",
          "A");

  private static String string(Map<String, Object> schema) {
    String format = String.valueOf(schema.get("format"));
    String formatted =
        switch (format) {
          case "date-time" -> "2026-01-01T00:00:00Z";
          case "date" -> "2026-01-01";
          case "uuid" -> "f174e90a-fafe-4643-bbbc-4a0ed4fc8415";
          case "email" -> "user@example.com";
          case "uri", "url" -> "https://example.com/";
          case "ipv4" -> "192.0.2.1";
          case "ipv6" -> "2001:db8::1";
          default -> null;
        };
    if (formatted != null) {
      return formatted;
    }
    int min = schema.get("minLength") instanceof Number n ? n.intValue() : 0;
    int max = schema.get("maxLength") instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
    Pattern pattern =
        schema.get("pattern") instanceof String p ? Pattern.compile(p) : Pattern.compile("");
    for (String candidate : CANDIDATES) {
      String sized =
          candidate.length() < min ? candidate + "a".repeat(min - candidate.length()) : candidate;
      if (sized.length() <= max && pattern.matcher(sized).find()) {
        return sized;
      }
    }
    return "a".repeat(Math.max(1, min));
  }

  private Map<String, Object> resolve(Object node) {
    return resolve(spec, node);
  }

  /** A node of {@code document} with its {@code $ref}s followed (up to 32 hops). */
  static Map<String, Object> resolve(Map<String, Object> document, Object node) {
    Map<String, Object> schema = map(node);
    for (int hops = 0; schema.get("$ref") instanceof String ref && hops < 32; hops++) {
      Object target = document;
      for (String part : List.of(ref.substring(2).split("/", -1))) {
        target = map(target).get(part.replace("~1", "/").replace("~0", "~"));
      }
      schema = map(target);
    }
    return schema;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node) {
    return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static List<?> list(Object node) {
    return node instanceof List<?> l ? l : List.of();
  }

  /**
   * The generated interfaces of a package, as compiled on the class path: in a directory, or in a
   * jar (Failsafe puts the packaged library on it).
   */
  static List<Class<?>> interfaces(String apiPackage) {
    String folder = apiPackage.replace('.', '/');
    try {
      URI uri =
          Objects.requireNonNull(
                  ConformanceRunner.class.getClassLoader().getResource(folder),
                  apiPackage + " is not on the class path")
              .toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return interfaces(apiPackage, jar.getPath(folder));
        }
      }
      return interfaces(apiPackage, Path.of(uri));
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot list " + apiPackage, e);
    }
  }

  private static List<Class<?>> interfaces(String apiPackage, Path dir) throws IOException {
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$")) {
          try {
            Class<?> type = Class.forName(apiPackage + "." + name.replace(".class", ""));
            if (type.isInterface()) {
              found.add(type);
            }
          } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name, e);
          }
        }
      }
    }
    return found;
  }

  /** Counts per outcome, in the enum's order. */
  public static Map<Outcome, Long> counts(List<Result> results) {
    Map<Outcome, Long> counts = new LinkedHashMap<>();
    for (Outcome outcome : Outcome.values()) {
      counts.put(outcome, results.stream().filter(r -> r.outcome() == outcome).count());
    }
    return counts;
  }

  /**
   * A run's report: a first line of counts per outcome, then per kind, each operation that did not
   * pass with why.
   */
  public static String report(String title, List<Result> results) {
    StringBuilder report = new StringBuilder(title).append(": ").append(counts(results));
    report.append('\n');
    for (Kind kind : Kind.values()) {
      List<Result> of = results.stream().filter(r -> r.kind() == kind).toList();
      if (!of.isEmpty()) {
        report.append("\n").append(kind).append(" (").append(kind.outcome()).append(", ");
        report.append(of.size()).append("): ").append(kind.reason()).append('\n');
        for (Result result : of) {
          report.append("  ").append(result.operationId()).append(": ").append(result.why());
          report.append('\n');
        }
      }
    }
    return report.toString();
  }
}
