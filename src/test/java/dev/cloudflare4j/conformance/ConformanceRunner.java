package dev.cloudflare4j.conformance;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Calls every operation of a spec through its generated interface, with a request built from the
 * spec alone, against a server that serves the same spec (Prism), and says per operation what
 * happened: {@link Outcome#PASSED} (the server accepted the request and the answer was read into
 * the declared Java type), {@link Outcome#REFUSED} (with the server's reason), {@link
 * Outcome#UNREADABLE} (with where the answer broke the type), {@link Outcome#NOT_SENT} (the client
 * refused the request it was given, with why), {@link Outcome#SUCCESS_FALSE} (a 2xx saying {@code
 * success: false}).
 *
 * <p>A request is built from the spec: each parameter's {@code example}, else its schema's, else a
 * value that satisfies the schema (its first enum value, its format, a candidate that matches its
 * pattern and lengths, its minimum); a body from its schema's example, else its required properties
 * (read-only ones aside), recursively. The values are JSON, turned into the method's Java types by
 * the client's own adapters.
 */
public final class ConformanceRunner {

  /** What happened to one operation. */
  public enum Outcome {
    PASSED,
    REFUSED,
    UNREADABLE,
    NOT_SENT,
    /**
     * A 2xx answer whose envelope says {@code success: false}: read, and thrown as the client
     * throws it. Where the spec lets {@code success} be any boolean, Prism's generated answers say
     * false now and then.
     */
    SUCCESS_FALSE
  }

  /** One operation's result: its id, outcome and, unless it passed, why. */
  public record Result(String operationId, Outcome outcome, String why) {}

  private static final Moshi MOSHI = MoshiSupport.lenient();

  private final Map<String, Object> spec;
  private final Map<String, Map<String, Object>> operations = new LinkedHashMap<>();

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
   * Runs every operation of the generated interfaces in {@code apiPackage} through {@code client},
   * in the order of their ids.
   */
  public List<Result> run(CloudflareClient client, String apiPackage) {
    Map<String, Result> results = new TreeMap<>();
    for (Class<?> api : interfaces(apiPackage)) {
      Object generated = client.api(api);
      for (Method method : api.getMethods()) {
        Operation operation = method.getAnnotation(Operation.class);
        if (operation != null && !method.isDefault()) {
          results.put(operation.id(), call(generated, method, operation.id()));
        }
      }
    }
    for (String id : operations.keySet()) {
      results.putIfAbsent(id, new Result(id, Outcome.NOT_SENT, "no generated method"));
    }
    return new ArrayList<>(results.values());
  }

  private Result call(Object generated, Method method, String id) {
    Map<String, Object> operation = operations.get(id);
    CloudflareCall<?> call;
    try {
      Object[] args = arguments(method, operation);
      call = (CloudflareCall<?>) method.invoke(generated, args);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new Result(id, Outcome.NOT_SENT, String.valueOf(cause));
    } catch (IOException | RuntimeException e) {
      return new Result(id, Outcome.NOT_SENT, "no request could be built: " + e);
    }
    try {
      call.execute();
      return new Result(id, Outcome.PASSED, null);
    } catch (CloudflareInvalidDataException e) {
      return new Result(
          id,
          Outcome.UNREADABLE,
          e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    } catch (CloudflareServiceException e) {
      return new Result(
          id, e.statusCode() / 100 == 2 ? Outcome.SUCCESS_FALSE : Outcome.REFUSED, e.getMessage());
    } catch (CloudflareException | IllegalArgumentException | IllegalStateException e) {
      return new Result(id, Outcome.NOT_SENT, e.getMessage());
    }
  }

  /** The method's arguments, each from the spec: a parameter's value, or the body. */
  private Object[] arguments(Method method, Map<String, Object> operation) throws IOException {
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
          rule.in().equals("body") ? body(operation) : parameter(operation, rule.name(), rule.in());
      args[i] = json == null ? null : javaValue(types[i], json);
    }
    return args;
  }

  private static Object javaValue(Type type, Object json) throws IOException {
    if (type == Object.class) {
      return json;
    }
    JsonAdapter<Object> adapter = MOSHI.adapter(type);
    if (type == String.class && !(json instanceof String)) {
      return String.valueOf(json);
    }
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
        if (parameter.containsKey("example")) {
          return parameter.get("example");
        }
        return value(map(parameter.get("schema")), 0, false);
      }
    }
    return null;
  }

  /** A body for the operation: its schema's example, else one built from the schema. */
  private Object body(Map<String, Object> operation) {
    if (!(operation.get("requestBody") instanceof Map<?, ?> requestBody)) {
      return null;
    }
    Map<String, Object> content = map(resolve(requestBody).get("content"));
    for (Map.Entry<String, Object> media : content.entrySet()) {
      Map<String, Object> m = map(media.getValue());
      if (m.containsKey("example")) {
        return m.get("example");
      }
      return value(map(m.get("schema")), 0, true);
    }
    return null;
  }

  /**
   * A JSON value that satisfies a schema: its example; its first enum value; an object of its
   * required properties (in a request, read-only ones aside); a list of one item; a string of its
   * format or pattern; a number at its minimum.
   */
  Object value(Map<String, Object> raw, int depth, boolean request) {
    Map<String, Object> schema = resolve(raw);
    if (depth > 12) {
      return null;
    }
    if (schema.containsKey("example") && !(schema.get("example") instanceof Map<?, ?>)) {
      return schema.get("example");
    }
    if (schema.get("example") instanceof Map<?, ?> example) {
      return example;
    }
    if (schema.get("enum") instanceof List<?> values) {
      return values.stream().filter(Objects::nonNull).findFirst().orElse(null);
    }
    for (String kind : List.of("oneOf", "anyOf")) {
      if (schema.get(kind) instanceof List<?> alternatives && !alternatives.isEmpty()) {
        return value(map(alternatives.get(0)), depth + 1, request);
      }
    }
    Map<String, Object> object = new LinkedHashMap<>();
    boolean isObject = "object".equals(schema.get("type")) || schema.containsKey("properties");
    if (schema.get("allOf") instanceof List<?> parts) {
      for (Object part : parts) {
        Object each = value(map(part), depth + 1, request);
        if (each instanceof Map<?, ?> fields) {
          fields.forEach((k, v) -> object.put(String.valueOf(k), v));
          isObject = true;
        } else if (each != null && !isObject) {
          return each;
        }
      }
    }
    Object type = schema.get("type");
    if (isObject) {
      Map<String, Object> properties = new LinkedHashMap<>();
      collectProperties(schema, properties, 0);
      for (Object name : list(schema.get("required"))) {
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
    if ("string".equals(type)) {
      return string(schema);
    }
    return null;
  }

  /** The properties of a schema and of every part of its allOf, as the generator merges them. */
  private void collectProperties(Map<String, Object> schema, Map<String, Object> into, int depth) {
    if (depth > 12) {
      return;
    }
    for (Object part : list(schema.get("allOf"))) {
      collectProperties(resolve(part), into, depth + 1);
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
    Map<String, Object> schema = map(node);
    for (int hops = 0; schema.get("$ref") instanceof String ref && hops < 32; hops++) {
      Object target = spec;
      for (String part : List.of(ref.substring(2).split("/", -1))) {
        target = map(target).get(part.replace("~1", "/").replace("~0", "~"));
      }
      schema = map(target);
    }
    return schema;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<?> list(Object node) {
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
}
