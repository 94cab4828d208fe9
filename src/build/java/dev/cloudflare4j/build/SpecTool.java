package dev.cloudflare4j.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.DumpSettingsBuilder;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Build-time handling of Cloudflare's OpenAPI text, so that {@code openapi/} stays a copy of it.
 *
 * <ul>
 *   <li>{@code prepare IN OVERLAY|- OUT [IN OVERLAY|- OUT ...]}: the spec the generator and the
 *       mock server read: Cloudflare's text with {@link #dropSchemalessBodies the schema-less
 *       request bodies} left out, its quirks handled, the overlay's corrections applied, and
 *       everything the templates need written into it ({@link #nameParams}, {@link #shape}), so
 *       that the generator runs once.
 *   <li>{@code slice WHOLE OPERATIONS OUT}: cuts the operations listed in OPERATIONS (one
 *       operationId a line, {@code #} comments) out of Cloudflare's whole published document (JSON
 *       or YAML), with every component they reference, into OUT; prints what changed since the
 *       slice that OUT held before.
 * </ul>
 *
 * <p>One file with no dependency but SnakeYAML Engine: the build runs it with Java's source
 * launcher before any of the project is compiled.
 */
public final class SpecTool {

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Pattern REF = Pattern.compile("^#/components/([^/]+)/(.+)$");
  private static final Pattern STEP =
      Pattern.compile(
          "\\.([A-Za-z0-9_$-]+)|\\.\\*|\\[\\*\\]|\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d+)\\]");

  private SpecTool() {}

  public static void main(String[] args) throws IOException {
    if (args.length >= 4 && args[0].equals("prepare") && (args.length - 1) % 3 == 0) {
      for (int i = 1; i < args.length; i += 3) {
        Path overlay = args[i + 1].equals("-") ? null : Path.of(args[i + 1]);
        long start = System.nanoTime();
        prepare(Path.of(args[i]), overlay, Path.of(args[i + 2]));
        // Read by .ci/build-times, which says how long each input takes.
        System.out.printf(
            "SpecTool prepared %s in %d ms%n",
            Path.of(args[i]).getFileName(), (System.nanoTime() - start) / 1_000_000);
      }
    } else if (args.length == 4 && args[0].equals("slice")) {
      Path out = Path.of(args[3]);
      Map<String, Object> previous = Files.exists(out) ? load(out) : null;
      Map<String, Object> sliced = slice(load(Path.of(args[1])), readOperations(Path.of(args[2])));
      String source =
          "src: "
              + Path.of(args[1]).getFileName()
              + " (SpecTool slice, "
              + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
              + ")";
      if (previous == null) {
        write(sliced, out, "Cut from Cloudflare's published OpenAPI document by SpecTool slice");
      } else {
        Files.writeString(
            out,
            keepingText(Files.readString(out, StandardCharsets.UTF_8), sliced, source),
            StandardCharsets.UTF_8);
      }
      System.out.print(report(previous, sliced));
    } else {
      System.err.println(
          "usage: SpecTool prepare IN OVERLAY|- OUT [...] | SpecTool slice WHOLE OPERATIONS OUT");
      System.exit(2);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading and writing

  /** Reads a JSON or YAML document of any size (Cloudflare's whole spec is about 27 MB). */
  public static Map<String, Object> load(Path path) throws IOException {
    LoadSettings settings =
        LoadSettings.builder()
            .setCodePointLimit(Integer.MAX_VALUE)
            .setAllowDuplicateKeys(false)
            .setLabel(path.toString())
            .build();
    String text = Files.readString(path, StandardCharsets.UTF_8);
    return asMap(new Load(settings).loadFromString(text), path.toString());
  }

  /**
   * Writes a document, keys in their order: as JSON when the path ends in {@code .json} (no
   * comment; no YAML size limit for whoever reads it), else as block YAML after a comment line.
   */
  public static void write(Map<String, Object> document, Path path, String comment)
      throws IOException {
    if (path.getFileName().toString().endsWith(".json")) {
      StringBuilder json = new StringBuilder();
      writeJson(document, json);
      createParent(path);
      Files.writeString(path, json.append('\n'), StandardCharsets.UTF_8);
      return;
    }
    String yaml = dumpYaml(document);
    createParent(path);
    Files.writeString(path, "# " + comment + "\n" + yaml, StandardCharsets.UTF_8);
  }

  /**
   * A new slice written over the text of the previous one, so that the diff is the change: each
   * path, component and top-level part whose value is unchanged keeps its text (the provenance
   * comments before and in it included) and its place; one that changed is written afresh in its
   * place, and one that is new after the part that precedes it in Cloudflare's order, each after a
   * comment naming its source ({@code source}); one no longer sliced goes, with its comments.
   */
  public static String keepingText(String previous, Map<String, Object> slice, String source) {
    List<String> lines = new ArrayList<>(List.of(previous.replace("\r\n", "\n").split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    StringBuilder out = new StringBuilder();
    mergeChildren(lines, 0, slice, 0, source, out);
    return out.toString();
  }

  /** The parts of a block at one indent: each with the comments before it and its lines. */
  private record TextPart(String key, List<String> lines) {}

  /**
   * Writes the children of a block (at {@code indent}) of a new value over their old text; {@code
   * depth}: 0 at the top, where {@code paths} and {@code components} are merged part by part.
   */
  private static void mergeChildren(
      List<String> lines,
      int indent,
      Map<String, Object> value,
      int depth,
      String source,
      StringBuilder out) {
    List<String> leading = new ArrayList<>();
    List<TextPart> parts = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (String line : lines) {
      int at = indentOf(line);
      boolean comment = line.strip().startsWith("#") || line.isBlank();
      boolean item = line.startsWith("- ", at) || line.substring(at).equals("-");
      if (!comment && at == indent && !item) {
        List<String> part = new ArrayList<>(pending);
        pending.clear();
        part.add(line);
        parts.add(new TextPart(keyOf(line.substring(at)), part));
      } else if (comment && parts.isEmpty() && depth == 0) {
        // The file's own header: kept whatever changes.
        leading.add(line);
      } else if (comment && (line.isBlank() || at <= indent)) {
        pending.add(line);
      } else {
        List<String> into = parts.isEmpty() ? leading : parts.get(parts.size() - 1).lines();
        into.addAll(pending);
        pending.clear();
        into.add(line);
      }
    }
    if (parts.isEmpty()) {
      leading.addAll(pending);
      pending.clear();
    }
    leading.forEach(line -> out.append(line).append('\n'));
    Map<String, TextPart> old = new LinkedHashMap<>();
    parts.forEach(part -> old.put(part.key(), part));
    // The old parts still wanted, in their order; each new one after its predecessor in the slice.
    List<String> order = new ArrayList<>();
    for (TextPart part : parts) {
      if (value.containsKey(part.key())) {
        order.add(part.key());
      }
    }
    String previous = null;
    for (String key : value.keySet()) {
      if (!order.contains(key)) {
        order.add(previous == null ? 0 : order.indexOf(previous) + 1, key);
      }
      previous = key;
    }
    for (String key : order) {
      TextPart part = old.get(key);
      Object now = value.get(key);
      Object then = part == null ? null : loadText(part.lines(), indent).get(key);
      // Paths are merged by method, components by section: a changed operation or schema is
      // written afresh, not the path or section around it. Only a block ({@code key:} alone on its
      // line) is merged; a flow value ({@code paths: {}}) is written afresh.
      boolean block =
          part != null && part.lines().get(headerLine(part.lines(), indent)).strip().endsWith(":");
      boolean merged =
          block
              && now instanceof Map<?, ?>
              && then instanceof Map<?, ?>
              && ((depth == 0 && (key.equals("paths") || key.equals("components")))
                  || (depth == 1
                      && indent == 2
                      && (COMPONENT_SECTIONS.contains(key) || key.startsWith("/"))));
      if (part != null && Objects.equals(then, now)) {
        part.lines().forEach(line -> out.append(line).append('\n'));
      } else if (merged) {
        int header = headerLine(part.lines(), indent);
        part.lines().subList(0, header + 1).forEach(line -> out.append(line).append('\n'));
        mergeChildren(
            part.lines().subList(header + 1, part.lines().size()),
            indent + 2,
            asMap(now, key),
            depth + 1,
            source,
            out);
      } else {
        String pad = " ".repeat(indent);
        out.append(pad).append("# ").append(source).append('\n');
        Map<String, Object> single = new LinkedHashMap<>();
        single.put(key, now);
        for (String line : dumpYaml(single, false).lines().toList()) {
          out.append(pad).append(line).append('\n');
        }
      }
    }
    pending.forEach(line -> out.append(line).append('\n'));
  }

  /** The sections under {@code components:}, merged part by part as paths are. */
  private static final Set<String> COMPONENT_SECTIONS =
      Set.of(
          "schemas",
          "parameters",
          "responses",
          "requestBodies",
          "headers",
          "securitySchemes",
          "examples");

  private static int headerLine(List<String> lines, int indent) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank() && !line.strip().startsWith("#") && indentOf(line) == indent) {
        return i;
      }
    }
    throw new IllegalStateException("no key line in " + lines);
  }

  private static int indentOf(String line) {
    int at = 0;
    while (at < line.length() && line.charAt(at) == ' ') {
      at++;
    }
    return at;
  }

  /** The key a block's first line names ({@code /zones/{zone_id}:}, {@code 'a: b': 1}). */
  private static String keyOf(String line) {
    int end = 0;
    if (line.startsWith("'") || line.startsWith("\"")) {
      // A quoted key ends at its closing quote ('' and \" are quotes inside it).
      char quote = line.charAt(0);
      end = 1;
      while (end < line.length()) {
        char c = line.charAt(end);
        if (quote == '"' && c == '\\') {
          end += 2;
        } else if (c == quote && quote == '\'' && line.startsWith("''", end)) {
          end += 2;
        } else if (c == quote) {
          end++;
          break;
        } else {
          end++;
        }
      }
    }
    String rest = line.substring(end);
    String key =
        line.substring(0, end)
            + (rest.endsWith(":") ? rest + " null" : rest.replaceFirst(":( |$).*", ": null"));
    Map<String, Object> one =
        asMap(new Load(LoadSettings.builder().build()).loadFromString(key), line);
    return one.keySet().iterator().next();
  }

  private static Map<String, Object> loadText(List<String> lines, int indent) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line.substring(Math.min(indent, indentOf(line)))).append('\n');
    }
    Object loaded =
        new Load(LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build())
            .loadFromString(text.toString());
    return loaded == null ? Map.of() : asMap(loaded, "part");
  }

  private static String dumpYaml(Map<String, Object> document) {
    return dumpYaml(document, true);
  }

  /**
   * Block YAML; {@code listsIndented}: a list's items indented under their key, else at its indent
   * (as Cloudflare's text writes them).
   */
  private static String dumpYaml(Map<String, Object> document, boolean listsIndented) {
    DumpSettingsBuilder settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setWidth(Integer.MAX_VALUE)
            .setSplitLines(false);
    if (listsIndented) {
      settings.setIndicatorIndent(2).setIndentWithIndicator(true);
    }
    return new Dump(settings.build()).dumpToString(document);
  }

  private static void createParent(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  private static void writeJson(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      String separator = "";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(separator);
        writeJson(String.valueOf(entry.getKey()), out);
        out.append(':');
        writeJson(entry.getValue(), out);
        separator = ",";
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        writeJson(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof String text) {
      out.append('"');
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    } else if (value == null || value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  /**
   * The operationIds of an operations list: one a line; blank lines and {@code #} comments skipped.
   */
  public static List<String> readOperations(Path path) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      String id = line.replaceFirst("#.*", "").strip();
      if (!id.isEmpty()) {
        ids.add(id);
      }
    }
    return ids;
  }

  // ---------------------------------------------------------------------------------------------
  // prepare: what the generator and the mock server read

  /**
   * Reads IN, drops schema-less bodies, applies the overlay (if any) and writes OUT (JSON when it
   * ends in {@code .json}).
   */
  public static void prepare(Path in, Path overlay, Path out) throws IOException {
    Map<String, Object> spec = load(in);
    // First: a body whose only media type is no media type is then a schema-less one.
    List<String> media = dropInvalidMediaTypes(spec);
    List<String> dropped = dropSchemalessBodies(spec);
    int enums = rewriteStructuredEnums(spec);
    int unions = typeScalarUnionParameters(spec);
    int texts = markTextPathParameters(spec);
    int raw = markRawAnswers(spec);
    int single = singleAlternativesAsAllOf(spec);
    int refined = dropTypeBesideSingleRef(spec);
    int items = dropItemsBesideOtherTypes(spec);
    int lifted = liftRequiredFromAllOf(spec);
    List<String> headers = dropShapelessHeaders(spec);
    List<String> applied = overlay == null ? List.of() : applyOverlay(spec, load(overlay));
    int tokens = acceptApiTokens(spec);
    int schemes = defineSecuritySchemes(spec);
    int params = nameParams(spec);
    int envelopes = shape(spec);
    write(
        spec,
        out,
        "Generated from "
            + in.getFileName()
            + " by SpecTool prepare (do not edit): "
            + dropped.size()
            + " schema-less request bodies dropped, "
            + enums
            + " enums of objects or arrays rewritten, "
            + unions
            + " parameters of several scalar kinds typed as text, "
            + texts
            + " path parameters marked as text rather than identifiers, "
            + raw
            + " multipart answers handed over raw, "
            + single
            + " oneOf or anyOf of one alternative written as allOf, "
            + refined
            + " types dropped beside an allOf of one reference, "
            + items
            + " items dropped beside a type other than array, "
            + lifted
            + " required lists lifted out of allOf parts, "
            + media.size()
            + " invalid media types dropped, "
            + headers.size()
            + " answer headers without a schema dropped, "
            + applied.size()
            + " overlay actions applied, "
            + schemes
            + " of Cloudflare's security schemes defined, "
            + tokens
            + " operations taking only the key made to take API tokens too, "
            + params
            + " params types named, "
            + envelopes
            + " operations answering an envelope");
  }

  /** The vendor extension that marks the path parameter an operation acts on. */
  public static final String POSITIONAL = "x-cloudflare4j-positional";

  /**
   * Prepares the arguments-by-name form of each operation (templates/paramsType.mustache): marks
   * the path parameter the operation acts on ({@value #POSITIONAL}: the last in the path that is
   * not a scope, the account or zone right after {@code /accounts/} or {@code /zones/}, whatever
   * its name), which stays a separate argument as in Cloudflare's own SDKs ({@code delete(tokenId,
   * params)}); names the params type of every operation with other arguments ({@value #PARAMS}: the
   * overlay's name, else one after the operationId, {@code AccountApiTokensListTokensParams}); and
   * names a request body {@code body} ({@code x-codegen-request-body-name}), the same in every
   * operation. A marked parameter that was a {@code $ref} is copied into its place, so that the
   * mark stays with that path.
   *
   * @return how many params types were named
   */
  public static int nameParams(Map<String, Object> spec) {
    int named = 0;
    for (Map.Entry<String, Object> path :
        asMap(spec.getOrDefault("paths", Map.of()), "paths").entrySet()) {
      if (!(path.getValue() instanceof Map<?, ?> raw)) {
        continue;
      }
      Map<String, Object> item = asMap(raw, path.getKey());
      String positional = null;
      Matcher name = Pattern.compile("(/[^/{]+)?/\\{([^}]+)}").matcher(path.getKey());
      while (name.find()) {
        // The account or zone a path is under scopes it, whatever Cloudflare calls it there
        // (account_id, zone_id, zone_identifier, identifier).
        if (!SCOPES.contains(String.valueOf(name.group(1)))) {
          positional = name.group(2);
        }
      }
      for (Map.Entry<String, Object> entry : item.entrySet()) {
        if (!METHODS.contains(entry.getKey()) || !(entry.getValue() instanceof Map<?, ?> o)) {
          continue;
        }
        Map<String, Object> operation = asMap(o, entry.getKey() + " " + path.getKey());
        Set<String> arguments = new LinkedHashSet<>();
        for (Object list :
            List.of(
                operation.getOrDefault("parameters", List.of()),
                item.getOrDefault("parameters", List.of()))) {
          if (list instanceof List<?> parameters) {
            for (Object each : parameters) {
              Map<String, Object> parameter = resolve(spec, each, "parameter");
              arguments.add(parameter.get("in") + " " + parameter.get("name"));
            }
          }
        }
        if (positional != null) {
          markPositional(spec, operation, item, positional);
          arguments.remove("path " + positional);
        }
        if (operation.containsKey("requestBody")) {
          boolean taken = arguments.stream().anyMatch(a -> a.endsWith(" body"));
          operation.put("x-codegen-request-body-name", taken ? "requestBody" : "body");
          arguments.add("body");
        }
        if (!arguments.isEmpty()) {
          operation.putIfAbsent(
              PARAMS, javaName(String.valueOf(operation.get("operationId"))) + "Params");
          named++;
        } else {
          operation.remove(PARAMS);
        }
      }
    }
    return named;
  }

  /**
   * Marks the path parameter {@code name} of an operation ({@value #POSITIONAL}), where the
   * operation declares it, else where its path does; a {@code $ref} is replaced by a copy first.
   */
  @SuppressWarnings("unchecked")
  private static void markPositional(
      Map<String, Object> spec,
      Map<String, Object> operation,
      Map<String, Object> item,
      String name) {
    for (Map<String, Object> owner : List.of(operation, item)) {
      if (!(owner.get("parameters") instanceof List<?> raw)) {
        continue;
      }
      List<Object> parameters = (List<Object>) raw;
      for (int i = 0; i < parameters.size(); i++) {
        Map<String, Object> parameter = resolve(spec, parameters.get(i), "parameter");
        if ("path".equals(parameter.get("in")) && name.equals(parameter.get("name"))) {
          if (parameter != parameters.get(i)) {
            parameter = asMap(copy(parameter), "parameter");
            parameters.set(i, parameter);
          }
          parameter.put(POSITIONAL, true);
          return;
        }
      }
    }
  }

  /** Cloudflare's security schemes, as its whole document defines them. */
  private static final Map<String, Map<String, Object>> CLOUDFLARE_SCHEMES =
      Map.of(
          "api_email", Map.of("type", "apiKey", "in", "header", "name", "X-Auth-Email"),
          "api_key", Map.of("type", "apiKey", "in", "header", "name", "X-Auth-Key"),
          "api_token", Map.of("type", "http", "scheme", "bearer"),
          "user_service_key",
              Map.of("type", "apiKey", "in", "header", "name", "X-Auth-User-Service-Key"));

  /**
   * Defines each of Cloudflare's security schemes that the spec's {@code security} names without
   * defining it, as Cloudflare's whole document defines it. Parts of the document cut out by tag
   * keep the requirements and lose the definitions; OpenAPI Generator then drops every undefined
   * scheme silently, and the client would send no credential at all.
   *
   * @return how many schemes were defined
   * @throws IllegalArgumentException if {@code security} names a scheme that is neither defined nor
   *     one of Cloudflare's
   */
  public static int defineSecuritySchemes(Map<String, Object> spec) {
    Set<String> named = new TreeSet<>();
    forEachSecurity(spec, true, requirements -> named.addAll(schemeNames(requirements)));
    Map<String, Object> defined =
        asMap(
            asMap(spec.computeIfAbsent("components", k -> new LinkedHashMap<>()), "components")
                .computeIfAbsent("securitySchemes", k -> new LinkedHashMap<>()),
            "securitySchemes");
    int added = 0;
    for (String name : named) {
      if (defined.containsKey(name)) {
        continue;
      }
      Map<String, Object> scheme = CLOUDFLARE_SCHEMES.get(name);
      if (scheme == null) {
        throw new IllegalArgumentException("security names an undefined scheme: " + name);
      }
      defined.put(name, new LinkedHashMap<>(scheme));
      added++;
    }
    return added;
  }

  /** The vendor extension (from the overlay) of an operation that refuses API tokens. */
  public static final String REFUSES_API_TOKEN = "x-cloudflare4j-refuses-api-token";

  /**
   * Lets every operation that takes Cloudflare's Global API Key (with its email) take an API token
   * too: its {@code security} gains the requirement {@code api_token}. Cloudflare calls API tokens
   * the preferred way to use its API, and accepts them on operations whose description lists the
   * key alone (214 of the 508 zones operations, List DNS Records and Purge Cache among them); left
   * as written, a client holding only a token could not call them. An operation that truly refuses
   * tokens is marked in the overlay with {@value #REFUSES_API_TOKEN}{@code : true} and keeps its
   * {@code security}. The document's own {@code security} is treated the same way, for the
   * operations that have none. A requirement that names the token beside other schemes (in OpenAPI:
   * all of them at once, as Radar's operations read) becomes two: the token alone, or the others.
   *
   * @return how many {@code security} lists were given the token or had it split out
   */
  public static int acceptApiTokens(Map<String, Object> spec) {
    if (spec.get("security") instanceof List<?> root) {
      // A refusing operation that relies on the document's security keeps it as it was.
      for (Map<String, Object> operation : operationsOf(spec)) {
        if (Boolean.TRUE.equals(operation.get(REFUSES_API_TOKEN))) {
          operation.putIfAbsent("security", copy(root));
        }
      }
    }
    int[] changed = {0};
    forEachSecurity(
        spec,
        false,
        requirements -> {
          // One requirement naming the token beside other schemes (Radar's api_email, api_key
          // and api_token together) means, in OpenAPI, all of them at once; Cloudflare takes
          // the token alone or the others: two requirements.
          for (int i = 0; i < requirements.size(); i++) {
            if (requirements.get(i) instanceof Map<?, ?> requirement
                && requirement.size() > 1
                && requirement.containsKey("api_token")) {
              Map<String, Object> others = new LinkedHashMap<>(asMap(requirement, "security"));
              others.remove("api_token");
              requirements.set(i, others);
              requirements.add(i + 1, new LinkedHashMap<>(Map.of("api_token", List.of())));
              changed[0]++;
            }
          }
          Set<String> names = schemeNames(requirements);
          if (names.containsAll(List.of("api_email", "api_key")) && !names.contains("api_token")) {
            requirements.add(new LinkedHashMap<>(Map.of("api_token", List.of())));
            changed[0]++;
          }
        });
    return changed[0];
  }

  /**
   * Runs {@code action} on the document's {@code security} and on that of every operation, but
   * those that refuse API tokens ({@value #REFUSES_API_TOKEN}) unless {@code all}.
   */
  @SuppressWarnings("unchecked")
  private static void forEachSecurity(
      Map<String, Object> spec, boolean all, java.util.function.Consumer<List<Object>> action) {
    if (spec.get("security") instanceof List<?> root) {
      action.accept((List<Object>) root);
    }
    for (Map<String, Object> operation : operationsOf(spec)) {
      if (operation.get("security") instanceof List<?> security
          && (all || !Boolean.TRUE.equals(operation.get(REFUSES_API_TOKEN)))) {
        action.accept((List<Object>) security);
      }
    }
  }

  /** The operations of the document, as they are in it (to be changed in place). */
  private static List<Map<String, Object>> operationsOf(Map<String, Object> spec) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Object item : asMap(spec.getOrDefault("paths", Map.of()), "paths").values()) {
      if (item instanceof Map<?, ?> methods) {
        for (Map.Entry<?, ?> entry : methods.entrySet()) {
          if (METHODS.contains(String.valueOf(entry.getKey()))
              && entry.getValue() instanceof Map<?, ?> operation) {
            all.add(asMap(operation, "operation"));
          }
        }
      }
    }
    return all;
  }

  /** A deep copy of a JSON value, so that two places of a document never share a node. */
  @SuppressWarnings("unchecked")
  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(copy(v)));
      return out;
    }
    return value;
  }

  private static Set<String> schemeNames(List<Object> requirements) {
    Set<String> names = new LinkedHashSet<>();
    for (Object requirement : requirements) {
      if (requirement instanceof Map<?, ?> map) {
        map.keySet().forEach(name -> names.add(String.valueOf(name)));
      }
    }
    return names;
  }

  /**
   * Rewrites each {@code enum} whose values are objects or arrays into the constraint it stands
   * for. Cloudflare writes {@code enum: [{}]} for "an empty object" (a log rule's {@code
   * action_parameters}) and {@code enum: [[]]} for "an empty array" (the errors of a success):
   * valid JSON Schema, but OpenAPI Generator reads every enum value as a scalar and stops on these
   * ({@code Could not process model 'rulesets_RuleRequest'}). An enum of empty objects becomes
   * {@code maxProperties: 0}, one of empty arrays {@code maxItems: 0}: the same values of the
   * schema's type are valid, for the generator and a mock server alike. Any other enum holding an
   * object or array is dropped, its values kept in {@code x-cloudflare4j-enum}: the value's type is
   * all Java can check.
   *
   * @return how many enums were rewritten
   */
  @SuppressWarnings("unchecked")
  public static int rewriteStructuredEnums(Object node) {
    int rewritten = 0;
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> schema = (Map<String, Object>) map;
      if (schema.get("enum") instanceof List<?> values
          && values.stream().anyMatch(v -> v instanceof Map<?, ?> || v instanceof List<?>)) {
        schema.remove("enum");
        // No type is added: such a schema is often one member of an allOf that refines another
        // (an envelope's errors: allOf [the errors array, enum: [[]]]), whose type stands.
        if (values.stream().allMatch(v -> v instanceof Map<?, ?> m && m.isEmpty())) {
          schema.put("maxProperties", 0);
        } else if (values.stream().allMatch(v -> v instanceof List<?> l && l.isEmpty())) {
          schema.put("maxItems", 0);
        } else {
          schema.put("x-cloudflare4j-enum", values);
        }
        rewritten++;
      }
      for (Object value : map.values()) {
        rewritten += rewriteStructuredEnums(value);
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        rewritten += rewriteStructuredEnums(value);
      }
    }
    return rewritten;
  }

  /**
   * Removes every request body none of whose media types has a schema. Cloudflare declares one,
   * required, on its DELETE operations ({@code content: {application/json: {}}}) although its API
   * takes no body and its own SDKs send none. Left in, the generator reports an error for each, and
   * a mock server that enforces the spec refuses the body-less requests Cloudflare accepts. A body
   * with a schema is never touched.
   *
   * @return {@code METHOD /path} of each operation whose body was dropped
   */
  public static List<String> dropSchemalessBodies(Map<String, Object> spec) {
    List<String> dropped = new ArrayList<>();
    for (Map.Entry<String, Object> path :
        asMap(spec.getOrDefault("paths", Map.of()), "paths").entrySet()) {
      if (!(path.getValue() instanceof Map<?, ?> item)) {
        continue;
      }
      for (Map.Entry<?, ?> method : item.entrySet()) {
        if (!METHODS.contains(String.valueOf(method.getKey()))
            || !(method.getValue() instanceof Map<?, ?> operation)
            || !(operation.get("requestBody") instanceof Map<?, ?> body)
            || body.containsKey("$ref")) {
          continue;
        }
        Object content = body.get("content");
        boolean schemaless =
            !(content instanceof Map<?, ?> media)
                || media.values().stream()
                    .noneMatch(m -> m instanceof Map<?, ?> type && type.get("schema") != null);
        if (schemaless) {
          operation.remove("requestBody");
          dropped.add(
              String.valueOf(method.getKey()).toUpperCase(java.util.Locale.ROOT)
                  + " "
                  + path.getKey());
        }
      }
    }
    return dropped;
  }

  private static final Set<String> SCALARS = Set.of("string", "integer", "number", "boolean");

  /**
   * Types as {@code String} each path, query or header parameter whose schema is a {@code oneOf} or
   * {@code anyOf} of scalars ({@code since}: an RFC 3339 time or a number of minutes; {@code
   * app_id}: an identifier or a UUID). Such a parameter travels as text whichever kind it is, and
   * OpenAPI Generator would name a union class for it that it never generates. The schema is left
   * as it is, for a mock server to check the value.
   *
   * @return how many parameters were typed
   */
  public static int typeScalarUnionParameters(Map<String, Object> spec) {
    int typed = 0;
    for (Map<String, Object> parameter : allParameters(spec)) {
      if (parameter.get("schema") != null
          && isScalarUnion(spec, resolve(spec, parameter.get("schema"), "parameter schema"))) {
        parameter.put(TYPE, "String");
        typed++;
      }
    }
    return typed;
  }

  /** Every parameter the spec declares inline or shares, each once; references left out. */
  private static List<Map<String, Object>> allParameters(Map<String, Object> spec) {
    List<Object> found = new ArrayList<>();
    if (components(spec).get("parameters") instanceof Map<?, ?> shared) {
      found.addAll(shared.values());
    }
    for (Object item : asMap(spec.getOrDefault("paths", Map.of()), "paths").values()) {
      if (item instanceof Map<?, ?> methods) {
        for (Map.Entry<?, ?> entry : methods.entrySet()) {
          Object node = entry.getValue();
          if (entry.getKey().equals("parameters") && node instanceof List<?> list) {
            found.addAll(list);
          } else if (METHODS.contains(String.valueOf(entry.getKey()))
              && node instanceof Map<?, ?> operation
              && operation.get("parameters") instanceof List<?> list) {
            found.addAll(list);
          }
        }
      }
    }
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (Object each : found) {
      if (each instanceof Map<?, ?> raw && !raw.containsKey("$ref")) {
        parameters.add(asMap(raw, "parameter"));
      }
    }
    return parameters;
  }

  /** The vendor extension that marks a path parameter holding text rather than an identifier. */
  public static final String TEXT = "x-cloudflare4j-text";

  private static final Set<String> TEXT_FORMATS =
      Set.of("hostname", "idn-hostname", "uri", "url", "email", "idn-email");

  /**
   * Marks ({@value #TEXT}) each path parameter that holds text rather than an identifier: a
   * hostname ({@code app.example.com}) or a URL ({@code example.com/page}), which the client's
   * identifier rule (letters, digits, {@code -} and {@code _}) would refuse. A parameter is text
   * when its schema has no pattern (a pattern is the rule then) and its format is a hostname, URL
   * or e-mail address, or an example of it (the parameter's or its schema's) is not an identifier.
   *
   * @return how many parameters were marked
   */
  public static int markTextPathParameters(Map<String, Object> spec) {
    int marked = 0;
    for (Map<String, Object> parameter : allParameters(spec)) {
      if (!"path".equals(parameter.get("in")) || parameter.get("schema") == null) {
        continue;
      }
      Map<String, Object> schema = resolve(spec, parameter.get("schema"), "parameter schema");
      if (schema.containsKey("pattern")) {
        continue;
      }
      List<Object> examples = new ArrayList<>();
      examples.add(parameter.get("example"));
      examples.add(schema.get("example"));
      if (parameter.get("examples") instanceof Map<?, ?> named) {
        for (Object example : named.values()) {
          if (example instanceof Map<?, ?> object) {
            examples.add(object.get("value"));
          }
        }
      }
      boolean text = TEXT_FORMATS.contains(String.valueOf(schema.get("format")));
      for (Object example : examples) {
        text |= example instanceof String value && !value.matches("[A-Za-z0-9_-]*");
      }
      if (text) {
        parameter.put(TEXT, true);
        marked++;
      }
    }
    return marked;
  }

  private static boolean isScalarUnion(Map<String, Object> spec, Map<String, Object> schema) {
    for (String kind : List.of("oneOf", "anyOf")) {
      if (schema.get(kind) instanceof List<?> alternatives && !alternatives.isEmpty()) {
        for (Object alternative : alternatives) {
          Map<String, Object> resolved = resolve(spec, alternative, kind);
          if (!SCALARS.contains(String.valueOf(resolved.get("type")))) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  /**
   * Writes a {@code oneOf}, {@code anyOf} or {@code allOf} of a single schema ({@code items:
   * {anyOf: [$ref DiscoveryOperation]}}) as the schema it means: that schema itself when nothing
   * stands beside it, else an {@code allOf} of it. OpenAPI Generator would make a type of one
   * alternative (or a wrapper) of it in some places and unfold it in others.
   *
   * @return how many were rewritten
   */
  public static int singleAlternativesAsAllOf(Map<String, Object> spec) {
    int[] rewritten = {0};
    Map<String, Object> schemas = schemas(spec, false);
    for (Map.Entry<String, Object> entry : spec.entrySet()) {
      if (!entry.getKey().equals("components")) {
        entry.setValue(unwrapSingles(entry.getValue(), rewritten, false));
      }
    }
    for (Map.Entry<String, Object> type : components(spec).entrySet()) {
      // A component stays a component (the generator writes a type of an allOf of one type, and
      // other places name it); what is inside it is unwrapped.
      if (type.getValue() == schemas) {
        schemas.replaceAll((name, schema) -> unwrapSingles(schema, rewritten, true));
      } else {
        type.setValue(unwrapSingles(type.getValue(), rewritten, false));
      }
    }
    return rewritten[0];
  }

  @SuppressWarnings("unchecked")
  private static Object unwrapSingles(Object node, int[] rewritten, boolean root) {
    if (node instanceof List<?> list) {
      ((List<Object>) list).replaceAll(value -> unwrapSingles(value, rewritten, false));
      return list;
    }
    if (!(node instanceof Map<?, ?> raw)) {
      return node;
    }
    Map<String, Object> map = (Map<String, Object>) raw;
    map.replaceAll((key, value) -> unwrapSingles(value, rewritten, false));
    for (String kind : List.of("oneOf", "anyOf", "allOf")) {
      if (map.get(kind) instanceof List<?> parts
          && parts.size() == 1
          && !map.containsKey("discriminator")) {
        if (map.size() == 1 && !root) {
          rewritten[0]++;
          return parts.get(0);
        }
        if (!kind.equals("allOf") && !map.containsKey("allOf")) {
          map.put("allOf", map.remove(kind));
          rewritten[0]++;
        }
      }
    }
    return map;
  }

  /**
   * Drops the headers of answers that declare neither {@code schema} nor {@code content}, as
   * OpenAPI requires of a header (Cloudflare's Export Zaraz Config gives {@code
   * Content-Disposition} a {@code parameter} instead): a fault of the spec, on which Prism, asked
   * for that answer, stops ({@code TypeError: The first argument must be of type string}).
   *
   * @return the headers dropped, as {@code METHOD path status header}
   */
  public static List<String> dropShapelessHeaders(Map<String, Object> spec) {
    List<String> dropped = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> operation : operationsByPlace(spec).entrySet()) {
      if (operation.getValue().get("responses") instanceof Map<?, ?> responses) {
        for (Map.Entry<?, ?> response : responses.entrySet()) {
          if (response.getValue() instanceof Map<?, ?> r
              && r.get("headers") instanceof Map<?, ?> headers) {
            for (Object name : new ArrayList<>(headers.keySet())) {
              if (headers.get(name) instanceof Map<?, ?> header
                  && !header.containsKey("$ref")
                  && !header.containsKey("schema")
                  && !header.containsKey("content")) {
                asMap(headers, "headers").remove(name);
                dropped.add(operation.getKey() + " " + response.getKey() + " " + name);
              }
            }
          }
        }
      }
    }
    return dropped;
  }

  private static final Pattern MEDIA_TYPE =
      Pattern.compile("^[A-Za-z0-9!#$&^_.+*-]+/[A-Za-z0-9!#$&^_.+*-]+(\\s*;.*)?$");

  /**
   * Drops the media types of request bodies and answers that are no media type at all (Cloudflare's
   * zones part answers Get Worker Script as {@code undefined}): a fault of the spec, on which Prism
   * stops with {@code TypeError: invalid media type}, and which no client could ask for in an
   * {@code Accept} header. An answer left with no media type is one without a body.
   *
   * @return the places dropped, as {@code METHOD path status media-type}
   */
  public static List<String> dropInvalidMediaTypes(Map<String, Object> spec) {
    List<String> dropped = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> operation : operationsByPlace(spec).entrySet()) {
      List<Map.Entry<String, Object>> places = new ArrayList<>();
      if (operation.getValue().get("requestBody") instanceof Map<?, ?> body) {
        places.add(Map.entry("body", body));
      }
      if (operation.getValue().get("responses") instanceof Map<?, ?> responses) {
        asMap(responses, "responses")
            .forEach((code, response) -> places.add(Map.entry(code, response)));
      }
      for (Map.Entry<String, Object> place : places) {
        if (place.getValue() instanceof Map<?, ?> holder
            && holder.get("content") instanceof Map<?, ?> content) {
          for (Object media : new ArrayList<>(content.keySet())) {
            if (!MEDIA_TYPE.matcher(String.valueOf(media)).matches()) {
              asMap(content, "content").remove(media);
              dropped.add(operation.getKey() + " " + place.getKey() + " " + media);
            }
          }
        }
      }
    }
    return dropped;
  }

  /**
   * Lifts the {@code required} of an {@code allOf} part that declares nothing else ({@code
   * iam_token_body}: {@code allOf: [$ref iam_token_base, {required: [name, policies]}]}) into the
   * schema itself, where OpenAPI Generator reads it; in the part, it loses it, and the type's
   * required properties with it.
   *
   * @return how many parts were lifted
   */
  public static int liftRequiredFromAllOf(Object node) {
    int lifted = 0;
    if (node instanceof Map<?, ?> raw) {
      Map<String, Object> map = asMap(raw, "schema");
      if (map.get("allOf") instanceof List<?> parts) {
        Set<Object> required = new LinkedHashSet<>();
        if (map.get("required") instanceof List<?> own) {
          required.addAll(own);
        }
        List<Object> kept = new ArrayList<>();
        for (Object part : parts) {
          if (part instanceof Map<?, ?> inline
              && !inline.containsKey("$ref")
              && !inline.containsKey("properties")
              && inline.get("required") instanceof List<?> names) {
            required.addAll(names);
            asMap(inline, "allOf").remove("required");
            lifted++;
            if (inline.isEmpty()) {
              continue;
            }
          }
          kept.add(part);
        }
        if (kept.isEmpty()) {
          map.remove("allOf");
        } else {
          map.put("allOf", kept);
        }
        if (!required.isEmpty()) {
          map.put("required", new ArrayList<>(required));
        }
      }
      for (Object value : map.values()) {
        lifted += liftRequiredFromAllOf(value);
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        lifted += liftRequiredFromAllOf(value);
      }
    }
    return lifted;
  }

  /**
   * Drops {@code type: object} beside an {@code allOf} of one reference ({@code result: {allOf:
   * [$ref SettingObject], type: object}}): the reference says the type already, and beside it
   * OpenAPI Generator types the property as a bare {@code Object} instead of the referenced type,
   * as it does for the usual {@code allOf} of one reference that adds a description.
   *
   * @return how many were dropped
   */
  public static int dropTypeBesideSingleRef(Object node) {
    int dropped = 0;
    if (node instanceof Map<?, ?> raw) {
      Map<String, Object> map = asMap(raw, "schema");
      if ("object".equals(map.get("type"))
          && map.get("properties") == null
          && map.get("allOf") instanceof List<?> parts
          && parts.size() == 1
          && refName(parts.get(0)) != null) {
        map.remove("type");
        dropped++;
      }
      for (Object value : map.values()) {
        dropped += dropTypeBesideSingleRef(value);
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        dropped += dropTypeBesideSingleRef(value);
      }
    }
    return dropped;
  }

  /** Keys whose values are data, not schemas: a walk over schemas leaves them as they are. */
  private static final Set<String> NOT_SCHEMAS =
      Set.of("example", "examples", "default", "enum", "const");

  /**
   * Drops {@code items} beside a type other than {@code array} ({@code result: {type: object,
   * items: {...}}}, the fields of a Logpush dataset): {@code items} applies to arrays only (JSON
   * Schema), so the value is what its type says; OpenAPI Generator would read {@code items} as
   * making it an array, and the client would refuse the object Cloudflare answers.
   *
   * @return how many were dropped
   */
  public static int dropItemsBesideOtherTypes(Object node) {
    int dropped = 0;
    if (node instanceof Map<?, ?> raw) {
      Map<String, Object> map = asMap(raw, "schema");
      if (map.get("type") instanceof String type
          && !type.equals("array")
          && map.get("items") instanceof Map<?, ?>) {
        map.remove("items");
        dropped++;
      }
      for (Map.Entry<String, Object> entry : map.entrySet()) {
        if (!NOT_SCHEMAS.contains(entry.getKey()) && !entry.getKey().startsWith("x-")) {
          dropped += dropItemsBesideOtherTypes(entry.getValue());
        }
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        dropped += dropItemsBesideOtherTypes(value);
      }
    }
    return dropped;
  }

  /** The vendor extension that marks an operation whose call yields its answer raw. */
  public static final String RAW = "x-cloudflare4j-raw";

  /**
   * Marks ({@value #RAW}) each operation whose successful answers are {@code multipart} only (a
   * snippet's files): its call yields the answer itself, an {@code okhttp3.ResponseBody} with its
   * media type, for the caller to read with OkHttp's {@code MultipartReader}; OpenAPI Generator
   * would name a model for the parts that it never generates.
   *
   * @return how many operations were marked
   */
  public static int markRawAnswers(Map<String, Object> spec) {
    int marked = 0;
    for (Map<String, Object> operation : operationsOf(spec)) {
      if (!(operation.get("responses") instanceof Map<?, ?> responses)) {
        continue;
      }
      Set<String> media = new LinkedHashSet<>();
      for (Map.Entry<?, ?> response : responses.entrySet()) {
        String code = String.valueOf(response.getKey());
        if ((code.startsWith("2") || code.equals("default"))
            && resolve(spec, response.getValue(), code).get("content") instanceof Map<?, ?> c) {
          c.keySet().forEach(type -> media.add(String.valueOf(type)));
        }
      }
      if (!media.isEmpty() && media.stream().allMatch(type -> type.startsWith("multipart/"))) {
        operation.put(RAW, true);
        marked++;
      }
    }
    return marked;
  }

  /**
   * Applies an OpenAPI Overlay 1.0 document: each action's {@code target} (JSONPath: {@code $},
   * {@code .name}, {@code ['name']}, {@code [0]}, {@code .*}, {@code [*]}) gets its {@code update}
   * merged in, or is removed ({@code remove: true}). A target that matches nothing is an error: the
   * overlay has gone stale against the spec it corrects.
   *
   * @return the description of each action applied
   */
  public static List<String> applyOverlay(Map<String, Object> spec, Map<String, Object> overlay) {
    List<String> applied = new ArrayList<>();
    Object actions = overlay.get("actions");
    if (!(actions instanceof List<?> list)) {
      throw new IllegalArgumentException("the overlay has no actions list");
    }
    for (Object each : list) {
      Map<String, Object> action = asMap(each, "overlay action");
      String target = String.valueOf(action.get("target"));
      List<Match> matches = select(spec, target);
      if (matches.isEmpty()) {
        throw new IllegalArgumentException(
            "overlay target matches nothing (stale after a refresh?): " + target);
      }
      for (Match match : matches) {
        if (Boolean.TRUE.equals(action.get("remove"))) {
          match.remove();
        } else if (action.containsKey("update")) {
          match.update(action.get("update"));
        } else {
          throw new IllegalArgumentException(
              "overlay action with neither update nor remove: " + target);
        }
      }
      applied.add(String.valueOf(action.getOrDefault("description", target)));
    }
    return applied;
  }

  /** One node a JSONPath selected, with the container that holds it. */
  private record Match(Object container, Object key, Object value) {
    @SuppressWarnings("unchecked")
    void remove() {
      if (container instanceof Map<?, ?> map) {
        map.remove(key);
      } else if (container instanceof List<?> list) {
        list.remove(value);
      } else {
        throw new IllegalArgumentException("an overlay cannot remove the document itself");
      }
    }

    @SuppressWarnings("unchecked")
    void update(Object update) {
      if (value instanceof Map<?, ?> map && update instanceof Map<?, ?> changes) {
        merge((Map<String, Object>) map, (Map<String, Object>) changes);
      } else if (value instanceof List<?> list) {
        if (update instanceof List<?> more) {
          ((List<Object>) list).addAll(more);
        } else {
          ((List<Object>) list).add(update);
        }
      } else if (container instanceof Map<?, ?> map) {
        ((Map<Object, Object>) map).put(key, update);
      } else {
        throw new IllegalArgumentException("cannot update " + key + " with " + update);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, Object> changes) {
    for (Map.Entry<String, Object> change : changes.entrySet()) {
      Object old = into.get(change.getKey());
      if (old instanceof Map<?, ?> oldMap && change.getValue() instanceof Map<?, ?> newMap) {
        merge((Map<String, Object>) oldMap, (Map<String, Object>) newMap);
      } else {
        into.put(change.getKey(), change.getValue());
      }
    }
  }

  static List<Match> select(Object document, String path) {
    if (!path.startsWith("$")) {
      throw new IllegalArgumentException("a JSONPath starts with $: " + path);
    }
    List<Match> current = List.of(new Match(null, null, document));
    Matcher step = STEP.matcher(path);
    int at = 1;
    while (at < path.length()) {
      if (!step.find(at) || step.start() != at) {
        throw new IllegalArgumentException("unsupported JSONPath at offset " + at + ": " + path);
      }
      String name = step.group(1) != null ? step.group(1) : step.group(2);
      if (name != null) {
        name = name.replaceAll("\\\\(.)", "$1");
      }
      Integer index = step.group(3) == null ? null : Integer.valueOf(step.group(3));
      List<Match> next = new ArrayList<>();
      for (Match match : current) {
        if (index != null) {
          if (match.value() instanceof List<?> list && index < list.size()) {
            next.add(new Match(list, index, list.get(index)));
          }
        } else if (match.value() instanceof Map<?, ?> map) {
          if (name == null) {
            map.forEach((k, v) -> next.add(new Match(map, k, v)));
          } else if (map.containsKey(name)) {
            next.add(new Match(map, name, map.get(name)));
          }
        } else if (match.value() instanceof List<?> list && name == null) {
          for (int i = 0; i < list.size(); i++) {
            next.add(new Match(list, i, list.get(i)));
          }
        }
      }
      current = next;
      at = step.end();
    }
    return current;
  }

  // ---------------------------------------------------------------------------------------------
  // shape: the name of every generated type and what each operation's call yields

  /** The vendor extension (from the overlay) that names the type an inline schema becomes. */
  public static final String NAME = "x-cloudflare4j-name";

  /**
   * Names every type the generator will write and tells each operation what its call yields, so
   * that the generator runs once and the templates read everything they need from the prepared
   * spec: an API template cannot see models, and the generator's own names depend on where it meets
   * a schema.
   *
   * <ol>
   *   <li>Each inline schema the overlay names ({@value #NAME}) becomes a component of that name.
   *   <li>Each component gets its Java name, which the generator then keeps as it is: Cloudflare's
   *       name in UpperCamelCase ({@code iam_token_base} is {@code IamTokenBase}; of two names that
   *       differ only in punctuation, the later in the document gets a number), or its {@value
   *       #NAME}. References follow. (Where a schema came from is not written into it: with such a
   *       key on every component, Prism, which serves this copy, stopped honouring {@code readOnly}
   *       in request bodies.)
   *   <li>Each operation's answer and an envelope's {@code result} that would be a type of its own
   *       but has no name get one: {@code <Operation>Response}, {@code <Envelope>Result} (with
   *       {@code Item} for the items of a list, {@code Value} for those of a map).
   *   <li>Each operation gets {@value #RESULT}, the Java type its call yields: for an answer that
   *       is a Cloudflare envelope ({@code success} with {@code result} or {@code errors}) the type
   *       of its {@code result} ({@code Void} without one), with the envelope's class in {@value
   *       #ENVELOPE} and the same {@value #RESULT} on the envelope's schema (its model implements
   *       {@code dev.cloudflare4j.Envelope}); for any other answer, the answer's own type.
   * </ol>
   *
   * @return how many operations answer an envelope
   * @throws IllegalArgumentException if the overlay gives one name twice, or a name a component has
   */
  public static int shape(Map<String, Object> spec) {
    hoistNamed(spec);
    Map<String, String> renamed = renameComponents(spec);
    int envelopes = 0;
    for (Map.Entry<String, Map<String, Object>> operation : operationsByPlace(spec).entrySet()) {
      if (yields(spec, operation.getValue(), operation.getKey())) {
        envelopes++;
      }
      nameRequestBody(spec, operation.getValue());
      nameFailures(spec, operation.getValue());
    }
    hoistTypes(spec);
    hoistEnums(spec);
    nameAlternatives(spec, renamed);
    tellUnionsApart(spec, renamed);
    return envelopes;
  }

  /** The vendor extension that names a union's alternative ({@code of<Name>}, {@code is<Name>}). */
  public static final String ALTERNATIVE = "x-cloudflare4j-alternative";

  /**
   * Names each alternative of each union ({@value #ALTERNATIVE}), by the first of: the name the
   * overlay gives it; the name of the component it refers to, without the words it starts with in
   * common with the union's ({@code dns-records_ARecord} in {@code dns-records_dns-record}: {@code
   * ARecord}); its {@code title}; its one enum value ({@code Value1} for {@code enum: [1]}); for an
   * object, its first property that no other alternative has ({@code index}, {@code before}, {@code
   * after}: {@code Index}, {@code Before}, {@code After}); else its type ({@code String}, {@code
   * Number}, {@code List}, {@code Object}...). A name two alternatives would share is numbered from
   * the second ({@code Object2}). A component that is an alternative carries its name for every
   * union it is in, so it gets one only when that name is unique in each of them; without one, an
   * alternative is named by its Java type.
   */
  private static void nameAlternatives(Map<String, Object> spec, Map<String, String> renamed) {
    Map<String, String> original = new LinkedHashMap<>();
    renamed.forEach((from, to) -> original.put(to, from));
    Map<String, Object> schemas = schemas(spec, true);
    Map<String, String> byComponent = new LinkedHashMap<>();
    Set<String> refused = new LinkedHashSet<>();
    for (Map.Entry<String, Object> entry : schemas.entrySet()) {
      if (!(entry.getValue() instanceof Map<?, ?> raw) || !isUnion(asMap(raw, "union"))) {
        continue;
      }
      Map<String, Object> union = asMap(raw, "union");
      List<?> alternatives =
          union.get("oneOf") instanceof List<?> one ? one : (List<?>) union.get("anyOf");
      List<String> names =
          alternativeNames(
              spec, alternatives, original, original.getOrDefault(entry.getKey(), entry.getKey()));
      for (int i = 0; i < alternatives.size(); i++) {
        String component = refName(alternatives.get(i));
        if (component == null) {
          asMap(alternatives.get(i), "alternative").put(ALTERNATIVE, names.get(i));
        } else if (!names.get(i).equals(byComponent.getOrDefault(component, names.get(i)))) {
          refused.add(component);
        } else {
          byComponent.put(component, names.get(i));
        }
      }
    }
    byComponent.forEach(
        (component, name) -> {
          if (schemas.get(component) instanceof Map<?, ?> type) {
            if (refused.contains(component)) {
              asMap(type, component).remove(ALTERNATIVE);
            } else {
              asMap(type, component).put(ALTERNATIVE, name);
            }
          }
        });
  }

  /** The names of a union's alternatives, each unique in the union (numbered from the second). */
  private static List<String> alternativeNames(
      Map<String, Object> spec, List<?> alternatives, Map<String, String> original, String union) {
    List<String> names = new ArrayList<>();
    Set<String> taken = new LinkedHashSet<>();
    for (Object alternative : alternatives) {
      String name = alternativeName(spec, alternative, alternatives, original, union);
      String unique = name;
      for (int n = 2; taken.contains(unique); n++) {
        unique = name + n;
      }
      taken.add(unique);
      names.add(unique);
    }
    return names;
  }

  private static final Map<String, String> TYPE_WORDS =
      Map.of(
          "string", "String",
          "integer", "Integer",
          "number", "Number",
          "boolean", "Boolean",
          "array", "List",
          "object", "Object");

  /** The name of one alternative of a union, as {@link #nameAlternatives} gives it. */
  private static String alternativeName(
      Map<String, Object> spec,
      Object alternative,
      List<?> all,
      Map<String, String> original,
      String union) {
    String component = refName(alternative);
    if (component != null) {
      if (schemas(spec, true).get(component) instanceof Map<?, ?> type
          && type.get(ALTERNATIVE) instanceof String named) {
        // Named by the overlay, or when it was hoisted from an inline alternative.
        return named;
      }
      String name = withoutShared(original.getOrDefault(component, component), union);
      return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? component : name;
    }
    Map<String, Object> schema = asMap(alternative, "alternative");
    if (schema.get(ALTERNATIVE) instanceof String named) {
      return named;
    }
    if (schema.get("title") instanceof String title && !words(title).isEmpty()) {
      String name = words(title);
      return Character.isLetter(name.charAt(0)) ? name : "Value" + name;
    }
    if (schema.get("enum") instanceof List<?> values
        && values.size() == 1
        && values.get(0) != null
        && !words(String.valueOf(values.get(0))).isEmpty()) {
      String name = words(String.valueOf(values.get(0)));
      return Character.isLetter(name.charAt(0)) ? name : "Value" + name;
    }
    if (schema.get("properties") instanceof Map<?, ?> properties) {
      for (Object property : properties.keySet()) {
        boolean own = true;
        for (Object other : all) {
          if (other != alternative) {
            Map<String, Map<String, Object>> owners = new LinkedHashMap<>();
            collectProperties(spec, resolve(spec, other, "alternative"), owners, 0);
            own &= !owners.containsKey(String.valueOf(property));
          }
        }
        String name = words(String.valueOf(property));
        if (own && !name.isEmpty() && Character.isLetter(name.charAt(0))) {
          return name;
        }
      }
      return "Object";
    }
    return TYPE_WORDS.getOrDefault(String.valueOf(schema.get("type")), "Value");
  }

  /**
   * The words of {@code name} in UpperCamelCase, without those it starts with in common with {@code
   * union} ({@code dns-records_ARecord} in {@code dns-records_dns-record}: {@code ARecord}; {@code
   * iam_resources_type_object_string} in {@code iam_resources}: {@code TypeObjectString}); all of
   * them when that would leave none.
   */
  private static String withoutShared(String name, String union) {
    List<String> own = tokens(name);
    List<String> shared = wordList(union);
    int k = 0;
    while (k < own.size() - 1
        && k < shared.size()
        && own.get(k).toLowerCase(java.util.Locale.ROOT).equals(shared.get(k))) {
      k++;
    }
    return words(String.join("_", own.subList(k, own.size())));
  }

  /**
   * Names each inline schema of an operation's failure answers that would be a type of its own:
   * {@code <Operation>Failure} (numbered from the second, in the order of the status codes).
   */
  private static void nameFailures(Map<String, Object> spec, Map<String, Object> operation) {
    if (!(operation.get("responses") instanceof Map<?, ?> responses)) {
      return;
    }
    String base = typeName(String.valueOf(operation.get("operationId"))) + "Failure";
    for (Map.Entry<?, ?> response : responses.entrySet()) {
      String code = String.valueOf(response.getKey());
      if (!code.startsWith("2")
          && !code.equals("default")
          && response.getValue() instanceof Map<?, ?> r
          && r.get("content") instanceof Map<?, ?> content) {
        for (Object media : content.values()) {
          if (media instanceof Map<?, ?> m
              && m.get("schema") instanceof Map<?, ?> schema
              && !schema.containsKey("$ref")
              && isInlineType(spec, asMap(schema, "schema"))) {
            asMap(m, "media").put("schema", hoisted(spec, asMap(schema, "schema"), base));
          }
        }
      }
    }
  }

  /**
   * Makes every inline schema inside a component that would be a type of its own (an object with
   * properties, a union, an {@code allOf} holding one) a component, named after its place rather
   * than by the generator ({@code ...AllOfResult}, {@code ...OneOf1}): a property {@code
   * <Owner><Property>}, the items of a list {@code <Owner><Property>Item} and the values of a map
   * {@code <Owner><Property>Value}, an alternative of a union {@code <Union><Alternative>} (the
   * alternative named as {@link #nameAlternatives} names it). The inline parts of an {@code allOf}
   * are the owner's own. A name a component already has is numbered from 2, in the document's
   * order.
   */
  private static void hoistTypes(Map<String, Object> spec) {
    Map<String, Object> schemas = schemas(spec, true);
    Deque<String> pending = new ArrayDeque<>(schemas.keySet());
    while (!pending.isEmpty()) {
      String owner = pending.poll();
      if (schemas.get(owner) instanceof Map<?, ?> raw) {
        pending.addAll(hoistInside(spec, asMap(raw, owner), owner));
      }
    }
  }

  /** Hoists the inline types inside one schema named {@code owner}; returns the new components. */
  private static List<String> hoistInside(
      Map<String, Object> spec, Map<String, Object> schema, String owner) {
    List<String> added = new ArrayList<>();
    if (schema.get("properties") instanceof Map<?, ?> properties) {
      for (Map.Entry<String, Object> property : asMap(properties, "properties").entrySet()) {
        property.setValue(
            hoistPlace(spec, property.getValue(), owner + words(property.getKey()), added));
      }
    }
    schema.computeIfPresent("items", (k, v) -> hoistPlace(spec, v, owner + "Item", added));
    if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
      schema.put("additionalProperties", hoistPlace(spec, values, owner + "Value", added));
    }
    if (schema.get("allOf") instanceof List<?> parts) {
      for (Object part : parts) {
        if (part instanceof Map<?, ?> inline && !inline.containsKey("$ref")) {
          added.addAll(hoistInside(spec, asMap(inline, "allOf"), owner));
        }
      }
    }
    for (String kind : List.of("oneOf", "anyOf")) {
      if (schema.get(kind) instanceof List<?> parts && parts.size() > 1) {
        List<String> names = alternativeNames(spec, parts, Map.of(), owner);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
          Object part = parts.get(i);
          if (part instanceof Map<?, ?> inline && !inline.containsKey("$ref")) {
            asMap(inline, kind).put(ALTERNATIVE, names.get(i));
          }
          out.add(hoistPlace(spec, part, owner + names.get(i), added));
        }
        schema.put(kind, out);
      }
    }
    return added;
  }

  /**
   * The schema at a place: a component named {@code name} when it is an inline type, else the
   * schema, the items of a list and the values of a map hoisted the same way.
   */
  private static Object hoistPlace(
      Map<String, Object> spec, Object node, String name, List<String> added) {
    if (!(node instanceof Map<?, ?> raw) || raw.containsKey("$ref")) {
      return node;
    }
    Map<String, Object> schema = asMap(raw, name);
    if (isInlineType(spec, schema)) {
      Map<String, Object> ref = hoisted(spec, schema, name);
      added.add(refName(ref));
      return ref;
    }
    schema.computeIfPresent("items", (k, v) -> hoistPlace(spec, v, name + "Item", added));
    if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
      schema.put("additionalProperties", hoistPlace(spec, values, name + "Value", added));
    }
    return schema;
  }

  /** Makes a schema the component {@code name} (numbered from 2 when taken); its reference. */
  private static Map<String, Object> hoisted(
      Map<String, Object> spec, Map<String, Object> schema, String name) {
    Map<String, Object> schemas = schemas(spec, true);
    String unique = name;
    for (int n = 2; schemas.containsKey(unique); n++) {
      unique = name + n;
    }
    schemas.put(unique, schema);
    return new LinkedHashMap<>(Map.of("$ref", "#/components/schemas/" + unique));
  }

  /** The vendor extension that tells a union's alternatives apart by one property's value. */
  public static final String DISCRIMINATOR = "x-cloudflare4j-discriminator";

  /**
   * Tells each union ({@code oneOf}/{@code anyOf}) how its alternatives are told apart when read
   * ({@value #DISCRIMINATOR}: {@code property}, and {@code mapping}, each value of it with the
   * alternative it names): by the {@code discriminator} the spec gives, else, when every
   * alternative is an object with the same property holding one value of its own ({@code type:
   * {enum: [A]}} in each DNS record), by that property. Without either, a union read from JSON is
   * every alternative the JSON can be read as.
   */
  private static void tellUnionsApart(Map<String, Object> spec, Map<String, String> renamed) {
    Map<String, String> original = new LinkedHashMap<>();
    renamed.forEach((from, to) -> original.put(to, from));
    for (Map.Entry<String, Object> component : schemas(spec, true).entrySet()) {
      Map<String, Object> union = asMap(component.getValue(), component.getKey());
      List<?> alternatives =
          union.get("oneOf") instanceof List<?> one
              ? one
              : union.get("anyOf") instanceof List<?> any ? any : null;
      if (alternatives == null || alternatives.size() < 2) {
        continue;
      }
      Map<String, Object> told = null;
      if (union.get("discriminator") instanceof Map<?, ?> discriminator
          && discriminator.get("propertyName") instanceof String property) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (discriminator.get("mapping") instanceof Map<?, ?> mapping) {
          mapping.forEach(
              (value, ref) ->
                  values.put(String.valueOf(value), refName(Map.of("$ref", String.valueOf(ref)))));
        }
        for (Object alternative : alternatives) {
          String name = refName(alternative);
          if (name != null && !values.containsValue(name)) {
            // Unmapped, an alternative's value is its schema's name in the spec.
            values.put(original.getOrDefault(name, name), name);
          }
        }
        told = new LinkedHashMap<>(Map.of("property", property, "values", values));
      } else {
        told = impliedDiscriminator(spec, alternatives);
      }
      if (told != null) {
        // As a list the templates can walk, and only of values that name an alternative.
        List<Object> mapping = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        alternatives.forEach(alternative -> names.add(refName(alternative)));
        asMap(told.get("values"), "values")
            .forEach(
                (value, alternative) -> {
                  if (names.contains(String.valueOf(alternative))) {
                    // By the name the templates give it: its own, else its class's.
                    Object name =
                        schemas(spec, true).get(String.valueOf(alternative))
                                    instanceof Map<?, ?> type
                                && type.get(ALTERNATIVE) instanceof String own
                            ? own
                            : alternative;
                    mapping.add(new LinkedHashMap<>(Map.of("value", value, "alternative", name)));
                  }
                });
        union.put(
            DISCRIMINATOR,
            new LinkedHashMap<>(Map.of("property", told.get("property"), "mapping", mapping)));
      }
    }
  }

  /**
   * The property every alternative holds with one value of its own, and those values, or null: each
   * alternative must be a reference to an object, and the values must differ.
   */
  private static Map<String, Object> impliedDiscriminator(
      Map<String, Object> spec, List<?> alternatives) {
    Map<String, Map<String, Object>> constants = new LinkedHashMap<>();
    for (Object alternative : alternatives) {
      String name = refName(alternative);
      if (name == null) {
        return null;
      }
      Map<String, Map<String, Object>> owners = new LinkedHashMap<>();
      collectProperties(spec, resolve(spec, alternative, name), owners, 0);
      Map<String, Object> single = new LinkedHashMap<>();
      for (Map.Entry<String, Map<String, Object>> owner : owners.entrySet()) {
        Map<String, Object> property = resolve(spec, owner.getValue().get(owner.getKey()), name);
        if (property.get("enum") instanceof List<?> values
            && values.size() == 1
            && values.get(0) instanceof String value) {
          single.put(owner.getKey(), value);
        }
      }
      constants.put(name, single);
    }
    for (String property : constants.values().iterator().next().keySet()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (Map.Entry<String, Map<String, Object>> alternative : constants.entrySet()) {
        Object value = alternative.getValue().get(property);
        if (value == null || values.put(String.valueOf(value), alternative.getKey()) != null) {
          values = null;
          break;
        }
      }
      if (values != null) {
        return new LinkedHashMap<>(Map.of("property", property, "values", values));
      }
    }
    return null;
  }

  /** An inline request body that is a type of its own becomes a component, {@code <Op>Request}. */
  private static void nameRequestBody(Map<String, Object> spec, Map<String, Object> operation) {
    if (operation.get("requestBody") instanceof Map<?, ?> body
        && !body.containsKey("$ref")
        && body.get("content") instanceof Map<?, ?> content) {
      String id = String.valueOf(operation.get("operationId"));
      for (Object media : content.values()) {
        if (media instanceof Map<?, ?> m && m.get("schema") instanceof Map<?, ?>) {
          named(spec, asMap(m, "media"), "schema", typeName(id) + "Request");
        }
      }
    }
  }

  /**
   * Makes every inline enum a component of its own, named after where it is ({@code
   * <Type><Property>}: {@code PermissionGroupListResponseCategory}), so that each enum is a class
   * with its own JSON adapter rather than one nested in a record. Enums of booleans stay {@code
   * Boolean}, and one of {@code null} alone {@code Object}.
   */
  private static void hoistEnums(Map<String, Object> spec) {
    Map<String, Object> schemas = schemas(spec, true);
    Map<String, Object> hoisted = new LinkedHashMap<>();
    for (Map.Entry<String, Object> component : new ArrayList<>(schemas.entrySet())) {
      Map<String, Object> schema = asMap(component.getValue(), component.getKey());
      String from = "the schema " + component.getKey();
      hoistEnumsIn(schema, component.getKey(), from, schemas, hoisted);
      // A component that names a list or a map of enums: the enum is a type of its own.
      for (String holder : List.of("items", "additionalProperties")) {
        if (schema.get(holder) instanceof Map<?, ?>) {
          schema.put(
              holder,
              hoistEnum(schema.get(holder), component.getKey() + "Value", from, schemas, hoisted));
        }
      }
    }
    schemas.putAll(hoisted);
  }

  private static void hoistEnumsIn(
      Map<String, Object> schema,
      String owner,
      String from,
      Map<String, Object> schemas,
      Map<String, Object> hoisted) {
    if (schema.get("properties") instanceof Map<?, ?> properties) {
      for (Map.Entry<String, Object> property : asMap(properties, "properties").entrySet()) {
        String name = owner + words(property.getKey());
        property.setValue(
            hoistEnum(
                property.getValue(),
                name,
                "{@code " + property.getKey() + "} of " + from,
                schemas,
                hoisted));
      }
    }
    for (String kind : List.of("allOf", "oneOf", "anyOf")) {
      if (schema.get(kind) instanceof List<?> parts) {
        for (Object part : parts) {
          if (part instanceof Map<?, ?> inline && !inline.containsKey("$ref")) {
            hoistEnumsIn(asMap(inline, kind), owner, from, schemas, hoisted);
          }
        }
      }
    }
  }

  /** The schema with each enum in it (in it, its items, its values) made a named component. */
  private static Object hoistEnum(
      Object node,
      String name,
      String from,
      Map<String, Object> schemas,
      Map<String, Object> hoisted) {
    if (!(node instanceof Map<?, ?> raw) || raw.containsKey("$ref")) {
      return node;
    }
    Map<String, Object> schema = asMap(raw, name);
    if (!"boolean".equals(schema.get("type"))
        && schema.get("enum") instanceof List<?> values
        && values.stream().anyMatch(Objects::nonNull)) {
      String unique = name;
      for (int n = 2; schemas.containsKey(unique) || hoisted.containsKey(unique); n++) {
        unique = name + n;
      }
      hoisted.put(unique, schema);
      return new LinkedHashMap<>(Map.of("$ref", "#/components/schemas/" + unique));
    }
    if (schema.get("items") != null) {
      schema.put("items", hoistEnum(schema.get("items"), name, from, schemas, hoisted));
    }
    if (schema.get("additionalProperties") instanceof Map<?, ?>) {
      schema.put(
          "additionalProperties",
          hoistEnum(schema.get("additionalProperties"), name, from, schemas, hoisted));
    }
    // An inline object: the generator names it after this place; its own enums are named so too.
    hoistEnumsIn(schema, name, from, schemas, hoisted);
    return schema;
  }

  private static Map<String, Object> schemas(Map<String, Object> spec, boolean create) {
    Map<String, Object> components =
        create
            ? asMap(spec.computeIfAbsent("components", k -> new LinkedHashMap<>()), "components")
            : components(spec);
    Object schemas =
        create
            ? components.computeIfAbsent("schemas", k -> new LinkedHashMap<>())
            : components.get("schemas");
    return schemas == null ? new LinkedHashMap<>() : asMap(schemas, "components.schemas");
  }

  /** Moves every inline schema the overlay named into the components, under that name. */
  private static void hoistNamed(Map<String, Object> spec) {
    Map<String, Object> schemas = schemas(spec, true);
    Map<String, Object> hoisted = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : spec.entrySet()) {
      if (!entry.getKey().equals("components")) {
        entry.setValue(hoist(entry.getValue(), hoisted));
      }
    }
    for (Map.Entry<String, Object> component : components(spec).entrySet()) {
      if (component.getValue() instanceof Map<?, ?> all) {
        for (Map.Entry<String, Object> each : asMap(all, component.getKey()).entrySet()) {
          // A component's own name is a rename, not a hoist: only what is inside moves.
          if (each.getValue() instanceof Map<?, ?> node) {
            asMap(node, each.getKey()).replaceAll((k, v) -> hoist(v, hoisted));
          }
        }
      }
    }
    for (Map.Entry<String, Object> type : hoisted.entrySet()) {
      if (schemas.putIfAbsent(type.getKey(), type.getValue()) != null) {
        throw new IllegalArgumentException(
            "the overlay names an inline schema "
                + type.getKey()
                + ", which a component is called");
      }
    }
  }

  private static Object hoist(Object node, Map<String, Object> hoisted) {
    if (node instanceof Map<?, ?> raw) {
      Map<String, Object> map = asMap(raw, "schema");
      map.replaceAll((k, v) -> hoist(v, hoisted));
      if (map.get(NAME) instanceof String name) {
        map.remove(NAME);
        if (hoisted.putIfAbsent(name, map) != null) {
          throw new IllegalArgumentException("the overlay names two inline schemas " + name);
        }
        return new LinkedHashMap<>(Map.of("$ref", "#/components/schemas/" + name));
      }
      return map;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(value -> out.add(hoist(value, hoisted)));
      return out;
    }
    return node;
  }

  /**
   * Gives every component schema its Java name and rewrites the references to it; the generator
   * keeps a name that is already an UpperCamelCase identifier as it is.
   */
  private static Map<String, String> renameComponents(Map<String, Object> spec) {
    Map<String, Object> schemas = schemas(spec, true);
    Map<String, String> renamed = new LinkedHashMap<>();
    Map<String, String> originals = new LinkedHashMap<>();
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> component : schemas.entrySet()) {
      Map<String, Object> schema = asMap(component.getValue(), component.getKey());
      String java;
      if (schema.get(NAME) instanceof String name) {
        java = name;
        if (originals.containsKey(fileKey(java))) {
          throw new IllegalArgumentException(
              "the overlay names "
                  + component.getKey()
                  + " "
                  + java
                  + ", which "
                  + originals.get(fileKey(java))
                  + " is called");
        }
      } else {
        // Cloudflare's text has names that differ only in punctuation or case
        // (bill-subs-api_rate-plan, bill-subs-api_rate_plan; ..._customhostname,
        // ..._custom_hostname): the later, in the document's order, is numbered. Case counts
        // too: the types are files, and some file systems ignore it.
        String base = typeName(areaOnce(component.getKey()));
        java = base;
        for (int n = 2; originals.containsKey(fileKey(java)); n++) {
          java = base + n;
        }
      }
      schema.remove(NAME);
      originals.put(fileKey(java), component.getKey());
      renamed.put(component.getKey(), java);
      out.put(java, schema);
    }
    schemas.clear();
    schemas.putAll(out);
    rewriteRefs(spec, renamed);
    return renamed;
  }

  /**
   * A Cloudflare name with its area said once: {@code dns-records_dns-record} as {@code
   * dns-record}, the part after the area when it starts with the area's words (its last word
   * singular or not); any other name as it is ({@code dns-records_ttl}), since the area is what
   * tells one area's {@code ttl} from another's and keeps the name when a refresh adds another.
   */
  static String areaOnce(String name) {
    int cut = name.indexOf('_');
    if (cut <= 0 || cut == name.length() - 1) {
      return name;
    }
    List<String> area = wordList(name.substring(0, cut));
    List<String> rest = wordList(name.substring(cut + 1));
    if (area.isEmpty() || rest.size() < area.size()) {
      return name;
    }
    for (int i = 0; i < area.size(); i++) {
      String a = area.get(i);
      String r = rest.get(i);
      boolean last = i == area.size() - 1;
      if (!a.equals(r) && !(last && a.equals(r + "s"))) {
        return name;
      }
    }
    return name.substring(cut + 1);
  }

  /** The words (letters and digits) of a name, in lower case. */
  private static List<String> wordList(String name) {
    List<String> out = new ArrayList<>();
    for (String word : tokens(name)) {
      out.add(word.toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");

  /** The words (runs of letters and digits) of a name, as written. */
  private static List<String> tokens(String name) {
    List<String> out = new ArrayList<>();
    Matcher word = WORD.matcher(name);
    while (word.find()) {
      out.add(word.group());
    }
    return out;
  }

  private static String fileKey(String type) {
    return type.toLowerCase(java.util.Locale.ROOT);
  }

  /** Java types the generated code names unqualified: a type of the spec may not take them. */
  private static final Set<String> TAKEN_NAMES =
      Set.of(
          "Object",
          "String",
          "Boolean",
          "Integer",
          "Long",
          "Float",
          "Double",
          "Byte",
          "Void",
          "Number",
          "Character",
          "Short",
          "Class",
          "Enum",
          "Record",
          "Override",
          "Deprecated",
          "SuppressWarnings",
          "Exception",
          "Error",
          "Iterable",
          "Math",
          "System",
          "Thread",
          "Runtime",
          "Process",
          "Module",
          "Package",
          "List",
          "Map",
          "Set",
          "UUID",
          "URI",
          "BigDecimal",
          "LocalDate",
          "OffsetDateTime",
          "File",
          "Date",
          "Json",
          "JsonClass",
          "Builder",
          "Value");

  /**
   * The Java name of a schema called {@code name}: its words (letters and digits) in
   * UpperCamelCase, {@code iam_api-response-single-id} as {@code IamApiResponseSingleId}; a name
   * Java or the generated code already uses gets {@code Model} in front, as the generator does.
   */
  static String typeName(String name) {
    String java = words(name);
    return java.isEmpty() || Character.isDigit(java.charAt(0)) || TAKEN_NAMES.contains(java)
        ? "Model" + java
        : java;
  }

  /** The words (letters and digits) of a name in UpperCamelCase. */
  private static String words(String name) {
    StringBuilder out = new StringBuilder();
    for (String word : tokens(name)) {
      out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
    }
    return out.toString();
  }

  /** Rewrites every {@code $ref} and discriminator mapping to a renamed schema. */
  private static void rewriteRefs(Object node, Map<String, String> renamed) {
    if (node instanceof Map<?, ?> raw) {
      Map<String, Object> map = asMap(raw, "node");
      for (Map.Entry<String, Object> entry : map.entrySet()) {
        if (entry.getKey().equals("$ref") && entry.getValue() instanceof String ref) {
          entry.setValue(renamedRef(ref, renamed));
        } else if (entry.getKey().equals("discriminator")
            && entry.getValue() instanceof Map<?, ?> discriminator
            && discriminator.get("mapping") instanceof Map<?, ?> mapping) {
          asMap(mapping, "mapping")
              .replaceAll((value, ref) -> renamedRef(String.valueOf(ref), renamed));
        } else {
          rewriteRefs(entry.getValue(), renamed);
        }
      }
    } else if (node instanceof List<?> list) {
      list.forEach(value -> rewriteRefs(value, renamed));
    }
  }

  /** A reference (or a discriminator's bare schema name) to a schema, under its new name. */
  private static String renamedRef(String ref, Map<String, String> renamed) {
    String prefix = "#/components/schemas/";
    if (!ref.startsWith("#/")) {
      return renamed.getOrDefault(ref, ref);
    }
    if (!ref.startsWith(prefix)) {
      return ref;
    }
    String target = ref.substring(prefix.length()).replace("~1", "/").replace("~0", "~");
    String java = renamed.get(target);
    return java == null ? ref : prefix + java;
  }

  /** Every operation, by {@code METHOD path}. */
  private static Map<String, Map<String, Object>> operationsByPlace(Map<String, Object> spec) {
    Map<String, Map<String, Object>> all = new LinkedHashMap<>();
    for (Map.Entry<String, Object> path :
        asMap(spec.getOrDefault("paths", Map.of()), "paths").entrySet()) {
      if (path.getValue() instanceof Map<?, ?> methods) {
        for (Map.Entry<?, ?> entry : methods.entrySet()) {
          if (METHODS.contains(String.valueOf(entry.getKey()))
              && entry.getValue() instanceof Map<?, ?> operation) {
            all.put(
                String.valueOf(entry.getKey()).toUpperCase(java.util.Locale.ROOT)
                    + " "
                    + path.getKey(),
                asMap(operation, path.getKey()));
          }
        }
      }
    }
    return all;
  }

  /**
   * Writes what an operation's call yields ({@value #RESULT}, {@value #ENVELOPE}), naming the
   * inline types that takes.
   *
   * @return whether the operation answers an envelope
   */
  private static boolean yields(
      Map<String, Object> spec, Map<String, Object> operation, String where) {
    if (Boolean.TRUE.equals(operation.get(RAW))) {
      operation.put(RESULT, "okhttp3.ResponseBody");
      return false;
    }
    Map<String, Object> media = successMedia(spec, operation, where);
    if (media == null || media.get("schema") == null) {
      operation.put(RESULT, "Void");
      return false;
    }
    String id = String.valueOf(operation.get("operationId"));
    Object answer = named(spec, media, "schema", typeName(id) + "Response");
    if (answer instanceof Map<?, ?> inline
        && "string".equals(inline.get("type"))
        && "binary".equals(inline.get("format"))) {
      operation.put(RESULT, "okhttp3.ResponseBody");
      return false;
    }
    String envelope = refName(answer) != null ? refName(answer) : refinedRef(answer);
    Map<String, Object> result =
        envelope == null ? null : resultPlace(spec, resolve(spec, answer, where));
    if (result == null) {
      operation.put(
          RESULT,
          javaType(
              spec,
              media,
              "schema",
              typeName(id) + "Response",
              "the answer of {@code " + id + "}"));
      return false;
    }
    String from = "the result of " + envelope;
    String type =
        result.containsKey("result")
            ? javaType(spec, result, "result", envelope + "Result", from)
            : "Void";
    operation.put(RESULT, type);
    operation.put(ENVELOPE, envelope);
    // Read from the envelope's own schema: the same for every operation that answers it.
    Map<String, Object> schema =
        resolve(spec, Map.of("$ref", "#/components/schemas/" + envelope), where);
    schema.put(RESULT, type);
    Map<String, Object> paging = paging(spec, schema);
    if (paging != null) {
      schema.put(PAGE_INFO, paging);
    }
    return true;
  }

  /** The vendor extension that tells an envelope's template how its result_info pages a list. */
  public static final String PAGE_INFO = "x-cloudflare4j-page-info";

  /**
   * The numbers of result_info that page a list, by the name {@code dev.cloudflare4j.PageInfo}
   * gives them.
   */
  private static final Map<String, String> PAGE_NUMBERS =
      Map.of(
          "page", "page",
          "per_page", "perPage",
          "count", "count",
          "total_count", "totalCount",
          "total_pages", "totalPages");

  /**
   * How an envelope's {@code result_info} pages a list ({@value #PAGE_INFO}), or null when it has
   * none or its schema gives no part of it: for each part of {@code dev.cloudflare4j.PageInfo}, the
   * Java accessor of {@code result_info} that holds it ({@code per_page}: {@code perPage}), or
   * {@code false}. The numbers must be numbers, {@code cursor} a string; {@code cursorsAfter} is
   * the accessor of a {@code cursors} object whose {@code after} is a string; {@code byCursor}
   * whether the list is paged by either.
   */
  private static Map<String, Object> paging(
      Map<String, Object> spec, Map<String, Object> envelope) {
    Map<String, Map<String, Object>> owners = new LinkedHashMap<>();
    collectProperties(spec, envelope, owners, 0);
    if (!owners.containsKey("result_info")) {
      return null;
    }
    Map<String, Map<String, Object>> info = new LinkedHashMap<>();
    collectProperties(
        spec, resolve(spec, owners.get("result_info").get("result_info"), "result_info"), info, 0);
    Map<String, Object> paging = new LinkedHashMap<>();
    boolean any = false;
    for (Map.Entry<String, String> number : PAGE_NUMBERS.entrySet()) {
      Object type = propertyType(spec, info, number.getKey());
      boolean numeric = "integer".equals(type) || "number".equals(type);
      paging.put(number.getValue(), numeric ? lowerCamel(number.getKey()) : false);
      any |= numeric;
    }
    boolean cursor = "string".equals(propertyType(spec, info, "cursor"));
    paging.put("cursor", cursor ? "cursor" : false);
    boolean after = false;
    if (info.containsKey("cursors")) {
      Map<String, Map<String, Object>> cursors = new LinkedHashMap<>();
      collectProperties(
          spec, resolve(spec, info.get("cursors").get("cursors"), "cursors"), cursors, 0);
      after = "string".equals(propertyType(spec, cursors, "after"));
    }
    paging.put("cursorsAfter", !cursor && after ? "cursors" : false);
    paging.put("byCursor", cursor || after);
    return any || cursor || after ? paging : null;
  }

  /** The {@code type} of a property among collected ones, its references followed; or null. */
  private static Object propertyType(
      Map<String, Object> spec, Map<String, Map<String, Object>> owners, String property) {
    Map<String, Object> owner = owners.get(property);
    return owner == null ? null : resolve(spec, owner.get(property), property).get("type");
  }

  /** {@code total_count} as {@code totalCount}, as the generator names a record's component. */
  private static String lowerCamel(String name) {
    String upper = words(name);
    return Character.toLowerCase(upper.charAt(0)) + upper.substring(1);
  }

  /**
   * The media of an operation's successful answer, as the generator picks it: the first of its 2xx
   * and {@code default} responses in code order, its first media type; null when it has none.
   */
  private static Map<String, Object> successMedia(
      Map<String, Object> spec, Map<String, Object> operation, String where) {
    if (!(operation.get("responses") instanceof Map<?, ?> responses)) {
      return null;
    }
    String code = null;
    for (Object key : responses.keySet()) {
      String candidate = String.valueOf(key);
      if ((candidate.startsWith("2") || candidate.equals("default"))
          && (code == null || code.compareTo(candidate) > 0)) {
        code = candidate;
      }
    }
    if (code == null) {
      return null;
    }
    Map<String, Object> response = resolve(spec, responses.get(code), where);
    if (!(response.get("content") instanceof Map<?, ?> content) || content.isEmpty()) {
      return null;
    }
    return asMap(content.values().iterator().next(), where);
  }

  /**
   * The properties map that defines an envelope's {@code result} (the last of its {@code allOf}
   * parts to define it, as the generator merges them), or its {@code errors} when it has no result;
   * null when the schema is not an envelope.
   */
  private static Map<String, Object> resultPlace(
      Map<String, Object> spec, Map<String, Object> schema) {
    Map<String, Map<String, Object>> owners = new LinkedHashMap<>();
    collectProperties(spec, schema, owners, 0);
    if (!owners.containsKey("success")
        || !(owners.containsKey("result") || owners.containsKey("errors"))) {
      return null;
    }
    return owners.containsKey("result") ? owners.get("result") : new LinkedHashMap<>();
  }

  /** Which properties map (last wins, as in the generator's merge) defines each property. */
  private static void collectProperties(
      Map<String, Object> spec,
      Map<String, Object> schema,
      Map<String, Map<String, Object>> owners,
      int depth) {
    if (depth > 32) {
      throw new IllegalArgumentException("allOf nests too deep");
    }
    if (schema.get("allOf") instanceof List<?> parts) {
      for (Object part : parts) {
        collectProperties(spec, resolve(spec, part, "allOf"), owners, depth + 1);
      }
    }
    if (schema.get("properties") instanceof Map<?, ?> properties) {
      for (Object name : properties.keySet()) {
        owners.put(String.valueOf(name), asMap(properties, "properties"));
      }
    }
  }

  /**
   * The component an inline {@code allOf} of one reference stands for (the refinements beside it
   * holding no properties), or null.
   */
  private static String refinedRef(Object node) {
    if (node instanceof Map<?, ?> map
        && map.get("properties") == null
        && map.get("allOf") instanceof List<?> parts
        && parts.size() == 1) {
      return refName(parts.get(0));
    }
    return null;
  }

  /** The component name a node refers to, or null for an inline schema. */
  private static String refName(Object node) {
    if (node instanceof Map<?, ?> map && map.get("$ref") instanceof String ref) {
      Matcher m = REF.matcher(ref);
      if (m.matches() && m.group(1).equals("schemas")) {
        return m.group(2);
      }
    }
    return null;
  }

  /**
   * The schema at {@code owner.key}, first made a component named {@code name} when it would be a
   * type of its own: a type the generator would name after its place, or an enum (which it would
   * nest in the envelope's record); so are the items of a list and the values of a map, as {@code
   * nameItem}, {@code nameValue}.
   */
  private static Object named(
      Map<String, Object> spec, Map<String, Object> owner, String key, String name) {
    Object node = owner.get(key);
    if (!(node instanceof Map<?, ?> raw) || raw.containsKey("$ref")) {
      return node;
    }
    Map<String, Object> schema = asMap(raw, key);
    boolean enumeration =
        !"boolean".equals(schema.get("type"))
            && schema.get("enum") instanceof List<?> values
            && values.stream().anyMatch(Objects::nonNull);
    if (isInlineType(spec, schema) || enumeration) {
      Map<String, Object> schemas = schemas(spec, true);
      if (schemas.containsKey(name) && schemas.get(name) != schema) {
        throw new IllegalArgumentException("two schemas would be the type " + name);
      }
      schemas.put(name, schema);
      Map<String, Object> ref = new LinkedHashMap<>(Map.of("$ref", "#/components/schemas/" + name));
      owner.put(key, ref);
      return ref;
    }
    return schema;
  }

  /**
   * Whether the generator would make a type of this inline schema and name it after its place (its
   * {@code InlineModelResolver.isModelNeeded}, inline enums staying inner enums): an object with
   * properties, a {@code oneOf} or {@code anyOf}, an {@code allOf} of which some part is one.
   */
  private static boolean isInlineType(Map<String, Object> spec, Map<String, Object> schema) {
    Object type = schema.get("type");
    if ((type == null || "object".equals(type))
        && schema.get("properties") instanceof Map<?, ?> properties
        && !properties.isEmpty()) {
      return true;
    }
    if (isUnion(schema)) {
      return true;
    }
    if (schema.get("allOf") instanceof List<?> parts) {
      if (parts.size() == 1 && refName(parts.get(0)) != null) {
        return false;
      }
      for (Object part : parts) {
        if (isInlineType(spec, resolve(spec, part, "allOf"))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a schema is a {@code oneOf} or {@code anyOf} of more than one alternative: one of a
   * single alternative is that alternative, as the generator treats it.
   */
  private static boolean isUnion(Map<String, Object> schema) {
    return (schema.get("oneOf") instanceof List<?> one && one.size() > 1)
        || (schema.get("anyOf") instanceof List<?> any && any.size() > 1);
  }

  /**
   * Whether the generator writes a type for this component: an object with properties, an enum, a
   * {@code oneOf} or {@code anyOf}, an {@code allOf} of which some part is one; not a component
   * that only names a scalar, a list or a map (an alias, which the generated code unfolds).
   */
  private static boolean isType(Map<String, Object> spec, Map<String, Object> schema) {
    if (schema.get("properties") instanceof Map<?, ?> properties && !properties.isEmpty()) {
      return true;
    }
    if (schema.get("enum") instanceof List<?> values
        && values.stream().anyMatch(Objects::nonNull)) {
      return true;
    }
    if (isUnion(schema)) {
      return true;
    }
    if (schema.get("allOf") instanceof List<?> parts) {
      for (Object part : parts) {
        if (isType(spec, resolve(spec, part, "allOf"))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The Java type the generated code gives the schema at {@code owner.key}, as the generator maps
   * OpenAPI types, naming on the way each inline type it holds (as {@link #named} does, after
   * {@code base}): a component that is a type by its name, one that only names a scalar, list or
   * map by what it names; a list, set or map of what it holds; scalars by {@code type} and {@code
   * format}; a secret string ({@code x-sensitive}, {@code format: password}) as {@code
   * dev.cloudflare4j.Secret}; anything else {@code Object}.
   */
  static String javaType(
      Map<String, Object> spec, Map<String, Object> owner, String key, String base, String from) {
    return javaType(spec, owner, key, base, from, 0);
  }

  private static String javaType(
      Map<String, Object> spec,
      Map<String, Object> owner,
      String key,
      String base,
      String from,
      int depth) {
    if (depth > 32) {
      throw new IllegalArgumentException("a schema refers to itself through aliases: " + base);
    }
    Object node = named(spec, owner, key, base);
    if (node == null) {
      return "Object";
    }
    Map<String, Object> schema = asMap(node, "schema");
    String ref = refName(schema);
    if (ref != null) {
      Map<String, Object> target = resolve(spec, schema, ref);
      if (isType(spec, target)) {
        return ref;
      }
      // An alias: what it names, its inline types named after it.
      return javaType(
          spec,
          new LinkedHashMap<>(Map.of("schema", target)),
          "schema",
          ref,
          "the schema " + ref,
          depth + 1);
    }
    if (schema.get("allOf") instanceof List<?> parts) {
      // An allOf that refines one schema with constraints only (required, maxItems) is that
      // schema's type; one that adds properties was named above.
      List<Object> refs = new ArrayList<>();
      for (Object part : parts) {
        if (refName(part) != null) {
          refs.add(part);
        }
      }
      if (refs.size() == 1) {
        return javaType(
            spec, new LinkedHashMap<>(Map.of("part", refs.get(0))), "part", base, from, depth + 1);
      }
    }
    if ("boolean".equals(schema.get("type"))) {
      // The generator makes no enum of booleans (enum: [true, false], enum: [true]).
      return "Boolean";
    }
    if (isInlineType(spec, schema) || isType(spec, schema)) {
      throw new IllegalArgumentException("an unnamed type in " + from + ": " + schema);
    }
    String format = String.valueOf(schema.get("format"));
    // A schema with items is a list, whatever its type says (the parser reads it so).
    String type = schema.get("items") != null ? "array" : String.valueOf(schema.get("type"));
    return switch (type) {
      case "string" -> {
        if (Boolean.TRUE.equals(schema.get("x-sensitive")) || format.equals("password")) {
          yield "dev.cloudflare4j.Secret";
        }
        yield switch (format) {
          case "date-time" -> "OffsetDateTime";
          case "date" -> "LocalDate";
          case "uuid" -> "UUID";
          case "uri" -> "URI";
          case "byte" -> "byte[]";
          case "binary" -> "File";
          default -> "String";
        };
      }
      case "integer" -> format.equals("int64") ? "Long" : "Integer";
      case "number" ->
          format.equals("float") ? "Float" : format.equals("double") ? "Double" : "BigDecimal";
      case "array" ->
          (Boolean.TRUE.equals(schema.get("uniqueItems")) ? "Set<" : "List<")
              + javaType(spec, schema, "items", base + "Item", "the items of " + from, depth + 1)
              + ">";
      default -> {
        Object values = schema.get("additionalProperties");
        if (values instanceof Map<?, ?>) {
          yield "Map<String, "
              + javaType(
                  spec,
                  schema,
                  "additionalProperties",
                  base + "Value",
                  "the values of " + from,
                  depth + 1)
              + ">";
        }
        yield Boolean.TRUE.equals(values) ? "Map<String, Object>" : "Object";
      }
    };
  }

  /** The vendor extension that names the Java type an operation's call yields. */
  public static final String RESULT = "x-cloudflare4j-result";

  /** The vendor extension that names the envelope class an operation's answer is read as. */
  public static final String ENVELOPE = "x-cloudflare4j-envelope";

  /** The vendor extension (on an operation) that names its params type. */
  public static final String PARAMS = "x-cloudflare4j-params";

  /** The vendor extension that gives a parameter the Java type its method declares. */
  public static final String TYPE = "x-cloudflare4j-type";

  /** The path segments whose parameter scopes an operation rather than names what it acts on. */
  private static final Set<String> SCOPES = Set.of("/accounts", "/zones");

  /** {@code account-api-tokens-list-tokens} as {@code AccountApiTokensListTokens}. */
  static String javaName(String operationId) {
    String out = words(operationId);
    return !out.isEmpty() && Character.isDigit(out.charAt(0)) ? "Op" + out : out;
  }

  private static Map<String, Object> resolve(Map<String, Object> spec, Object node, String where) {
    Map<String, Object> map = asMap(node, where);
    for (int hops = 0; map.get("$ref") instanceof String ref; hops++) {
      Matcher m = REF.matcher(ref);
      if (!m.matches() || hops > 32) {
        throw new IllegalArgumentException(where + ": cannot follow " + ref);
      }
      map = asMap(asMap(components(spec).get(m.group(1)), ref).get(m.group(2)), ref);
    }
    return map;
  }

  // ---------------------------------------------------------------------------------------------
  // slice: the bound operations out of the whole document

  /**
   * The operations with the given operationIds, with every component they reference (transitively),
   * the document's {@code openapi}, {@code info}, {@code servers}, {@code security} and the
   * security schemes. Nothing is rewritten.
   *
   * @throws IllegalArgumentException if an operationId is not in the document
   */
  public static Map<String, Object> slice(Map<String, Object> whole, List<String> operationIds) {
    Set<String> wanted = new LinkedHashSet<>(operationIds);
    Map<String, Object> paths = new LinkedHashMap<>();
    Set<String> tags = new LinkedHashSet<>();
    for (Map.Entry<String, Object> path :
        asMap(whole.getOrDefault("paths", Map.of()), "paths").entrySet()) {
      Map<String, Object> item = asMap(path.getValue(), path.getKey());
      Map<String, Object> kept = new LinkedHashMap<>();
      for (Map.Entry<String, Object> entry : item.entrySet()) {
        if (!METHODS.contains(entry.getKey())) {
          continue;
        }
        Map<String, Object> operation = asMap(entry.getValue(), path.getKey());
        if (wanted.remove(String.valueOf(operation.get("operationId")))) {
          kept.put(entry.getKey(), operation);
          if (operation.get("tags") instanceof List<?> list) {
            list.forEach(t -> tags.add(String.valueOf(t)));
          }
        }
      }
      if (!kept.isEmpty()) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach(
            (k, v) -> {
              if (!METHODS.contains(k)) out.put(k, v);
            });
        out.putAll(kept);
        paths.put(path.getKey(), out);
      }
    }
    if (!wanted.isEmpty()) {
      throw new IllegalArgumentException("operationIds not in the document: " + wanted);
    }
    Map<String, Object> components =
        asMap(whole.getOrDefault("components", Map.of()), "components");
    Map<String, Set<String>> needed = new LinkedHashMap<>();
    collectRefs(paths, components, needed);
    Map<String, Object> slice = new LinkedHashMap<>();
    for (String key : List.of("openapi", "info", "servers", "security")) {
      if (whole.containsKey(key)) {
        slice.put(key, whole.get(key));
      }
    }
    if (whole.get("tags") instanceof List<?> allTags) {
      List<Object> kept = new ArrayList<>();
      for (Object tag : allTags) {
        if (tag instanceof Map<?, ?> t && tags.contains(String.valueOf(t.get("name")))) {
          kept.add(tag);
        }
      }
      if (!kept.isEmpty()) {
        slice.put("tags", kept);
      }
    }
    slice.put("paths", paths);
    Map<String, Object> keptComponents = new LinkedHashMap<>();
    for (Map.Entry<String, Object> type : components.entrySet()) {
      Map<String, Object> all = asMap(type.getValue(), type.getKey());
      Map<String, Object> kept = new LinkedHashMap<>();
      boolean everything = type.getKey().equals("securitySchemes");
      for (Map.Entry<String, Object> component : all.entrySet()) {
        if (everything
            || needed.getOrDefault(type.getKey(), Set.of()).contains(component.getKey())) {
          kept.put(component.getKey(), component.getValue());
        }
      }
      if (!kept.isEmpty()) {
        keptComponents.put(type.getKey(), kept);
      }
    }
    slice.put("components", keptComponents);
    return slice;
  }

  private static void collectRefs(
      Object node, Map<String, Object> components, Map<String, Set<String>> needed) {
    if (node instanceof Map<?, ?> map) {
      Object ref = map.get("$ref");
      if (ref instanceof String text) {
        Matcher m = REF.matcher(text);
        if (!m.matches()) {
          throw new IllegalArgumentException(
              "only local component references are handled: " + text);
        }
        String type = m.group(1);
        String name = m.group(2).replace("~1", "/").replace("~0", "~");
        if (needed.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(name)) {
          Object target = components.get(type) instanceof Map<?, ?> all ? all.get(name) : null;
          if (target == null) {
            throw new IllegalArgumentException("dangling reference " + text);
          }
          collectRefs(target, components, needed);
        }
      }
      for (Object value : map.values()) {
        collectRefs(value, components, needed);
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        collectRefs(value, components, needed);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What changed between two slices

  /** A report of what changed from {@code before} (null: no earlier slice) to {@code after}. */
  public static String report(Map<String, Object> before, Map<String, Object> after) {
    StringBuilder out = new StringBuilder();
    Map<String, Object> newOps = operations(after);
    if (before == null) {
      out.append("New slice: ")
          .append(newOps.size())
          .append(" operations, ")
          .append(schemas(after).size())
          .append(" schemas\n");
      return out.toString();
    }
    Map<String, Object> oldOps = operations(before);
    Map<String, Object> oldSchemas = schemas(before);
    Map<String, Object> newSchemas = schemas(after);
    List<String> breaking = new ArrayList<>();
    section(out, "Operations added", added(oldOps, newOps));
    List<String> removedOps = added(newOps, oldOps);
    section(out, "Operations removed", removedOps);
    removedOps.forEach(id -> breaking.add("operation " + id + " removed"));
    List<String> changedOps = new ArrayList<>();
    for (String id : new TreeSet<>(newOps.keySet())) {
      if (oldOps.containsKey(id) && !Objects.equals(oldOps.get(id), newOps.get(id))) {
        changedOps.add(id);
        operationBreaks(id, asMap(oldOps.get(id), id), asMap(newOps.get(id), id), breaking);
      }
    }
    section(out, "Operations changed", changedOps);
    section(out, "Schemas added", added(oldSchemas, newSchemas));
    List<String> removedSchemas = added(newSchemas, oldSchemas);
    section(out, "Schemas removed", removedSchemas);
    removedSchemas.forEach(s -> breaking.add("schema " + s + " removed"));
    List<String> changedSchemas = new ArrayList<>();
    for (String name : new TreeSet<>(newSchemas.keySet())) {
      if (oldSchemas.containsKey(name)
          && !Objects.equals(oldSchemas.get(name), newSchemas.get(name))) {
        changedSchemas.add(name);
        schemaBreaks(name, oldSchemas.get(name), newSchemas.get(name), breaking);
      }
    }
    section(out, "Schemas changed", changedSchemas);
    List<String> other = new ArrayList<>();
    for (String key : List.of("openapi", "info", "servers", "security")) {
      if (!Objects.equals(before.get(key), after.get(key))) {
        other.add(key);
      }
    }
    Map<String, Object> oldComponents = components(before);
    Map<String, Object> newComponents = components(after);
    for (String type : new TreeSet<>(union(oldComponents.keySet(), newComponents.keySet()))) {
      if (!type.equals("schemas")
          && !Objects.equals(oldComponents.get(type), newComponents.get(type))) {
        other.add("components." + type);
      }
    }
    section(out, "Also changed", other);
    section(out, "Breaking for callers", breaking);
    if (out.length() == 0) {
      out.append("No change since the last slice\n");
    }
    return out.toString();
  }

  private static void section(StringBuilder out, String title, List<String> lines) {
    if (!lines.isEmpty()) {
      out.append(title).append(" (").append(lines.size()).append("):\n");
      lines.forEach(line -> out.append("  ").append(line).append('\n'));
    }
  }

  private static List<String> added(Map<String, Object> before, Map<String, Object> after) {
    List<String> names = new ArrayList<>();
    for (String name : new TreeSet<>(after.keySet())) {
      if (!before.containsKey(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static Map<String, Object> operations(Map<String, Object> spec) {
    Map<String, Object> ops = new LinkedHashMap<>();
    asMap(spec.getOrDefault("paths", Map.of()), "paths")
        .forEach(
            (path, item) -> {
              if (item instanceof Map<?, ?> methods) {
                methods.forEach(
                    (method, operation) -> {
                      if (METHODS.contains(String.valueOf(method))
                          && operation instanceof Map<?, ?> op) {
                        Map<String, Object> withPlace = new LinkedHashMap<>();
                        withPlace.put("method", method);
                        withPlace.put("path", path);
                        withPlace.putAll(asMap(op, path));
                        ops.put(String.valueOf(op.get("operationId")), withPlace);
                      }
                    });
              }
            });
    return ops;
  }

  private static Map<String, Object> components(Map<String, Object> spec) {
    return spec.get("components") instanceof Map<?, ?> c ? asMap(c, "components") : Map.of();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, Object> schemas(Map<String, Object> spec) {
    Object components = spec.get("components");
    return components instanceof Map<?, ?> c && c.get("schemas") instanceof Map<?, ?> s
        ? asMap(s, "schemas")
        : Map.of();
  }

  private static void operationBreaks(
      String id, Map<String, Object> before, Map<String, Object> after, List<String> breaking) {
    if (!Objects.equals(before.get("path"), after.get("path"))
        || !Objects.equals(before.get("method"), after.get("method"))) {
      breaking.add(id + ": moved to " + after.get("method") + " " + after.get("path"));
    }
    Map<String, Object> oldParams = parameters(before);
    Map<String, Object> newParams = parameters(after);
    for (String name : added(newParams, oldParams)) {
      breaking.add(id + ": parameter " + name + " removed");
    }
    for (String name : added(oldParams, newParams)) {
      if (Boolean.TRUE.equals(asMap(newParams.get(name), name).get("required"))) {
        breaking.add(id + ": new required parameter " + name);
      }
    }
    for (String name : newParams.keySet()) {
      if (oldParams.containsKey(name)) {
        Map<String, Object> o = asMap(oldParams.get(name), name);
        Map<String, Object> n = asMap(newParams.get(name), name);
        if (!Boolean.TRUE.equals(o.get("required")) && Boolean.TRUE.equals(n.get("required"))) {
          breaking.add(id + ": parameter " + name + " is now required");
        }
        schemaBreaks(id + " parameter " + name, o.get("schema"), n.get("schema"), breaking);
      }
    }
  }

  private static Map<String, Object> parameters(Map<String, Object> operation) {
    Map<String, Object> params = new LinkedHashMap<>();
    if (operation.get("parameters") instanceof List<?> list) {
      for (Object p : list) {
        if (p instanceof Map<?, ?> param) {
          Object key =
              param.containsKey("$ref")
                  ? param.get("$ref")
                  : param.get("in") + " " + param.get("name");
          params.put(String.valueOf(key), param);
        }
      }
    }
    return params;
  }

  private static void schemaBreaks(
      String where, Object before, Object after, List<String> breaking) {
    if (!(before instanceof Map<?, ?> o) || !(after instanceof Map<?, ?> n)) {
      return;
    }
    if (o.get("type") != null && !Objects.equals(o.get("type"), n.get("type"))) {
      breaking.add(where + ": type " + o.get("type") + " became " + n.get("type"));
    }
    if (o.get("$ref") != null && !Objects.equals(o.get("$ref"), n.get("$ref"))) {
      breaking.add(where + ": reference " + o.get("$ref") + " became " + n.get("$ref"));
    }
    if (o.get("enum") instanceof List<?> oldValues) {
      List<?> newValues = n.get("enum") instanceof List<?> l ? l : List.of();
      for (Object value : oldValues) {
        if (!newValues.contains(value) && n.get("enum") != null) {
          breaking.add(where + ": enum value " + value + " removed");
        }
      }
    }
    Set<Object> oldRequired =
        new LinkedHashSet<>(o.get("required") instanceof List<?> l ? l : List.of());
    if (n.get("required") instanceof List<?> l) {
      for (Object name : l) {
        if (!oldRequired.contains(name)) {
          breaking.add(where + ": property " + name + " is now required");
        }
      }
    }
    Map<?, ?> oldProps = o.get("properties") instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> newProps = n.get("properties") instanceof Map<?, ?> m ? m : Map.of();
    for (Object name : oldProps.keySet()) {
      if (!newProps.containsKey(name)) {
        breaking.add(where + ": property " + name + " removed");
      } else {
        schemaBreaks(where + "." + name, oldProps.get(name), newProps.get(name), breaking);
      }
    }
    schemaBreaks(where + "[]", o.get("items"), n.get("items"), breaking);
    if (o.get("allOf") instanceof List<?> oldAll
        && n.get("allOf") instanceof List<?> newAll
        && oldAll.size() == newAll.size()) {
      for (int i = 0; i < oldAll.size(); i++) {
        schemaBreaks(where, oldAll.get(i), newAll.get(i), breaking);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(what + " is not a mapping");
  }
}
