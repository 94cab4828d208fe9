package dev.cloudflare4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.cloudflare4j.model.IamApiResponseSingleId;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.ResponseInfo;
import dev.cloudflare4j.model.TokenDeleteResponse;
import dev.cloudflare4j.testmodel.Labels;
import dev.cloudflare4j.testmodel.TokenBasePoliciesItem;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON adapters generated for model records (templates/modelAdapter.mustache): found by every
 * Moshi, and in the client's Moshis run in their mode.
 */
class GeneratedAdaptersTest {

  private static final String DELETED =
      "{\"errors\":[],\"messages\":[],\"success\":true,\"result\":{\"id\":\"t1\"}}";

  @Test
  void theClientsMoshisUseTheGeneratedAdapterOfAGeneratedRecord() {
    for (Moshi moshi :
        List.of(MoshiSupport.strict(), MoshiSupport.lenient(), MoshiSupport.requests())) {
      assertThat(moshi.adapter(IamApiResponseSingleId.class).getClass().getName())
          .isEqualTo("dev.cloudflare4j.model.IamApiResponseSingleIdJsonAdapter");
      assertThat(moshi.adapter(Labels.class).getClass().getName())
          .isEqualTo("dev.cloudflare4j.testmodel.LabelsJsonAdapter");
    }
  }

  @Test
  void aPlainMoshiFindsTheGeneratedAdapterAndTakesWhatItGets() throws IOException {
    JsonAdapter<IamApiResponseSingleId> adapter =
        new Moshi.Builder().build().adapter(IamApiResponseSingleId.class);

    assertThat(adapter.toString()).isEqualTo("JsonAdapter(IamApiResponseSingleId).nullSafe()");
    assertThat(adapter.fromJson(DELETED))
        .isEqualTo(
            new IamApiResponseSingleId(
                List.of(), List.of(), true, new TokenDeleteResponse("t1", Map.of()), Map.of()));
    // No required-property check outside the client's answers.
    assertThat(adapter.fromJson("{\"success\":false}"))
        .isEqualTo(new IamApiResponseSingleId(null, null, false, null, Map.of()));
  }

  @Test
  void readsPropertiesByNameKeepsUnknownOnesAndWritesThemBack() throws IOException {
    JsonAdapter<IamApiResponseSingleId> adapter =
        MoshiSupport.strict().adapter(IamApiResponseSingleId.class);

    IamApiResponseSingleId read =
        adapter.fromJson(
            "{\"result\":{\"id\":\"t1\",\"extra\":[1,{}]},\"success\":true,\"unknown\":null,"
                + "\"messages\":[],\"errors\":[{\"code\":7,\"message\":\"m\"}]}");

    // What the schema does not declare is kept, numbers exact, in the order read.
    assertThat(read.result())
        .isEqualTo(
            new TokenDeleteResponse("t1", Map.of("extra", List.of(new BigDecimal("1"), Map.of()))));
    assertThat(read.additionalProperties())
        .containsOnlyKeys("unknown")
        .containsEntry("unknown", null);
    assertThat(adapter.toJson(read)).contains("\"result\":{\"id\":\"t1\",\"extra\":[1,{}]}");
    assertThat(read.success()).isTrue();
    assertThat(read.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo(7));
    assertThat(adapter.fromJson("null")).isNull();
    assertThat(adapter.toJson(adapter.fromJson(DELETED))).isEqualTo(DELETED);
    assertThat(adapter.toJson(null)).isEqualTo("null");
    assertThat(adapter.toJson(new IamApiResponseSingleId(null, List.of(), true, null, Map.of())))
        .isEqualTo("{\"messages\":[],\"success\":true}");
  }

  @Test
  void answersMustHoldTheirRequiredPropertiesFailuresNeedNot() throws IOException {
    String noSuccess = "{\"errors\":[],\"messages\":[],\"result\":null}";

    assertThatThrownBy(
            () -> MoshiSupport.strict().adapter(IamApiResponseSingleId.class).fromJson(noSuccess))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Required property 'success' missing at $");
    assertThatThrownBy(
            () ->
                MoshiSupport.strict()
                    .adapter(IamApiResponseSingleId.class)
                    .fromJson("{\"errors\":[],\"messages\":[],\"success\":true,\"result\":{}}"))
        .hasMessage("Required property 'id' missing at $.result");
    assertThat(MoshiSupport.lenient().adapter(IamApiResponseSingleId.class).fromJson(noSuccess))
        .isEqualTo(new IamApiResponseSingleId(List.of(), List.of(), null, null, Map.of()));
    assertThat(MoshiSupport.requests().adapter(IamApiResponseSingleId.class).fromJson(noSuccess))
        .isEqualTo(new IamApiResponseSingleId(List.of(), List.of(), null, null, Map.of()));
  }

  @Test
  void requestBodiesLeaveReadOnlyPropertiesOutAnswersKeepThem() throws IOException {
    IamTokenBase token = IamTokenBase.builder().id("t1").name("ci").build();

    assertThat(MoshiSupport.requests().adapter(IamTokenBase.class).toJson(token))
        .isEqualTo("{\"name\":\"ci\"}");
    assertThat(MoshiSupport.strict().adapter(IamTokenBase.class).toJson(token))
        .isEqualTo("{\"id\":\"t1\",\"name\":\"ci\"}");
    assertThat(MoshiSupport.lenient().adapter(IamTokenBase.class).toJson(token))
        .isEqualTo("{\"id\":\"t1\",\"name\":\"ci\"}");
  }

  @Test
  void undeclaredPropertiesAreKeptInOrderAndWrittenAfterTheDeclaredOnes() throws IOException {
    JsonAdapter<Labels> adapter = MoshiSupport.lenient().adapter(Labels.class);

    Labels read = adapter.fromJson("{\"b\":\"2\",\"owner\":\"me\",\"a\":\"1\"}");

    assertThat(read.owner()).isEqualTo("me");
    assertThat(read.additionalProperties())
        .containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
    assertThat(adapter.toJson(read)).isEqualTo("{\"owner\":\"me\",\"b\":\"2\",\"a\":\"1\"}");
    assertThat(adapter.fromJson("{}").additionalProperties()).isEmpty();
  }

  @Test
  void recordsKeepNoViewOfTheCollectionsTheyAreGiven() {
    ResponseInfo info = ResponseInfo.builder().code(1003).message("m").build();
    List<ResponseInfo> errors = new ArrayList<>();
    List<ResponseInfo> messages = new ArrayList<>(List.of(info));
    IamApiResponseSingleId envelope =
        IamApiResponseSingleId.builder().errors(errors).messages(messages).success(true).build();
    errors.add(info);
    messages.clear();

    // Empty or not, a list is the record's own, unmodifiable, and answers like the caller's did.
    assertThat(envelope.errors()).isEmpty();
    assertThat(envelope.messages()).containsExactly(info);
    assertThat(envelope.errors().contains(null)).isFalse();
    assertThat(envelope.errors()).isEqualTo(List.of()).hasSameHashCodeAs(List.of());
    assertThatThrownBy(() -> envelope.errors().add(info))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> envelope.messages().add(info))
        .isInstanceOf(UnsupportedOperationException.class);

    Map<String, String> resources = new LinkedHashMap<>();
    Map<String, String> extra = new LinkedHashMap<>(Map.of("a", "1"));
    TokenBasePoliciesItem policy = TokenBasePoliciesItem.builder().resources(resources).build();
    Labels labels = new Labels("me", extra);
    resources.put("zone", "*");
    extra.clear();
    assertThat(policy.resources()).isEmpty();
    assertThat(labels.additionalProperties()).containsExactly(Map.entry("a", "1"));
    assertThat(new Labels("me", new LinkedHashMap<>()).additionalProperties()).isEmpty();
    assertThatThrownBy(() -> policy.resources().put("zone", "*"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> labels.additionalProperties().put("b", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new Labels("me", null).additionalProperties().put("b", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aRecordWithoutItsGeneratedAdapterIsRefusedByName() {
    assertThatThrownBy(() -> MoshiSupport.strict().adapter(Orphan.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Orphan.class.getName())
        .hasMessageContaining("has no generated JSON adapter");
  }

  @Test
  void anAdapterThatCannotBeBuiltSaysWhoseAndWhy() {
    assertThatThrownBy(() -> MoshiSupport.strict().adapter(Broken.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot build the JSON adapter of " + Broken.class)
        .cause()
        .hasMessage("no adapter for you");
  }

  /** Its adapter (GeneratedAdaptersTest_BrokenJsonAdapter) fails in its constructor. */
  @com.squareup.moshi.JsonClass(generateAdapter = true, generator = ModelJson.GENERATOR)
  record Broken(String name) {}

  /** Claims a generated adapter that does not exist. */
  @com.squareup.moshi.JsonClass(generateAdapter = true, generator = ModelJson.GENERATOR)
  record Orphan(String name) {}

  @Test
  void listsSetsAndMapsOfAnyTypeAreReadAsMoshiReadsThemARepeatedKeyIncluded() throws IOException {
    Moshi moshi = MoshiSupport.lenient();
    JsonAdapter<List<String>> list =
        ModelJson.adapter(
            moshi, Types.newParameterizedType(List.class, String.class), ModelJson.Mode.ANSWER);
    JsonAdapter<java.util.Set<String>> set =
        ModelJson.adapter(
            moshi,
            Types.newParameterizedType(java.util.Set.class, String.class),
            ModelJson.Mode.ANSWER);
    JsonAdapter<Map<String, String>> map =
        ModelJson.adapter(
            moshi,
            Types.newParameterizedType(Map.class, String.class, String.class),
            ModelJson.Mode.ANSWER);

    assertThat(list.fromJson("[\"b\",\"a\",\"b\"]")).containsExactly("b", "a", "b");
    assertThat(set.fromJson("[\"b\",\"a\",\"b\"]")).containsExactly("b", "a");
    assertThat(map.fromJson("{\"b\":\"2\",\"a\":null}"))
        .containsExactly(Map.entry("b", "2"), new java.util.AbstractMap.SimpleEntry<>("a", null));
    assertThat(list.fromJson("null")).isNull();
    assertThat(map.toJson(new LinkedHashMap<>(Map.of("a", "1")))).isEqualTo("{\"a\":\"1\"}");
    // Nothing the server sent is silently dropped: Moshi's own map adapter refuses this too.
    for (String twice : List.of("{\"a\":\"1\",\"a\":\"2\"}", "{\"a\":null,\"a\":\"2\"}")) {
      assertThatThrownBy(() -> map.fromJson(twice))
          .isInstanceOf(JsonDataException.class)
          .hasMessage("Map key 'a' has multiple values at path $.a");
    }
    assertThatThrownBy(
            () ->
                new Moshi.Builder()
                    .build()
                    .<Map<String, String>>adapter(
                        Types.newParameterizedType(Map.class, String.class, String.class))
                    .fromJson("{\"a\":\"1\",\"a\":\"2\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageStartingWith("Map key 'a' has multiple values at path $.a");
  }

  @Test
  void aComponentTheRecordDoesNotHaveIsNamed() {
    assertThatThrownBy(() -> ModelJson.componentType(TokenDeleteResponse.class, "name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TokenDeleteResponse has no component name");
  }
}
