package dev.cloudflare4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import dev.cloudflare4j.internal.ModelJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated model reads and writes its own JSON: with a plain {@code new
 * Moshi.Builder().build()}, the example Cloudflare gives each schema of the library's spec and of
 * the four parts of its spec the build compiles is read into the model and written back as it was
 * (properties the schema does not declare and enum values it does not list included), and a model
 * that holds a {@link Secret} is not written at all. An example that contradicts its own schema is
 * Cloudflare's fault, not the model's: it is reported, and must fail to read with a message that
 * names where.
 */
class PlainMoshiExamplesTest {

  private static final Moshi PLAIN = new Moshi.Builder().build();

  static Stream<Arguments> specs() {
    return Stream.of(
        Arguments.of("dev.cloudflare4j.model", "target/openapi/cloudflare.json"),
        Arguments.of("speccheck.apitokens.model", "target/spec-check/api-tokens.json"),
        Arguments.of("speccheck.user.model", "target/spec-check/user.json"),
        Arguments.of("speccheck.radar.model", "target/spec-check/radar.json"),
        Arguments.of("speccheck.zones.model", "target/spec-check/zones.json"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("specs")
  void everyExampleIsReadAndWrittenBackAsItWas(String modelPackage, String prepared)
      throws Exception {
    Map<?, ?> spec =
        (Map<?, ?>)
            ModelJson.JSON_VALUE.fromJson(
                Files.readString(Path.of(prepared), StandardCharsets.UTF_8));
    Map<?, ?> schemas = (Map<?, ?>) ((Map<?, ?>) spec.get("components")).get("schemas");
    int roundTripped = 0;
    int secrets = 0;
    List<String> faults = new ArrayList<>();
    for (Map.Entry<?, ?> schema : schemas.entrySet()) {
      Object example = example((Map<?, ?>) schema.getValue());
      Class<?> model = model(modelPackage + "." + schema.getKey());
      if (example == null || model == null) {
        continue;
      }
      @SuppressWarnings("unchecked")
      JsonAdapter<Object> adapter = (JsonAdapter<Object>) PLAIN.adapter(model);
      String text = ModelJson.JSON_VALUE.toJson(example);
      Object read;
      try {
        read = adapter.fromJson(text);
      } catch (JsonDataException | IOException | IllegalArgumentException e) {
        // The example contradicts its schema: Cloudflare's fault, said where it is.
        assertThat(e.getMessage()).as(schema.getKey() + " fails naming where").contains("$");
        faults.add(schema.getKey() + ": " + e.getMessage());
        continue;
      }
      String written;
      try {
        written = adapter.toJson(read);
      } catch (JsonDataException e) {
        assertThat(e.getMessage()).startsWith("a Secret is not written to JSON");
        assertThat(text).as("the example holds what is refused").isNotEmpty();
        secrets++;
        continue;
      }
      assertThat(normal(ModelJson.JSON_VALUE.fromJson(written)))
          .as("%s written back from %s", schema.getKey(), text)
          .isEqualTo(normal(example));
      roundTripped++;
    }
    System.out.printf(
        "%s: %d examples written back as read, %d holding a secret not written, %d contradicting"
            + " their schema%n",
        prepared, roundTripped, secrets, faults.size());
    faults.forEach(fault -> System.out.println("  spec fault: " + fault));
    assertThat(roundTripped).as("examples written back").isPositive();
    assertThat(faults.size()).as("examples that contradict their schema").isLessThan(roundTripped);
  }

  @org.junit.jupiter.api.Test
  void unknownPropertiesAndEnumValuesRoundTripAndASecretIsNeverWritten() throws IOException {
    JsonAdapter<dev.cloudflare4j.model.IamPolicyWithPermissionGroupsAndResources> policies =
        PLAIN.adapter(dev.cloudflare4j.model.IamPolicyWithPermissionGroupsAndResources.class);
    String policy =
        "{\"effect\":\"audit\",\"id\":\"p1\",\"permission_groups\":[{\"id\":\"g\","
            + "\"added_later\":{\"n\":1.50}}],\"resources\":{\"com.cloudflare.api.account.a\":"
            + "\"*\"},\"condition_added_later\":[true,null,\"x\"]}";

    var read = policies.fromJson(policy);

    assertThat(read.effect().value())
        .isEqualTo(dev.cloudflare4j.model.IamEffect.Value.UNRECOGNIZED);
    assertThat(read.additionalProperties()).containsOnlyKeys("condition_added_later");
    assertThat(policies.toJson(read)).isEqualTo(policy);
    assertThat(policies.toJson(read.toBuilder().build())).isEqualTo(policy);

    JsonAdapter<dev.cloudflare4j.model.IamTokenWithValue> tokens =
        PLAIN.adapter(dev.cloudflare4j.model.IamTokenWithValue.class);
    String secret = "cfat_ThePlainMoshiMustNotWriteThis0123456789abcdef";
    var token = tokens.fromJson("{\"id\":\"t\",\"value\":\"" + secret + "\"}");
    assertThat(token.value().reveal()).isEqualTo(secret);
    assertThat(token.toString()).doesNotContain(secret);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokens.toJson(token))
        .isInstanceOf(JsonDataException.class)
        .hasMessageNotContaining(secret);
  }

  /**
   * The schema's example, else an object of the examples its properties give (radar's schemas give
   * theirs property by property), else null.
   */
  private static Object example(Map<?, ?> schema) {
    if (schema.get("example") != null) {
      return schema.get("example");
    }
    if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
      return null;
    }
    Map<Object, Object> assembled = new LinkedHashMap<>();
    properties.forEach(
        (name, property) -> {
          if (property instanceof Map<?, ?> p
              && p.get("example") != null
              && p.get("$ref") == null) {
            assembled.put(name, p.get("example"));
          }
        });
    return assembled.isEmpty() ? null : assembled;
  }

  private static Class<?> model(String name) {
    try {
      Class<?> type = Class.forName(name);
      return type.isAnnotationPresent(com.squareup.moshi.JsonClass.class) ? type : null;
    } catch (ClassNotFoundException e) {
      // An alias (a string, a list): the model that holds it reads it.
      return null;
    }
  }

  /**
   * A JSON value as equal JSON compares: no null properties (an absent property is written for
   * one), numbers by value, dates and times by the instant or day they name.
   */
  private static Object normal(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> {
            if (v != null) {
              out.put(k, normal(v));
            }
          });
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(normal(v)));
      return out;
    }
    if (value instanceof BigDecimal number) {
      return number.stripTrailingZeros().toPlainString();
    }
    if (value instanceof String text) {
      try {
        return OffsetDateTime.parse(text).toInstant().toString();
      } catch (DateTimeParseException notATime) {
        try {
          return LocalDate.parse(text).toString();
        } catch (DateTimeParseException notADate) {
          return text;
        }
      }
    }
    return value;
  }
}
