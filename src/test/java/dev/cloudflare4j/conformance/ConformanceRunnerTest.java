package dev.cloudflare4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.conformance.ConformanceRunner.Allowed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the conformance runner reads a schema to decide whom a failure is laid on: the client when
 * the schema allows what Prism answered by a type it names, the spec when it names no type there,
 * Prism's answer when the schema allows no such value at all.
 */
class ConformanceRunnerTest {

  private static final String SPEC =
      """
      {"openapi": "3.0.3", "paths": {}, "components": {"schemas": {
        "Envelope": {"type": "object", "properties": {
          "result": {"anyOf": [{"type": "object"}, {"type": "array", "items": {}}]}}},
        "Filter": {"type": "object", "required": ["id", "expression"],
          "properties": {"id": {"type": "string"}, "expression": {"type": "string"}}}
      }}}
      """;

  @Test
  void theKindOfValueTheClientFoundIsReadFromItsMessage() {
    assertThat(ConformanceRunner.valueKind("Expected BEGIN_OBJECT but was STRING at path $.result"))
        .isEqualTo("string");
    assertThat(ConformanceRunner.valueKind("Required property 'expression' missing at $.result"))
        .isEqualTo("object without expression");
    assertThat(ConformanceRunner.valueKind("the body is JSON null")).isEqualTo("null");
    assertThat(ConformanceRunner.valueKind("Expected an int but was 1.5 at path $.a")).isNull();
  }

  @Test
  void aValueIsAllowedByATypeTheSchemaNamesOnlyWhereEveryPartOfAnAllOfAllowsIt(@TempDir Path dir)
      throws IOException {
    ConformanceRunner runner = runner(dir);
    Map<String, Object> answer =
        Map.of(
            "allOf",
            List.of(
                Map.of("$ref", "#/components/schemas/Envelope"),
                Map.of(
                    "properties",
                    Map.of("result", Map.of("$ref", "#/components/schemas/Filter")))));
    List<String> result = List.of("result");

    assertThat(runner.allows(answer, result, "object", 0)).isEqualTo(Allowed.TYPED);
    // The envelope allows an array; the operation's part does not: no such value may be there.
    assertThat(runner.allows(answer, result, "array", 0)).isEqualTo(Allowed.NO);
    assertThat(runner.allows(answer, result, "object without expression", 0)).isEqualTo(Allowed.NO);
    // A oneOf with an alternative that names nothing allows anything, an object lacking what the
    // other alternative requires included.
    Map<String, Object> untypedAlternative =
        Map.of(
            "oneOf",
            List.of(Map.of("$ref", "#/components/schemas/Filter"), Map.of("nullable", true)));
    assertThat(runner.allows(untypedAlternative, List.of(), "object without expression", 0))
        .isEqualTo(Allowed.SILENT);
    // Properties without a type allow a string too, only because no type is named.
    assertThat(runner.allows(Map.of("properties", Map.of()), List.of(), "string", 0))
        .isEqualTo(Allowed.UNTYPED);
    assertThat(runner.allows(Map.of("type", "object"), List.of(), "null", 0)).isEqualTo(Allowed.NO);
    // An object's key that is a number is not an array index.
    List<String> asn = ConformanceRunner.clientPath("Expected a string at path $.result[0].13335");
    assertThat(asn).containsExactly("result", "[0]", "13335");
    Map<String, Object> byAsn =
        Map.of(
            "properties",
            Map.of(
                "result",
                Map.of(
                    "type",
                    "array",
                    "items",
                    Map.of("type", "object", "additionalProperties", Map.of("type", "number")))));
    assertThat(runner.allows(byAsn, asn, "number", 0)).isEqualTo(Allowed.TYPED);
    assertThat(runner.allows(byAsn, List.of("result", "13335"), "number", 0)).isEqualTo(Allowed.NO);
    // A required property that may be null: null there is allowed.
    Map<String, Object> nullable =
        Map.of(
            "type", "object",
            "required", List.of("x"),
            "properties", Map.of("x", Map.of("type", "string", "nullable", true)));
    assertThat(runner.allows(nullable, List.of(), "object without x", 0)).isEqualTo(Allowed.TYPED);
  }

  private static ConformanceRunner runner(Path dir) throws IOException {
    Path spec = dir.resolve("spec.json");
    Files.writeString(spec, SPEC, StandardCharsets.UTF_8);
    return new ConformanceRunner(spec);
  }
}
