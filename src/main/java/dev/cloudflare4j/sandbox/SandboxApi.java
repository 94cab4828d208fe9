package dev.cloudflare4j.sandbox;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.cloudflare4j.internal.ParamCheck;
import dev.cloudflare4j.internal.TokenIds;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The sandbox's tokens and the routes that act on them: what {@link CloudflareSandbox} answers once
 * no fault or rate limit stands in the way. One lock guards every token; answers are maps that the
 * sandbox writes as JSON.
 */
final class SandboxApi {

  /** An answer: its status and the envelope to write. */
  record Answer(int status, Map<String, Object> envelope) {}

  private static final String ROOT = "/client/v4";
  private static final Pattern ACCOUNT_TOKENS = Pattern.compile("/accounts/([^/]*)/tokens");
  private static final Pattern GROUPS =
      Pattern.compile("/accounts/([^/]*)/tokens/permission_groups");
  private static final Pattern ACCOUNT_VERIFY = Pattern.compile("/accounts/([^/]*)/tokens/verify");
  private static final Pattern ACCOUNT_TOKEN = Pattern.compile("/accounts/([^/]*)/tokens/([^/]*)");
  private static final Pattern ROLL = Pattern.compile("/accounts/([^/]*)/tokens/([^/]*)/value");
  private static final Pattern USER_TOKEN = Pattern.compile("/user/tokens/([^/]*)");
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The catalog of permission groups: a few of Cloudflare's, by their published ids. */
  static final List<Map<String, Object>> PERMISSION_GROUPS =
      List.of(
          group("c8fed203ed3043cba015a93ad1616f1f", "Zone Read", "com.cloudflare.api.account.zone"),
          group("4755a26eedb94da69e1066d98aa820be", "DNS Write", "com.cloudflare.api.account.zone"),
          group(
              "5bc3f8b21c554832afc660159ab75fa4",
              "Account API Tokens Write",
              "com.cloudflare.api.account"),
          group(
              "0cf6473ad41449e7b7b743d14fc20c60",
              "Account API Tokens Read",
              "com.cloudflare.api.account"));

  private final JsonAdapter<Object> json = new Moshi.Builder().build().adapter(Object.class);
  private final String ownToken;
  private final String ownTokenId = randomHex(16);
  private final Map<String, Stored> tokens = new LinkedHashMap<>();

  /** A token: its owner (an account id, or null for the user), value and JSON fields. */
  private static final class Stored {
    final String accountId;
    String value;
    final Map<String, Object> fields = new LinkedHashMap<>();

    Stored(String accountId, String value) {
      this.accountId = accountId;
      this.value = value;
    }
  }

  SandboxApi(String ownToken) {
    this.ownToken = ownToken;
  }

  private static Map<String, Object> group(String id, String name, String scope) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("id", id);
    group.put("name", name);
    group.put("scopes", List.of(scope));
    return Collections.unmodifiableMap(group);
  }

  // ---------------------------------------------------------------------------------------------
  // Seeding and inspection, for CloudflareSandbox's public methods

  /** The quota of tokens the owner (an account, or the user for null) has reached, or null. */
  private String quotaReached(String accountId) {
    int quota =
        accountId == null
            ? CloudflareSandbox.USER_TOKEN_QUOTA
            : CloudflareSandbox.ACCOUNT_TOKEN_QUOTA;
    long held =
        tokens.values().stream().filter(t -> Objects.equals(t.accountId, accountId)).count();
    return held < quota
        ? null
        : "Maximum of "
            + quota
            + (accountId == null ? " user" : " account")
            + " API tokens reached";
  }

  synchronized SandboxToken issue(String accountId, String tokenId, String name) {
    if (tokens.containsKey(tokenId)) {
      throw new IllegalArgumentException("the sandbox already holds a token " + tokenId);
    }
    String full = quotaReached(accountId);
    if (full != null) {
      // A create is then refused, 400 (an assumption: Cloudflare documents the quota, not how).
      throw new IllegalStateException(full);
    }
    String value = mint(accountId == null ? "cfut_" : "cfat_");
    Stored token = new Stored(accountId, value);
    String now = now();
    token.fields.put("id", tokenId);
    token.fields.put("name", name);
    token.fields.put("status", "active");
    token.fields.put("issued_on", now);
    token.fields.put("modified_on", now);
    token.fields.put("policies", List.of());
    tokens.put(tokenId, token);
    return new SandboxToken(tokenId, value);
  }

  synchronized boolean has(String accountId, String tokenId) {
    Stored token = tokens.get(tokenId);
    return token != null && Objects.equals(token.accountId, accountId);
  }

  synchronized List<String> ids(String accountId) {
    List<String> ids = new ArrayList<>();
    tokens.forEach(
        (id, token) -> {
          if (Objects.equals(token.accountId, accountId)) {
            ids.add(id);
          }
        });
    return ids;
  }

  /** How a bearer is logged: the sandbox's own token as is, a token's value by its id. */
  synchronized String describeBearer(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return authorization == null ? null : "[redacted]";
    }
    String value = authorization.substring("Bearer ".length());
    if (value.equals(ownToken)) {
      return authorization;
    }
    for (Stored token : tokens.values()) {
      if (token.value.equals(value)) {
        return "Bearer [token " + token.fields.get("id") + "]";
      }
    }
    return "Bearer [redacted]";
  }

  // ---------------------------------------------------------------------------------------------
  // Routes

  synchronized Answer answer(
      String method, String rawPath, Map<String, String> query, String authorization, String body)
      throws IOException {
    if (!rawPath.startsWith(ROOT)) {
      return noRoute();
    }
    String path = rawPath.substring(ROOT.length());
    String bearer =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring("Bearer ".length())
            : null;
    Matcher verify = ACCOUNT_VERIFY.matcher(path);
    if (verify.matches() && method.equals("GET")) {
      Answer malformed = checkIds(rawPath, List.of(verify.group(1)), true);
      return malformed != null ? malformed : verify(bearer, verify.group(1));
    }
    if (path.equals("/user/tokens/verify") && method.equals("GET")) {
      return verify(bearer, null);
    }
    Route route = route(method, path);
    if (route == null) {
      return noRoute();
    }
    if (!ownToken.equals(bearer)) {
      return failure(403, 10000, "Authentication error");
    }
    Answer malformed = checkIds(rawPath, route.ids(), path.startsWith("/accounts/"));
    if (malformed != null) {
      return malformed;
    }
    return switch (route.name()) {
      case "list" -> list(route.ids().get(0), query);
      case "userList" -> list(null, query);
      case "create" -> create(route.ids().get(0), body);
      case "groups" -> success(PERMISSION_GROUPS, pageInfo(1, 20, PERMISSION_GROUPS.size()));
      case "get" -> withToken(route.ids().get(0), route.ids().get(1), t -> success(t.fields, null));
      case "update" -> withToken(route.ids().get(0), route.ids().get(1), t -> update(t, body));
      case "delete", "userDelete" -> delete(route.ids());
      case "roll" -> withToken(route.ids().get(0), route.ids().get(1), this::roll);
      default -> throw new IllegalStateException(route.name());
    };
  }

  /** A route: its name and the ids in its path (account, then token). */
  private record Route(String name, List<String> ids) {}

  /** A method on a path pattern, and the route's name; the first that matches wins. */
  private record Rule(String method, Pattern path, String name) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule("GET", GROUPS, "groups"),
          new Rule("GET", ACCOUNT_TOKENS, "list"),
          new Rule("POST", ACCOUNT_TOKENS, "create"),
          new Rule("PUT", ROLL, "roll"),
          new Rule("GET", ACCOUNT_TOKEN, "get"),
          new Rule("PUT", ACCOUNT_TOKEN, "update"),
          new Rule("DELETE", ACCOUNT_TOKEN, "delete"),
          new Rule("GET", Pattern.compile("/user/tokens"), "userList"),
          new Rule("DELETE", USER_TOKEN, "userDelete"));

  private static Route route(String method, String path) {
    for (Rule rule : RULES) {
      Matcher m = rule.path().matcher(path);
      if (m.matches()) {
        if (!rule.method().equals(method)) {
          continue;
        }
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
          ids.add(m.group(i));
        }
        return new Route(rule.name(), ids);
      }
    }
    return null;
  }

  /**
   * Cloudflare's answer to a malformed id, by the client's rule for it ({@link TokenIds}): the
   * sandbox refuses what the client would refuse to send, and nothing more; null when every id
   * keeps it.
   *
   * @param accountFirst whether the first id is an account's (a path under {@code /accounts/})
   */
  private static Answer checkIds(String rawPath, List<String> ids, boolean accountFirst) {
    for (int i = 0; i < ids.size(); i++) {
      ParamCheck rule = accountFirst && i == 0 ? TokenIds.ACCOUNT_ID : TokenIds.TOKEN_ID;
      if (!rule.accepts(ids.get(i))) {
        return failure(
            400,
            7003,
            "Could not route to " + rawPath + ", perhaps your object identifier is invalid?");
      }
    }
    return null;
  }

  /** Verify Token: which token the bearer is, if it is a live one of that owner. */
  private Answer verify(String bearer, String accountId) {
    if (bearer != null && accountId == null && bearer.equals(ownToken)) {
      return success(verified(ownTokenId, "active", null), null);
    }
    for (Stored token : tokens.values()) {
      if (token.value.equals(bearer) && Objects.equals(token.accountId, accountId)) {
        Map<String, Object> f = token.fields;
        return success(
            verified((String) f.get("id"), (String) f.get("status"), f.get("expires_on")), null);
      }
    }
    return failure(401, 1000, "Invalid API Token");
  }

  private static Map<String, Object> verified(String id, String status, Object expiresOn) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", id);
    result.put("status", status);
    if (expiresOn != null) {
      result.put("expires_on", expiresOn);
    }
    return result;
  }

  private Answer list(String accountId, Map<String, String> query) {
    int page = number(query.get("page"), 1);
    int perPage = number(query.get("per_page"), 20);
    if (page < 1 || perPage < 5 || perPage > 50) {
      return failure(400, 1001, "page must be 1 or more and per_page 5 to 50");
    }
    List<Object> all = new ArrayList<>();
    tokens.forEach(
        (id, token) -> {
          if (Objects.equals(token.accountId, accountId)) {
            all.add(token.fields);
          }
        });
    if ("desc".equals(query.get("direction"))) {
      Collections.reverse(all);
    }
    int from = Math.min(all.size(), (page - 1) * perPage);
    List<Object> items = all.subList(from, Math.min(all.size(), from + perPage));
    Map<String, Object> info = pageInfo(page, perPage, all.size());
    info.put("count", items.size());
    return success(new ArrayList<>(items), info);
  }

  private static Map<String, Object> pageInfo(int page, int perPage, int total) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("page", page);
    info.put("per_page", perPage);
    info.put("count", Math.min(perPage, total));
    info.put("total_count", total);
    return info;
  }

  private static int number(String text, int otherwise) {
    if (text == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private Answer create(String accountId, String body) throws IOException {
    Map<String, Object> sent = object(body);
    if (sent == null || !(sent.get("name") instanceof String name) || name.isBlank()) {
      return failure(400, 1001, "name is required");
    }
    if (!(sent.get("policies") instanceof List<?>)) {
      return failure(400, 1001, "policies is required");
    }
    SandboxToken issued;
    try {
      issued = issue(accountId, randomHex(16), name);
    } catch (IllegalStateException quotaReached) {
      return failure(400, 1001, quotaReached.getMessage());
    }
    Stored token = tokens.get(issued.id());
    keep(token, sent);
    Map<String, Object> result = new LinkedHashMap<>(token.fields);
    result.put("value", token.value);
    return success(result, null);
  }

  private Answer update(Stored token, String body) throws IOException {
    Map<String, Object> sent = object(body);
    if (sent == null) {
      return failure(400, 1001, "the body must be a JSON object");
    }
    // Cloudflare's spec requires both in an update (iam_token_body), as in a create.
    if (!(sent.get("name") instanceof String name) || name.isBlank()) {
      return failure(400, 1001, "name is required");
    }
    if (!(sent.get("policies") instanceof List<?>)) {
      return failure(400, 1001, "policies is required");
    }
    keep(token, sent);
    return success(token.fields, null);
  }

  /** Keeps what a create or update sends; the read-only fields stay the sandbox's. */
  private static void keep(Stored token, Map<String, Object> sent) {
    for (String field :
        List.of("name", "status", "policies", "condition", "expires_on", "not_before")) {
      if (sent.containsKey(field)) {
        token.fields.put(field, policiesWithIds(field, sent.get(field)));
      }
    }
    token.fields.put("modified_on", now());
  }

  @SuppressWarnings("unchecked")
  private static Object policiesWithIds(String field, Object value) {
    if (!field.equals("policies") || !(value instanceof List<?> policies)) {
      return value;
    }
    List<Object> out = new ArrayList<>();
    for (Object policy : policies) {
      if (policy instanceof Map<?, ?> map && !map.containsKey("id")) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
        copy.put("id", randomHex(16));
        out.add(copy);
      } else {
        out.add(policy);
      }
    }
    return out;
  }

  private Answer roll(Stored token) {
    token.value = mint(token.accountId == null ? "cfut_" : "cfat_");
    token.fields.put("modified_on", now());
    return success(token.value, null);
  }

  private Answer delete(List<String> ids) {
    String accountId = ids.size() == 2 ? ids.get(0) : null;
    String tokenId = ids.get(ids.size() - 1);
    Stored token = tokens.get(tokenId);
    if (token == null || !Objects.equals(token.accountId, accountId)) {
      return failure(404, 1003, "Invalid or missing token");
    }
    tokens.remove(tokenId);
    return success(Map.of("id", tokenId), null);
  }

  private interface TokenAction {
    Answer apply(Stored token) throws IOException;
  }

  private Answer withToken(String accountId, String tokenId, TokenAction action)
      throws IOException {
    Stored token = tokens.get(tokenId);
    if (token == null || !Objects.equals(token.accountId, accountId)) {
      return failure(404, 1003, "Invalid or missing token");
    }
    return action.apply(token);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(String body) throws IOException {
    try {
      Object value = body == null || body.isBlank() ? null : json.fromJson(body);
      return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    } catch (com.squareup.moshi.JsonDataException | com.squareup.moshi.JsonEncodingException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Envelopes

  static Answer noRoute() {
    return failure(404, 7000, "No route for that URI");
  }

  private static Answer success(Object result, Map<String, Object> resultInfo) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("result", result);
    envelope.put("success", true);
    envelope.put("errors", List.of());
    envelope.put("messages", List.of());
    if (resultInfo != null) {
      envelope.put("result_info", resultInfo);
    }
    return new Answer(200, envelope);
  }

  static Answer failure(int status, int code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("result", null);
    envelope.put("success", false);
    envelope.put("errors", List.of(error));
    envelope.put("messages", List.of());
    return new Answer(status, envelope);
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  /**
   * A value in Cloudflare's 2026 format: the prefix, 40 base-62 characters, then a checksum. The
   * checksum's form is not published; here it is the CRC32 of the rest in 8 hex digits (an
   * assumption that no client may rely on).
   */
  static String mint(String prefix) {
    StringBuilder value = new StringBuilder(prefix);
    for (int i = 0; i < 40; i++) {
      value.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    CRC32 crc = new CRC32();
    crc.update(value.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return value.append(String.format(java.util.Locale.ROOT, "%08x", crc.getValue())).toString();
  }

  static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
