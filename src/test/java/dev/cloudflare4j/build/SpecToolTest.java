package dev.cloudflare4j.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SpecTool, with fixtures built from the test inputs in src/test/cloudflare-spec: the build's
 * prepare step (schema-less bodies, overlay) and the refresh (slice and report).
 */
class SpecToolTest {

  private static final Path INPUTS = Path.of("src/test/cloudflare-spec");

  /**
   * The token operations as Cloudflare's text has them: a fixed input, so that no test pins what
   * openapi/ holds (adding an operation there, as the README says, must leave these green).
   */
  private static final Path TOKENS = INPUTS.resolve("api-tokens.yaml");

  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Map<String, Object> node, String... keys) {
    Object value = node;
    for (String key : keys) {
      value = ((Map<String, Object>) value).get(key);
    }
    return (Map<String, Object>) value;
  }

  @Test
  void eachOperationWithArgumentsGetsAParamsTypeAndKeepsWhatItActsOnPositional()
      throws IOException {
    Map<String, Object> spec = SpecTool.load(TOKENS);
    SpecTool.dropSchemalessBodies(spec);
    at(spec, "paths", "/accounts/{account_id}/tokens", "get")
        .put(SpecTool.PARAMS, "TokenListParams");

    int named = SpecTool.nameParams(spec);

    // Nine of the eleven: the user's Verify Token takes nothing, and the user's Delete Token
    // nothing besides the token id.
    assertThat(named).isEqualTo(9);
    // The overlay's name is kept; the account is a scope, not positional.
    Map<String, Object> list = at(spec, "paths", "/accounts/{account_id}/tokens", "get");
    assertThat(list).containsEntry(SpecTool.PARAMS, "TokenListParams");
    assertThat(positional(list)).isEmpty();
    // The token id stays a separate argument: a copy of the shared parameter is marked.
    Map<String, Object> update =
        at(spec, "paths", "/accounts/{account_id}/tokens/{token_id}", "put");
    assertThat(update)
        .containsEntry(SpecTool.PARAMS, "AccountApiTokensUpdateTokenParams")
        .containsEntry("x-codegen-request-body-name", "body");
    assertThat(positional(update)).containsExactly("token_id");
    Map<String, Object> userDelete = at(spec, "paths", "/user/tokens/{token_id}", "delete");
    assertThat(userDelete).doesNotContainKey(SpecTool.PARAMS);
    assertThat(positional(userDelete)).containsExactly("token_id");
    // Once is enough: a second run changes nothing.
    Map<String, Object> twice = SpecTool.load(TOKENS);
    SpecTool.dropSchemalessBodies(twice);
    at(twice, "paths", "/accounts/{account_id}/tokens", "get")
        .put(SpecTool.PARAMS, "TokenListParams");
    SpecTool.nameParams(twice);
    assertThat(SpecTool.nameParams(twice)).isEqualTo(9);
    assertThat(twice).isEqualTo(spec);
  }

  @Test
  void theZoneOrAccountAPathIsUnderIsAScopeWhateverItsName() throws IOException {
    Map<String, Object> zones = SpecTool.load(INPUTS.resolve("zones.yaml"));
    SpecTool.dropSchemalessBodies(zones);

    SpecTool.nameParams(zones);

    // zone_identifier after /zones/ scopes; the rule it creates has no id yet: no positional.
    String rules = "/zones/{zone_identifier}/email/routing/rules";
    assertThat(positional(at(zones, "paths", rules, "post"))).isEmpty();
    assertThat(positional(at(zones, "paths", rules))).isEmpty();
    String content = "/zones/{zone_identifier}/snippets/{snippet_name}/content";
    List<Object> marked = new ArrayList<>(positional(at(zones, "paths", content, "get")));
    marked.addAll(positional(at(zones, "paths", content)));
    assertThat(marked).containsExactly("snippet_name");
    assertThat(at(zones, "paths", rules, "post"))
        .containsEntry(SpecTool.PARAMS, "EmailRoutingRoutingRulesCreateRoutingRuleParams");
  }

  @Test
  void aSharedParameterIsCopiedBeforeItIsMarkedAndABodyNameThatIsTakenMovesAside() {
    Map<String, Object> shared = new LinkedHashMap<>(Map.of("name", "rule_id", "in", "path"));
    Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "body", "in", "query"));
    Map<String, Object> update = new LinkedHashMap<>();
    update.put("operationId", "rules-update");
    update.put(
        "parameters",
        new ArrayList<>(List.of(Map.of("$ref", "#/components/parameters/rule"), body)));
    update.put("requestBody", Map.of("content", Map.of()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "paths",
        Map.of("/zones/{zone_id}/rules/{rule_id}", new LinkedHashMap<>(Map.of("put", update))));
    spec.put("components", Map.of("parameters", Map.of("rule", shared)));

    assertThat(SpecTool.nameParams(spec)).isEqualTo(1);

    assertThat(shared).doesNotContainKey(SpecTool.POSITIONAL);
    assertThat(positional(update)).containsExactly("rule_id");
    assertThat(update)
        .containsEntry(SpecTool.PARAMS, "RulesUpdateParams")
        .containsEntry("x-codegen-request-body-name", "requestBody");
  }

  /** A copy of a document built with Map.of and List.of that the tool can change. */
  @SuppressWarnings("unchecked")
  private static <T> T mutable(T node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), mutable(v)));
      return (T) copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(mutable(v)));
      return (T) copy;
    }
    return node;
  }

  /** The names of the parameters of an operation marked as what it acts on. */
  private static List<Object> positional(Map<String, Object> operation) {
    List<Object> names = new ArrayList<>();
    if (operation.get("parameters") instanceof List<?> parameters) {
      for (Object each : parameters) {
        if (each instanceof Map<?, ?> parameter
            && Boolean.TRUE.equals(parameter.get(SpecTool.POSITIONAL))) {
          names.add(parameter.get("name"));
        }
      }
    }
    return names;
  }

  @Test
  void prepareDropsOnlySchemalessBodiesAndAppliesTheOverlay() throws IOException {
    Path out = dir.resolve("prepared.yaml");

    SpecTool.prepare(Path.of("openapi/cloudflare.yaml"), Path.of("openapi/overlay.yaml"), out);

    Map<String, Object> spec = SpecTool.load(out);
    assertThat(at(spec, "paths", "/accounts/{account_id}/tokens/{token_id}", "delete"))
        .doesNotContainKey("requestBody")
        .containsKey("responses");
    assertThat(at(spec, "paths", "/user/tokens/{token_id}", "delete"))
        .doesNotContainKey("requestBody");
    assertThat(at(spec, "paths", "/accounts/{account_id}/tokens", "post"))
        .containsKey("requestBody");
    assertThat(at(spec, "paths", "/accounts/{account_id}/tokens/{token_id}/value", "put"))
        .containsKey("requestBody");
    // The overlay's correction, on the type its name gives the inline schema.
    assertThat(at(spec, "components", "schemas", "IamMessages2", "items"))
        .isEqualTo(Map.of("$ref", "#/components/schemas/ResponseInfo"));
    assertThat(at(spec, "components", "schemas", "ResponseInfo", "properties"))
        .containsKeys("code", "message", "documentation_url", "source", "error_chain");
    // Everything else is Cloudflare's text as it was, under the types' names.
    Map<String, Object> original = SpecTool.load(Path.of("openapi/cloudflare.yaml"));
    Map<String, Object> resources = at(spec, "components", "schemas", "IamResources");
    assertThat(resources.toString())
        .isEqualTo(
            at(original, "components", "schemas", "iam_resources")
                .toString()
                .replace("iam_resources_type_object_string", "IamResourcesTypeObjectString")
                .replace("iam_resources_type_object_nested", "IamResourcesTypeObjectNested"));
    assertThat(Files.readString(out)).startsWith("# Generated from cloudflare.yaml");
    // The build writes JSON (no YAML size limit for the generator): the same document.
    Path json = dir.resolve("prepared.json");
    SpecTool.prepare(Path.of("openapi/cloudflare.yaml"), Path.of("openapi/overlay.yaml"), json);
    assertThat(Files.readString(json)).startsWith("{\"openapi\":\"3.0.3\"");
    assertThat(SpecTool.load(json)).isEqualTo(spec);
  }

  @Test
  void shapeNamesEveryTypeAndWritesWhatEachCallYields() throws IOException {
    Map<String, Object> spec = SpecTool.load(Path.of("openapi/cloudflare.yaml"));
    SpecTool.dropSchemalessBodies(spec);
    SpecTool.applyOverlay(spec, SpecTool.load(Path.of("openapi/overlay.yaml")));
    Map<String, Object> inline = new LinkedHashMap<>();
    inline.put("type", "object");
    Map<String, Object> text =
        Map.of("200", Map.of("content", Map.of("text/csv", Map.of("schema", inline))));
    at(spec, "paths")
        .put(
            "/accounts/{account_id}/export",
            Map.of("get", new LinkedHashMap<>(Map.of("operationId", "export", "responses", text))));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("type", "object");
    answer.put("properties", Map.of("rows", Map.of("type", "integer")));
    at(spec, "paths")
        .put(
            "/accounts/{account_id}/count",
            Map.of(
                "get",
                new LinkedHashMap<>(
                    Map.of(
                        "operationId",
                        "count-rows",
                        "responses",
                        Map.of(
                            "200",
                            Map.of(
                                "content",
                                Map.of("application/json", Map.of("schema", answer))))))));

    spec = mutable(spec);
    int envelopes = SpecTool.shape(spec);

    // Every operation that answers an envelope says so, and is counted (the token operations
    // all do; openapi/ may hold more).
    int said = 0;
    for (Map.Entry<String, Object> path : at(spec, "paths").entrySet()) {
      for (Object operation : at(spec, "paths", path.getKey()).values()) {
        if (operation instanceof Map<?, ?> op && op.containsKey(SpecTool.ENVELOPE)) {
          said++;
        }
      }
    }
    assertThat(envelopes).isEqualTo(said).isGreaterThanOrEqualTo(11);
    // Components take their Java names.
    assertThat(at(spec, "components", "schemas"))
        .containsKeys("IamTokenBase", "IamApiResponseSingleId", "TokenDeleteResponse")
        .doesNotContainKeys("iam_token_base", "iam_api-response-single-id");
    // The overlay names the inline result of Delete Token; the call yields it.
    assertThat(at(spec, "paths", "/accounts/{account_id}/tokens/{token_id}", "delete"))
        .containsEntry(SpecTool.RESULT, "TokenDeleteResponse")
        .containsEntry(SpecTool.ENVELOPE, "IamApiResponseSingleId");
    // The envelope's schema says it too: its model implements Envelope<TokenDeleteResponse>.
    assertThat(at(spec, "components", "schemas", "IamApiResponseSingleId"))
        .containsEntry(SpecTool.RESULT, "TokenDeleteResponse");
    assertThat(at(spec, "paths", "/accounts/{account_id}/tokens/permission_groups", "get"))
        .containsEntry(SpecTool.RESULT, "List<PermissionGroupListResponse>");
    assertThat(at(spec, "paths", "/accounts/{account_id}/tokens/{token_id}/value", "put"))
        .containsEntry(SpecTool.RESULT, "dev.cloudflare4j.Secret");
    // An answer that is no envelope is the value itself; an inline one is named after its call.
    assertThat(at(spec, "paths", "/accounts/{account_id}/export", "get"))
        .containsEntry(SpecTool.RESULT, "Object")
        .doesNotContainKey(SpecTool.ENVELOPE);
    assertThat(at(spec, "paths", "/accounts/{account_id}/count", "get"))
        .containsEntry(SpecTool.RESULT, "CountRowsResponse");
    assertThat(at(spec, "components", "schemas", "CountRowsResponse")).isEqualTo(answer);
  }

  @Test
  void typesAreNamedByOneRuleThatARefreshAddingSchemasKeeps() throws IOException {
    Path prepared = dir.resolve("zones.json");
    SpecTool.prepare(INPUTS.resolve("zones.yaml"), null, prepared);
    Map<String, Object> schemas = at(SpecTool.load(prepared), "components", "schemas");

    // The area is said once: dns-records_dns-record, not DnsRecordsDnsRecord; where the name
    // does not repeat it, the area stays (dns-records_ttl).
    assertThat(schemas)
        .containsKeys("DnsRecord", "DnsRecordsTtl", "DnsRecordsARecord")
        .doesNotContainKeys("DnsRecordsDnsRecord");
    // An alternative is named by its schema's name without what it shares with the union's.
    assertThat(at(schemas, "DnsRecordsARecord")).containsEntry(SpecTool.ALTERNATIVE, "ARecord");
    // An inline alternative by its type or its one value, not AnyOf0 and AnyOf1.
    assertThat(alternatives(at(schemas, "DnsRecordsTtl"), "anyOf"))
        .containsExactly("Number", "Value1");
    // An inline object alternative by the property only it has, hoisted as <Union><Name>.
    assertThat(alternatives(at(schemas, "WaitingroomRulePosition"), "oneOf"))
        .containsExactly(
            "#/components/schemas/WaitingroomRulePositionIndex",
            "#/components/schemas/WaitingroomRulePositionBefore",
            "#/components/schemas/WaitingroomRulePositionAfter");
    assertThat(at(schemas, "WaitingroomRulePositionBefore"))
        .containsEntry(SpecTool.ALTERNATIVE, "Before");
    // An inline type inside a component is named after its place: the result of an envelope,
    // not CachePurgeApiResponseSingleIdAllOfResult; an operation's failure answer, not
    // DnsRecordsForAZoneDeleteDnsRecord4xxResponse.
    assertThat(schemas)
        .containsKeys(
            "CachePurgeApiResponseSingleIdResult",
            "DnsRecordsForAZoneDeleteDnsRecordFailure",
            "DnsRecordsForAZoneDeleteDnsRecordFailureResult");
    // No inline type is left for the generator to name (…AllOf…, …OneOf…, …Inner).
    List<String> inline = new ArrayList<>();
    schemas.forEach((name, schema) -> inlineTypes(schema, name, true, inline));
    assertThat(inline).isEmpty();

    // A refresh that adds schemas, in another area and in this one, renames none of these.
    Map<String, Object> refreshed = SpecTool.load(INPUTS.resolve("zones.yaml"));
    Map<String, Object> added = new LinkedHashMap<>();
    added.put(
        "aaa_ttl", Map.of("type", "object", "properties", Map.of("a", Map.of("type", "string"))));
    added.put(
        "dns-records_record",
        Map.of("type", "object", "properties", Map.of("b", Map.of("type", "string"))));
    added.putAll(at(refreshed, "components", "schemas"));
    at(refreshed, "components").put("schemas", added);
    Path again = dir.resolve("refreshed.yaml");
    SpecTool.write(refreshed, again, "refreshed");
    SpecTool.prepare(again, null, dir.resolve("refreshed.json"));
    Map<String, Object> after =
        at(SpecTool.load(dir.resolve("refreshed.json")), "components", "schemas");
    assertThat(after.keySet()).containsAll(schemas.keySet()).contains("AaaTtl", "DnsRecordsRecord");
  }

  /** The alternatives of a union: each one's name, or the reference of a hoisted one. */
  private static List<Object> alternatives(Map<String, Object> union, String kind) {
    List<Object> names = new ArrayList<>();
    for (Object alternative : (List<?>) union.get(kind)) {
      Map<?, ?> each = (Map<?, ?>) alternative;
      names.add(each.containsKey("$ref") ? each.get("$ref") : each.get(SpecTool.ALTERNATIVE));
    }
    return names;
  }

  /** Collects the places inside a component where an object with properties is still inline. */
  private static void inlineTypes(Object node, String where, boolean top, List<String> out) {
    if (node instanceof Map<?, ?> map) {
      Object type = map.get("type");
      if (!top
          && (type == null || "object".equals(type))
          && map.get("properties") instanceof Map<?, ?> properties
          && !properties.isEmpty()) {
        out.add(where);
        return;
      }
      map.forEach(
          (key, value) -> {
            // The inline parts of an allOf are the owner's own properties.
            boolean part = "allOf".equals(key);
            if (List.of("example", "examples", "default", "enum").contains(key)) {
              return;
            }
            if (part && value instanceof List<?> parts) {
              parts.forEach(p -> inlineTypes(p, where + "/allOf", true, out));
            } else {
              inlineTypes(value, where + "/" + key, false, out);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(value -> inlineTypes(value, where, false, out));
    }
  }

  @Test
  void namesThatDifferOnlyInPunctuationOrCaseAreNumberedAndJavasOwnAreAvoided() {
    Map<String, Object> schemas = new LinkedHashMap<>();
    schemas.put("bill-subs-api_rate-plan", new LinkedHashMap<>(Map.of("type", "object")));
    schemas.put("bill-subs-api_rate_plan", new LinkedHashMap<>(Map.of("type", "object")));
    schemas.put("tls_customhostname", new LinkedHashMap<>(Map.of("type", "object")));
    schemas.put("tls_custom_hostname", new LinkedHashMap<>(Map.of("type", "object")));
    schemas.put("object", new LinkedHashMap<>(Map.of("type", "object")));
    schemas.put("2fa", new LinkedHashMap<>(Map.of("type", "object")));
    Map<String, Object> use =
        new LinkedHashMap<>(Map.of("$ref", "#/components/schemas/bill-subs-api_rate_plan"));
    schemas.put("user", new LinkedHashMap<>(Map.of("properties", Map.of("plan", use))));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("paths", new LinkedHashMap<>());
    spec.put("components", new LinkedHashMap<>(Map.of("schemas", schemas)));
    spec = mutable(spec);

    SpecTool.shape(spec);

    assertThat(at(spec, "components", "schemas").keySet())
        .containsExactly(
            "BillSubsApiRatePlan",
            "BillSubsApiRatePlan2",
            "TlsCustomhostname",
            "TlsCustomHostname2",
            "ModelObject",
            "Model2fa",
            "User");
    assertThat(at(spec, "components", "schemas", "User", "properties", "plan"))
        .containsEntry("$ref", "#/components/schemas/BillSubsApiRatePlan2");
  }

  @Test
  void enumsOfObjectsOrArraysBecomeTheConstraintTheyStandFor() throws IOException {
    // Cloudflare's rulesets: a log rule's parameters are an empty object; a success's errors, an
    // empty array refining the errors list. OpenAPI Generator stops on such enums.
    Map<String, Object> spec = SpecTool.load(INPUTS.resolve("zones.yaml"));
    Map<String, Object> other = new LinkedHashMap<>();
    other.put("enum", List.of(Map.of("a", 1)));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("spec", spec);
    document.put("other", other);

    int rewritten = SpecTool.rewriteStructuredEnums(document);

    assertThat(rewritten).isEqualTo(3);
    @SuppressWarnings("unchecked")
    List<Object> parts =
        (List<Object>) at(spec, "components", "schemas", "rulesets_LogRule").get("allOf");
    @SuppressWarnings("unchecked")
    Map<String, Object> own = (Map<String, Object>) parts.get(1);
    assertThat(at(own, "properties", "action_parameters")).isEqualTo(Map.of("maxProperties", 0));
    @SuppressWarnings("unchecked")
    List<Object> errors =
        (List<Object>)
            at(spec, "components", "schemas", "rulesets_Response", "properties", "errors")
                .get("allOf");
    assertThat(errors.get(1)).isEqualTo(Map.of("maxItems", 0));
    assertThat(other).isEqualTo(Map.of("x-cloudflare4j-enum", List.of(Map.of("a", 1))));
    assertThat(SpecTool.rewriteStructuredEnums(document)).isZero();
  }

  @Test
  void parametersOfSeveralScalarKindsAreTypedAsTheTextTheyTravelAs() throws IOException {
    Map<String, Object> spec = SpecTool.load(INPUTS.resolve("zones.yaml"));

    int typed = SpecTool.typeScalarUnionParameters(spec);

    // app_id (an identifier or a UUID) on five operations, since/until/start/end (a time or a
    // number) on six.
    assertThat(typed).isEqualTo(11);
    Map<String, Object> original = SpecTool.load(INPUTS.resolve("zones.yaml"));
    int scalarUnions = 0;
    for (Map.Entry<String, Object> path : at(spec, "paths").entrySet()) {
      for (Map.Entry<String, Object> method : at(spec, "paths", path.getKey()).entrySet()) {
        if (!(method.getValue() instanceof Map<?, ?> operation)
            || !(operation.get("parameters") instanceof List<?> parameters)) {
          continue;
        }
        for (Object each : parameters) {
          if (each instanceof Map<?, ?> parameter && parameter.containsKey("x-cloudflare4j-type")) {
            assertThat(parameter.get("x-cloudflare4j-type")).isEqualTo("String");
            assertThat(parameter.get("name")).isIn("app_id", "since", "until", "start", "end");
            scalarUnions++;
          }
        }
      }
    }
    assertThat(scalarUnions).isEqualTo(typed);
    // The schemas are left for a mock server to check.
    assertThat(at(spec, "components")).isEqualTo(at(original, "components"));
    assertThat(SpecTool.typeScalarUnionParameters(SpecTool.load(INPUTS.resolve("user.yaml"))))
        .isZero();
  }

  @Test
  void pathParametersThatTheSpecShowsHoldingTextAreMarkedSo() throws IOException {
    Map<String, Object> zones = SpecTool.load(INPUTS.resolve("zones.yaml"));

    int marked = SpecTool.markTextPathParameters(zones);

    // hostname (app.example.com) on three operations, url (example.com) on eight; the 700-odd
    // identifiers around them stay identifiers.
    assertThat(marked).isEqualTo(11);
    Set<Object> names = new java.util.TreeSet<>();
    for (Map.Entry<String, Object> path : at(zones, "paths").entrySet()) {
      for (Object method : at(zones, "paths", path.getKey()).values()) {
        if (method instanceof Map<?, ?> operation
            && operation.get("parameters") instanceof List<?> parameters) {
          for (Object each : parameters) {
            if (each instanceof Map<?, ?> parameter && parameter.containsKey(SpecTool.TEXT)) {
              names.add(parameter.get("name"));
            }
          }
        }
      }
    }
    assertThat(names).containsExactly("hostname", "url");

    Map<String, Object> spec =
        mutable(
            Map.of(
                "paths",
                Map.of(
                    "/a/{a}/{b}/{c}/{d}",
                    Map.of(
                        "get",
                        Map.of(
                            "parameters",
                            List.of(
                                Map.of(
                                    "name", "a", "in", "path", "schema", Map.of("format", "uri")),
                                Map.of(
                                    "name",
                                    "b",
                                    "in",
                                    "path",
                                    "examples",
                                    Map.of("one", Map.of("value", "x y")),
                                    "schema",
                                    Map.of("type", "string")),
                                Map.of(
                                    "name", "c",
                                    "in", "path",
                                    "example", "a.b",
                                    "schema", Map.of("pattern", "^[a-z.]+$")),
                                Map.of(
                                    "name", "d",
                                    "in", "path",
                                    "schema", Map.of("example", "d_1-2"))))))));
    assertThat(SpecTool.markTextPathParameters(spec)).isEqualTo(2);
    List<?> parameters = (List<?>) at(spec, "paths", "/a/{a}/{b}/{c}/{d}", "get").get("parameters");
    assertThat(parameters)
        .extracting(p -> ((Map<?, ?>) p).containsKey(SpecTool.TEXT))
        .containsExactly(true, true, false, false);
  }

  @Test
  @SuppressWarnings("unchecked")
  void itemsBesideATypeOtherThanArrayAreDropped() throws IOException {
    Map<String, Object> zones = SpecTool.load(INPUTS.resolve("zones.yaml"));

    // One in the zones part: the fields of a Logpush dataset, an object of field descriptions.
    assertThat(SpecTool.dropItemsBesideOtherTypes(zones)).isEqualTo(1);
    Map<String, Object> result =
        at(
            (Map<String, Object>)
                ((List<?>)
                        at(
                                zones,
                                "components",
                                "schemas",
                                "logpush_logpush_field_response_collection")
                            .get("allOf"))
                    .get(1),
            "properties",
            "result");
    assertThat(result).containsEntry("type", "object").doesNotContainKey("items");

    Map<String, Object> array =
        mutable(Map.of("type", "array", "items", Map.of("type", "object", "items", Map.of())));
    assertThat(SpecTool.dropItemsBesideOtherTypes(array)).isEqualTo(1);
    assertThat(array).isEqualTo(Map.of("type", "array", "items", Map.of("type", "object")));
  }

  @Test
  void anOperationAnsweringMultipartOnlyIsHandedOverRaw() throws IOException {
    Map<String, Object> spec = SpecTool.load(INPUTS.resolve("zones.yaml"));

    int marked = SpecTool.markRawAnswers(spec);

    assertThat(marked).isEqualTo(1);
    assertThat(at(spec, "paths", "/zones/{zone_identifier}/snippets/{snippet_name}/content", "get"))
        .containsEntry(SpecTool.RAW, true);
    // The generator would name a model for the parts that it never writes: the call yields the
    // answer instead.
    SpecTool.shape(spec);
    assertThat(at(spec, "paths", "/zones/{zone_identifier}/snippets/{snippet_name}/content", "get"))
        .containsEntry(SpecTool.RESULT, "okhttp3.ResponseBody")
        .doesNotContainKey(SpecTool.ENVELOPE);
    assertThat(SpecTool.markRawAnswers(SpecTool.load(TOKENS))).isZero();
  }

  @Test
  void cloudflaresSecuritySchemesAreDefinedWhereAPartOfItOnlyNamesThem() throws IOException {
    Map<String, Object> zones = SpecTool.load(INPUTS.resolve("zones.yaml"));

    assertThat(SpecTool.defineSecuritySchemes(zones)).isEqualTo(4);

    assertThat(at(zones, "components", "securitySchemes"))
        .isEqualTo(
            at(SpecTool.load(INPUTS.resolve("api-tokens.yaml")), "components", "securitySchemes"));
    assertThat(SpecTool.defineSecuritySchemes(zones)).isZero();
    Map<String, Object> other = SpecTool.load(INPUTS.resolve("user.yaml"));
    other.put("security", new ArrayList<>(List.of(Map.of("oauth", List.of()))));
    assertThatThrownBy(() -> SpecTool.defineSecuritySchemes(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("security names an undefined scheme: oauth");
  }

  @Test
  void aRequirementNamingTheTokenBesideTheKeyBecomesTwo() throws IOException {
    // Radar's operations list api_email, api_key and api_token in one requirement: in OpenAPI,
    // all three at once, which Prism enforces; Cloudflare takes the token alone, or the key.
    Map<String, Object> radar = SpecTool.load(INPUTS.resolve("radar.yaml"));
    Map<String, Object> outages = at(radar, "paths", "/radar/annotations/outages", "get");
    assertThat((List<?>) outages.get("security")).hasSize(1);

    int changed = SpecTool.acceptApiTokens(radar);

    assertThat(changed).isEqualTo(169);
    assertThat(outages.get("security"))
        .isEqualTo(
            List.of(
                Map.of("api_email", List.of(), "api_key", List.of()),
                Map.of("api_token", List.of())));
    assertThat(SpecTool.acceptApiTokens(radar)).isZero();
  }

  @Test
  void mediaTypesThatAreNoMediaTypeAreDropped() throws IOException {
    Map<String, Object> zones = SpecTool.load(INPUTS.resolve("zones.yaml"));

    List<String> dropped = SpecTool.dropInvalidMediaTypes(zones);

    assertThat(dropped).contains("GET /zones/{zone_id}/workers/script 200 undefined").hasSize(2);
    assertThat(at(zones, "paths", "/zones/{zone_id}/workers/script", "get", "responses", "200"))
        .containsEntry("content", Map.of());
    assertThat(SpecTool.dropInvalidMediaTypes(zones)).isEmpty();
  }

  @Test
  void answerHeadersWithoutASchemaAreDropped() throws IOException {
    Map<String, Object> zones = SpecTool.load(INPUTS.resolve("zones.yaml"));

    List<String> dropped = SpecTool.dropShapelessHeaders(zones);

    assertThat(dropped)
        .containsExactly("GET /zones/{zone_id}/settings/zaraz/export 200 Content-Disposition");
    assertThat(SpecTool.dropShapelessHeaders(zones)).isEmpty();
  }

  @Test
  void everyOperationTakingTheKeyTakesAnApiTokenTooUnlessMarkedAsRefusingIt() throws IOException {
    Map<String, Object> zones = SpecTool.load(INPUTS.resolve("zones.yaml"));
    Map<String, Object> listRecords = at(zones, "paths", "/zones/{zone_id}/dns_records", "get");
    Map<String, Object> purge = at(zones, "paths", "/zones/{zone_id}/purge_cache", "post");
    purge.put(SpecTool.REFUSES_API_TOKEN, true);
    Object purgeSecurity = List.copyOf((List<?>) purge.get("security"));
    Object rootSecurity = List.copyOf((List<?>) zones.get("security"));

    int changed = SpecTool.acceptApiTokens(zones);

    // 214 operations list only the key, one of them marked here; 48 name the token beside the
    // key in one requirement, which is split.
    assertThat(changed).isEqualTo(213 + 48);
    assertThat(listRecords.get("security"))
        .isEqualTo(
            List.of(
                Map.of("api_email", List.of(), "api_key", List.of()),
                Map.of("api_token", List.of())));
    assertThat(purge.get("security")).isEqualTo(purgeSecurity);
    // The document's security already takes a token.
    assertThat(zones.get("security")).isEqualTo(rootSecurity);
    assertThat(SpecTool.acceptApiTokens(zones)).isZero();

    // A refusing operation that relies on the document's security keeps it as it was.
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "security",
        new ArrayList<>(
            List.of(new LinkedHashMap<>(Map.of("api_email", List.of(), "api_key", List.of())))));
    Map<String, Object> refusing = new LinkedHashMap<>(Map.of(SpecTool.REFUSES_API_TOKEN, true));
    Map<String, Object> taking = new LinkedHashMap<>();
    spec.put("paths", Map.of("/a", Map.of("get", refusing, "post", taking)));

    assertThat(SpecTool.acceptApiTokens(spec)).isEqualTo(1);
    assertThat(refusing.get("security"))
        .isEqualTo(List.of(Map.of("api_email", List.of(), "api_key", List.of())));
    assertThat(taking).doesNotContainKey("security");
    assertThat(spec.get("security"))
        .isEqualTo(
            List.of(
                Map.of("api_email", List.of(), "api_key", List.of()),
                Map.of("api_token", List.of())));
  }

  @Test
  void theTokenAnOperationIsGivenIsDefinedToo() throws IOException {
    // A part of Cloudflare's spec that names the key alone, and defines no scheme.
    Map<String, Object> spec =
        mutable(
            Map.of(
                "openapi",
                "3.0.3",
                "security",
                List.of(Map.of("api_email", List.of(), "api_key", List.of())),
                "paths",
                Map.of(
                    "/zones/{zone_id}/purge_cache",
                    Map.of(
                        "post",
                        Map.of(
                            "operationId",
                            "zone-purge",
                            "responses",
                            Map.of("200", Map.of("description", "purged")))))));
    Path in = dir.resolve("keys-only.json");
    SpecTool.write(spec, in, "ignored");
    Path out = dir.resolve("prepared-keys-only.json");

    SpecTool.prepare(in, null, out);

    Map<String, Object> prepared = SpecTool.load(out);
    assertThat(at(prepared, "components", "securitySchemes"))
        .containsOnlyKeys("api_email", "api_key", "api_token");
    assertThat(prepared.get("security"))
        .isEqualTo(
            List.of(
                Map.of("api_email", List.of(), "api_key", List.of()),
                Map.of("api_token", List.of())));
  }

  @Test
  void jsonOutputEscapesWhatJsonMust() throws IOException {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("text", "quote \" backslash \\ newline \n tab \t return \r bell \u0007 é");
    document.put("values", java.util.Arrays.asList(1, 2.5, true, null, List.of()));
    Path json = dir.resolve("escaped.json");

    SpecTool.write(document, json, "ignored for JSON");

    assertThat(SpecTool.load(json)).isEqualTo(document);
    assertThat(Files.readString(json))
        .isEqualTo(
            "{\"text\":\"quote \\\" backslash \\\\ newline \\n tab \\t return \\r bell \\u0007 é\","
                + "\"values\":[1,2.5,true,null,[]]}\n");
  }

  @Test
  void overlayTargetsAreJsonPathsAndAStaleOneFails() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("a", new LinkedHashMap<>(Map.of("x", new LinkedHashMap<>(Map.of("k", 1)))));
    spec.put("b", new LinkedHashMap<>(Map.of("x", new LinkedHashMap<>(Map.of("k", 2)))));
    spec.put("list", new ArrayList<>(List.of("one")));

    List<String> applied =
        SpecTool.applyOverlay(
            spec,
            Map.of(
                "actions",
                List.of(
                    Map.of("target", "$.*.x", "update", Map.of("added", true)),
                    Map.of("target", "$['b'].x.k", "remove", true),
                    Map.of("target", "$.list", "update", "two", "description", "append"))));

    assertThat(applied).containsExactly("$.*.x", "$['b'].x.k", "append");
    assertThat(at(spec, "a", "x")).containsEntry("k", 1).containsEntry("added", true);
    assertThat(at(spec, "b", "x")).doesNotContainKey("k").containsEntry("added", true);
    assertThat(spec.get("list")).isEqualTo(List.of("one", "two"));
    assertThatThrownBy(
            () ->
                SpecTool.applyOverlay(
                    spec, Map.of("actions", List.of(Map.of("target", "$.c", "remove", true)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matches nothing")
        .hasMessageContaining("$.c");
    assertThatThrownBy(() -> SpecTool.select(spec, "$..deep"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported JSONPath");
  }

  /** Puts each entry of {@code more} into {@code into}, merging the two maps of a shared key. */
  private static void mergeEntries(Map<String, Object> into, Map<String, Object> more) {
    more.forEach(
        (key, value) -> {
          Map<String, Object> merged =
              new LinkedHashMap<>(into.containsKey(key) ? at(into, key) : Map.of());
          merged.putAll(at(more, key));
          into.put(key, merged);
        });
  }

  /**
   * A stand-in for Cloudflare's whole document, as JSON over 3 MiB: user, radar and api-tokens
   * merged (api-tokens wins where they share a name).
   */
  private Path wholeDocument() throws IOException {
    Map<String, Object> whole = SpecTool.load(INPUTS.resolve("user.yaml"));
    for (String part : List.of("radar.yaml", "api-tokens.yaml")) {
      Map<String, Object> more = SpecTool.load(INPUTS.resolve(part));
      for (String section : List.of("paths", "components")) {
        if (more.containsKey(section)) {
          mergeEntries(at(whole, section), at(more, section));
        }
      }
    }
    String json = new Moshi.Builder().build().adapter(Object.class).indent("    ").toJson(whole);
    Path file = dir.resolve("openapi.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    assertThat(Files.size(file)).isGreaterThan(3L * 1024 * 1024);
    return file;
  }

  /** The operationIds of a spec, in its order. */
  private static List<String> operationIds(Path spec) throws IOException {
    List<String> ids = new ArrayList<>();
    for (Object path : at(SpecTool.load(spec), "paths").values()) {
      for (Object operation : ((Map<?, ?>) path).values()) {
        if (operation instanceof Map<?, ?> op && op.get("operationId") instanceof String id) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  @Test
  void sliceCutsTheBoundOperationsWithTheirSchemasOutOfTheWholeDocument() throws IOException {
    Map<String, Object> tokens = SpecTool.load(INPUTS.resolve("api-tokens.yaml"));

    Map<String, Object> slice =
        SpecTool.slice(SpecTool.load(wholeDocument()), operationIds(TOKENS));

    assertThat(at(slice, "paths")).isEqualTo(at(tokens, "paths"));
    assertThat(at(slice, "components", "schemas")).isEqualTo(at(tokens, "components", "schemas"));
    assertThat(at(slice, "components", "parameters"))
        .isEqualTo(at(tokens, "components", "parameters"));
    assertThat(at(slice, "components", "securitySchemes"))
        .isEqualTo(at(tokens, "components", "securitySchemes"));
    assertThat(slice.get("security")).isEqualTo(tokens.get("security"));
    assertThatThrownBy(() -> SpecTool.slice(tokens, List.of("no-such-operation")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-operation");
  }

  @Test
  void theRefreshRewritesAChangedOperationAloneAndAFlowValueWhole() throws IOException {
    String before =
        """
        # header
        openapi: 3.0.3
        paths:
          /a:
            # src: one
            get:
              summary: A
              tags:
              - x
            # src: two
            post:
              summary: B
          '/b: c': {get: {summary: C}}
        components: {}
        """
            // Written on Windows: CRLF line ends, which the refresh reads as LF.
            .replace("\n", "\r\n");
    Path newer = dir.resolve("newer.yaml");
    Files.writeString(
        newer,
        """
        openapi: 3.0.3
        paths:
          /a:
            get: {summary: A, tags: [x]}
            post: {summary: B2, tags: [y, z]}
          '/b: c': {get: {summary: C}}
        components:
          schemas:
            s: {type: string, example: {type: object, items: {}}}
        """,
        StandardCharsets.UTF_8);

    String after = SpecTool.keepingText(before, SpecTool.load(newer), "src: t");

    assertThat(after)
        .isEqualTo(
            """
            # header
            openapi: 3.0.3
            paths:
              /a:
                # src: one
                get:
                  summary: A
                  tags:
                  - x
                # src: t
                post:
                  summary: B2
                  tags:
                  - y
                  - z
              '/b: c': {get: {summary: C}}
            # src: t
            components:
              schemas:
                s:
                  type: string
                  example:
                    type: object
                    items: {}
            """);
    // An example is data: its items stay, whatever its type says.
    assertThat(SpecTool.dropItemsBesideOtherTypes(SpecTool.load(newer))).isZero();
  }

  @Test
  void theRefreshKeepsTheTextOfWhatDidNotChangeSoThatItsDiffIsTheChange() throws IOException {
    // Cloudflare's whole document, as far as the tests have it: openapi/'s text and zones.yaml.
    // Whatever openapi/ holds: two zones operations it does not hold yet are added.
    Path bound = Path.of("openapi/cloudflare.yaml");
    Map<String, Object> whole = SpecTool.load(bound);
    Map<String, Object> zones = SpecTool.load(INPUTS.resolve("zones.yaml"));
    at(zones, "paths").forEach(at(whole, "paths")::putIfAbsent);
    at(zones, "components")
        .forEach(
            (type, entries) -> {
              Map<String, Object> into = new LinkedHashMap<>();
              if (at(whole, "components").containsKey(type)) {
                into.putAll(at(whole, "components", type));
              }
              ((Map<?, ?>) entries).forEach((k, v) -> into.putIfAbsent(String.valueOf(k), v));
              at(whole, "components").put(type, into);
            });
    List<String> bound0 = SpecTool.readOperations(Path.of("openapi/operations.txt"));
    List<String> operations = new ArrayList<>(bound0);
    operationIds(INPUTS.resolve("zones.yaml")).stream()
        .filter(id -> !bound0.contains(id))
        .limit(2)
        .forEach(operations::add);
    assertThat(operations).hasSize(bound0.size() + 2);
    String before = Files.readString(bound, StandardCharsets.UTF_8);
    Map<String, Object> slice = SpecTool.slice(whole, operations);

    String after = SpecTool.keepingText(before, slice, "src: openapi.json (test)");

    Path written = dir.resolve("after.yaml");
    Files.writeString(written, after, StandardCharsets.UTF_8);
    assertThat(SpecTool.load(written)).isEqualTo(slice);
    // Every line of the old text is kept, in its order, provenance comments included: the diff
    // only adds, and adds the two paths and the components they bring, each after a source line.
    List<String> old = before.lines().toList();
    List<String> now = after.lines().toList();
    int at = 0;
    for (String line : now) {
      if (at < old.size() && line.equals(old.get(at))) {
        at++;
      }
    }
    assertThat(at).as("old lines kept in order").isEqualTo(old.size());
    Map<String, Object> original = SpecTool.load(bound);
    int added = 0;
    for (String section : List.of("paths")) {
      added += at(slice, section).size() - at(original, section).size();
    }
    for (String type : at(slice, "components").keySet()) {
      Map<String, Object> then =
          at(original, "components").containsKey(type)
              ? at(original, "components", type)
              : Map.of();
      added += at(slice, "components", type).size() - then.size();
    }
    assertThat(added).isGreaterThan(2);
    assertThat(now.stream().filter(line -> line.strip().equals("# src: openapi.json (test)")))
        .hasSize(added);

    // Taking them out again gives back the old text, byte for byte.
    String again =
        SpecTool.keepingText(after, SpecTool.slice(whole, bound0), "src: openapi.json (test)");
    assertThat(again).isEqualTo(before);
  }

  @Test
  void theRefreshWritesTheSliceAndReportsWhatChangedAndWhatBreaksCallers() throws IOException {
    Path whole = wholeDocument();
    Path slice = dir.resolve("cloudflare.yaml");
    SpecTool.write(SpecTool.slice(SpecTool.load(whole), operationIds(TOKENS)), slice, "first");
    Map<String, Object> before = SpecTool.load(slice);
    assertThat(SpecTool.report(null, before)).isEqualTo("New slice: 11 operations, 40 schemas\n");
    assertThat(SpecTool.report(before, SpecTool.load(slice)))
        .isEqualTo("No change since the last slice\n");

    Map<String, Object> newer = SpecTool.load(whole);
    Map<String, Object> status = at(newer, "components", "schemas", "iam_token_status");
    status.put("enum", List.of("active", "disabled"));
    Map<String, Object> payload = at(newer, "components", "schemas", "iam_create_payload");
    payload.put("required", List.of("name", "policies", "expires_on"));
    at(newer, "paths", "/user/tokens/{token_id}").remove("delete");
    at(newer, "components", "parameters", "iam_include_expired").put("description", "Changed.");
    newer.put("servers", List.of(Map.of("url", "https://api.cloudflare.com/client/v5")));
    List<String> operations = new ArrayList<>(operationIds(TOKENS));
    operations.remove("user-api-tokens-delete-token");
    operations.add("user-user-details");

    String report = SpecTool.report(before, SpecTool.slice(newer, operations));

    assertThat(report)
        .contains("Operations added (1):\n  user-user-details\n")
        .contains("Operations removed (1):\n  user-api-tokens-delete-token\n")
        .contains("Schemas changed (2):\n  iam_create_payload\n  iam_token_status\n")
        .contains("Also changed (2):\n  servers\n  components.parameters\n")
        .contains("Breaking for callers (3):\n")
        .contains("  operation user-api-tokens-delete-token removed\n")
        .contains("  iam_token_status: enum value expired removed\n")
        .contains("  iam_create_payload: property expires_on is now required\n");
  }
}
