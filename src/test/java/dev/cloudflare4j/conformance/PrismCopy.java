package dev.cloudflare4j.conformance;

import dev.cloudflare4j.build.SpecTool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The copy of a prepared spec that Prism serves to the conformance runner, adjusted only where
 * Prism misreads OpenAPI 3.0, each adjustment counted in {@link #adjustments()}:
 *
 * <ul>
 *   <li>A property that is both {@code required} and {@code readOnly} is required in answers only
 *       (OpenAPI 3.0, Schema Object, readOnly); Prism requires it in requests too. Each schema a
 *       request body reaches is copied for requests ({@code <Name>InRequest}) without its read-only
 *       properties in {@code required}; answers keep the schemas as they are.
 *   <li>An object property of a {@code multipart/form-data} body is a JSON part (OpenAPI 3.0,
 *       Encoding Object: the default for an object is {@code application/json}); Prism reads every
 *       part as text, and refuses the JSON. There, such a property is written as text.
 *   <li>A JSON answer without a schema allows any body; Prism cannot generate one without a schema,
 *       so it gets the empty schema, which means the same.
 * </ul>
 *
 * <p>The client and the runner read the prepared spec itself; only Prism reads this copy.
 */
final class PrismCopy {

  private static final String SCHEMAS = "#/components/schemas/";
  private static final String SUFFIX = "InRequest";

  private final Map<String, Object> spec;
  private final Map<String, Object> schemas;
  private final List<String> adjustments = new ArrayList<>();
  private int requestSchemas;
  private int readOnlyDropped;

  private PrismCopy(Map<String, Object> spec) {
    this.spec = spec;
    this.schemas = map(map(spec.get("components")).get("schemas"));
  }

  /** Reads a prepared spec, adjusts it and writes it to {@code out}; returns the adjustments. */
  static List<String> write(Path prepared, Path out) throws IOException {
    PrismCopy copy = new PrismCopy(SpecTool.load(prepared));
    copy.adjust();
    SpecTool.write(
        copy.spec, out, "Served by Prism to the conformance runner: " + copy.adjustments);
    return copy.adjustments;
  }

  List<String> adjustments() {
    return adjustments;
  }

  private void adjust() {
    int multipart = 0;
    int[] answers = new int[1];
    for (Object item : map(spec.get("paths")).values()) {
      for (Object operation : map(item).values()) {
        if (operation instanceof Map<?, ?> op) {
          adjustAnswers(map(op.get("responses")), answers);
        }
        if (!(operation instanceof Map<?, ?> op) || !(op.get("requestBody") instanceof Map<?, ?>)) {
          continue;
        }
        Map<String, Object> body = resolve(op.get("requestBody"));
        for (Map.Entry<String, Object> media : map(body.get("content")).entrySet()) {
          Map<String, Object> m = map(media.getValue());
          if (media.getKey().startsWith("multipart/form-data")) {
            multipart += textParts(resolve(m.get("schema")));
          }
          if (m.get("schema") != null) {
            m.put("schema", forRequest(m.get("schema")));
          }
        }
      }
    }
    adjustments.add(
        requestSchemas
            + " schemas copied for requests without "
            + readOnlyDropped
            + " read-only properties in their required lists");
    adjustments.add(multipart + " object parts of multipart bodies read as text");
    adjustments.add(answers[0] + " JSON answers without a schema given one that allows any JSON");
  }

  /**
   * A media type without a schema allows any body (OpenAPI 3.0, Media Type Object); Prism answers
   * 500 "schema is not defined" when asked to generate one: it gets the empty schema, which says
   * the same.
   */
  private void adjustAnswers(Map<String, Object> responses, int[] counts) {
    for (Object each : responses.values()) {
      Map<String, Object> content = map(resolve(each).get("content"));
      for (Map.Entry<String, Object> media : content.entrySet()) {
        if (media.getKey().contains("json") && !map(media.getValue()).containsKey("schema")) {
          map(media.getValue()).put("schema", new LinkedHashMap<>());
          counts[0]++;
        }
      }
    }
  }

  /** Writes each object property of a multipart body's schema as text; returns how many. */
  private int textParts(Map<String, Object> schema) {
    int written = 0;
    Map<String, Object> properties = map(schema.get("properties"));
    for (Map.Entry<String, Object> property : properties.entrySet()) {
      Map<String, Object> resolved = resolve(property.getValue());
      if ("object".equals(resolved.get("type")) || resolved.containsKey("properties")) {
        property.setValue(new LinkedHashMap<>(Map.of("type", "string")));
        written++;
      }
    }
    return written;
  }

  /**
   * The request's view of a schema: each schema it reaches by reference copied once as {@code
   * <Name>InRequest}, with read-only properties left out of every {@code required}.
   */
  private Object forRequest(Object node) {
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(each -> copy.add(forRequest(each)));
      return copy;
    }
    if (!(node instanceof Map<?, ?>)) {
      return node;
    }
    Map<String, Object> schema = map(node);
    if (schema.get("$ref") instanceof String ref && ref.startsWith(SCHEMAS)) {
      String name = ref.substring(SCHEMAS.length());
      if (name.endsWith(SUFFIX)) {
        return schema;
      }
      String copied = name + SUFFIX;
      if (!schemas.containsKey(copied)) {
        // Placed first, so that a schema that reaches itself refers to its copy.
        schemas.put(copied, Map.of());
        schemas.put(copied, forRequest(schemas.get(name)));
        requestSchemas++;
      }
      return new LinkedHashMap<>(Map.of("$ref", SCHEMAS + copied));
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : schema.entrySet()) {
      copy.put(entry.getKey(), forRequest(entry.getValue()));
    }
    if (copy.get("required") instanceof List<?> required) {
      Map<String, Object> properties = new LinkedHashMap<>();
      collectProperties(schema, properties, 0);
      List<Object> kept = new ArrayList<>();
      for (Object name : required) {
        if (Boolean.TRUE.equals(resolve(properties.get(name)).get("readOnly"))) {
          readOnlyDropped++;
        } else {
          kept.add(name);
        }
      }
      if (kept.isEmpty()) {
        copy.remove("required");
      } else {
        copy.put("required", kept);
      }
    }
    return copy;
  }

  private void collectProperties(Map<String, Object> schema, Map<String, Object> into, int depth) {
    // A required list beside a oneOf names properties its alternatives define.
    ConformanceRunner.collectProperties(
        spec, schema, List.of("allOf", "oneOf", "anyOf"), into, depth);
  }

  private Map<String, Object> resolve(Object node) {
    return ConformanceRunner.resolve(spec, node);
  }

  private static Map<String, Object> map(Object node) {
    return ConformanceRunner.map(node);
  }
}
