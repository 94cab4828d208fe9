package dev.cloudflare4j;

import dev.cloudflare4j.internal.Redaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.Request;

/**
 * The credentials a client holds. Secrets are checked when the client is built, sent by {@link
 * #apply}, and never exposed: there is no getter, and {@link #toString()} names schemes only.
 */
final class Credentials {

  /** A way to authenticate, each made of one or more of the spec's security schemes. */
  public enum Scheme {
    /** {@code Authorization: Bearer <token>}, spec scheme {@code api_token}. */
    API_TOKEN("API token (Authorization: Bearer)", "api_token"),
    /**
     * {@code X-Auth-Email} with {@code X-Auth-Key}, spec schemes {@code api_email}, {@code
     * api_key}.
     */
    API_KEY("API key with email (X-Auth-Email, X-Auth-Key)", "api_email", "api_key"),
    /** {@code X-Auth-User-Service-Key}, spec scheme {@code user_service_key}. */
    USER_SERVICE_KEY("user service key (X-Auth-User-Service-Key)", "user_service_key");

    private final String description;

    // List.of(...) is immutable; Error Prone cannot tell from the declared type.
    @SuppressWarnings("ImmutableEnumChecker")
    private final List<String> specNames;

    Scheme(String description, String... specNames) {
      this.description = description;
      this.specNames = List.of(specNames);
    }

    /** A human description naming the headers the scheme sends. */
    public String description() {
      return description;
    }

    boolean acceptedBy(Set<String> specSchemes) {
      return specSchemes.containsAll(specNames);
    }
  }

  /** Every header that carries a credential: removed before the chosen one is set. */
  private static final List<String> CREDENTIAL_HEADERS =
      List.of("Authorization", "X-Auth-Email", "X-Auth-Key", "X-Auth-User-Service-Key");

  /** Other request headers that carry secrets: proxy credentials and cookies. */
  private static final List<String> OTHER_SECRET_HEADERS = List.of("Proxy-Authorization", "Cookie");

  /**
   * Whether a request header of this name carries a secret: a credential of any scheme, proxy
   * credentials or cookies. Callers may not set these, and logs redact them.
   */
  public static boolean isSecretHeader(String name) {
    if (isCredentialHeader(name)) {
      return true;
    }
    for (String header : OTHER_SECRET_HEADERS) {
      if (header.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private final String apiToken;
  // The Authorization header's value, built once rather than per request.
  private final String bearerHeader;
  private final String apiEmail;
  private final String apiKey;
  private final String userServiceKey;

  private Credentials(String apiToken, String apiEmail, String apiKey, String userServiceKey) {
    this.apiToken = apiToken;
    this.bearerHeader = apiToken == null ? null : "Bearer " + apiToken;
    this.apiEmail = apiEmail;
    this.apiKey = apiKey;
    this.userServiceKey = userServiceKey;
  }

  /**
   * How messages name the credentials: as the builder's methods, or as the environment variables
   * they were read from (a terminal user sets variables, not methods).
   *
   * @param token the API token's name
   * @param email the email's name
   * @param key the Global API Key's name
   * @param serviceKey the user service key's name
   * @param environment whether these are environment variables (else builder methods)
   */
  public record Names(
      String token, String email, String key, String serviceKey, boolean environment) {

    /** The builder's methods. */
    public static final Names BUILDER =
        new Names("apiToken", "apiEmail", "apiKey", "userServiceKey", false);

    /** Cloudflare's SDK environment variables. */
    public static final Names ENVIRONMENT =
        new Names(
            "CLOUDFLARE_API_TOKEN",
            "CLOUDFLARE_EMAIL",
            "CLOUDFLARE_API_KEY",
            "CLOUDFLARE_API_USER_SERVICE_KEY",
            true);

    /** How one gives the named credential: a variable to set, or a method to call. */
    String giving(String name) {
      return environment ? name : name + "(...)";
    }
  }

  /** Like {@link #of(String, String, String, String, Names)}, naming the builder's methods. */
  public static Credentials of(
      String apiToken, String apiEmail, String apiKey, String userServiceKey) {
    return of(apiToken, apiEmail, apiKey, userServiceKey, Names.BUILDER);
  }

  /**
   * Checks and holds the given credentials; any may be null, but not all.
   *
   * @throws IllegalArgumentException if one is blank, holds a character that cannot travel in an
   *     HTTP header, or the key and email are not given together; the message never holds a secret
   * @throws IllegalStateException if no credential is given
   */
  public static Credentials of(
      String apiToken, String apiEmail, String apiKey, String userServiceKey, Names names) {
    check(names.token(), apiToken);
    check(names.email(), apiEmail);
    check(names.key(), apiKey);
    check(names.serviceKey(), userServiceKey);
    checkKind(names.token(), apiToken, Kind.TOKEN, names);
    checkKind(names.key(), apiKey, Kind.KEY, names);
    checkKind(names.serviceKey(), userServiceKey, null, names);
    if (apiKey != null && apiEmail == null) {
      throw new IllegalArgumentException(
          names.key()
              + " requires "
              + names.email()
              + ": the legacy API key is sent together with X-Auth-Email");
    }
    if (apiEmail != null && apiKey == null) {
      throw new IllegalArgumentException(
          names.email() + " requires " + names.key() + ": the email alone does not authenticate");
    }
    if (apiToken == null && apiKey == null && userServiceKey == null) {
      throw new IllegalStateException(
          names.environment()
              ? "no Cloudflare credential: set CLOUDFLARE_API_TOKEN, CLOUDFLARE_API_KEY with"
                  + " CLOUDFLARE_EMAIL, or CLOUDFLARE_API_USER_SERVICE_KEY"
              : "no Cloudflare credential: set apiToken(...), apiEmail(...) with apiKey(...), or"
                  + " userServiceKey(...); fromEnv() reads CLOUDFLARE_API_TOKEN, CLOUDFLARE_API_KEY"
                  + " with CLOUDFLARE_EMAIL, and CLOUDFLARE_API_USER_SERVICE_KEY");
    }
    return new Credentials(apiToken, apiEmail, apiKey, userServiceKey);
  }

  /** A kind of Cloudflare credential, by the prefixes its values carry since 2026. */
  private enum Kind {
    TOKEN("an API token"),
    KEY("a Global API Key");

    /** What it is, for a message. */
    final String description;

    Kind(String description) {
      this.description = description;
    }

    /** The prefixes of its values. */
    List<String> prefixes() {
      return this == TOKEN
          ? List.of(Redaction.ACCOUNT_TOKEN_PREFIX, Redaction.USER_TOKEN_PREFIX)
          : List.of(Redaction.GLOBAL_KEY_PREFIX);
    }

    /** How it is given: the API token's name, or the key's with the email's. */
    String giving(Names names) {
      return this == TOKEN
          ? names.giving(names.token())
          : names.giving(names.key()) + " with " + names.giving(names.email());
    }
  }

  /**
   * Refuses a credential whose prefix says it is another kind: sent in the wrong header it would
   * only be refused by Cloudflare, with an error that does not say why. Unprefixed (older) values
   * are not judged. Names the mix-up, never the value.
   */
  private static void checkKind(String name, String value, Kind own, Names names) {
    if (value == null) {
      return;
    }
    for (Kind kind : Kind.values()) {
      for (String prefix : kind.prefixes()) {
        if (kind != own && value.startsWith(prefix)) {
          throw new IllegalArgumentException(
              name
                  + " holds "
                  + kind.description
                  + " (it starts with "
                  + prefix
                  + (names.environment() ? "): set it as " : "): give it with ")
                  + kind.giving(names)
                  + " instead");
        }
      }
    }
  }

  /**
   * Checks a secret value as a credential header would need it: not blank, visible ASCII only.
   * Names the rule and the index, never the value.
   *
   * @throws IllegalArgumentException if it breaks either rule
   */
  public static void checkValue(String name, String value) {
    check(name, value);
  }

  /**
   * The text with every value of these credentials (token, key, email, service key) replaced by
   * {@code [redacted]}, and every prefixed credential ({@link Redaction}) too: for text a server
   * sent, which may echo what it was sent.
   */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String value : new String[] {apiToken, apiKey, apiEmail, userServiceKey}) {
      if (value != null && !value.isEmpty()) {
        out = out.replace(value, "[redacted]");
      }
    }
    return Redaction.redact(out);
  }

  /** Whether the client's API token is account-owned ({@code cfat_}), as far as its prefix says. */
  public boolean apiTokenIsAccountOwned() {
    return apiToken != null && apiToken.startsWith(Redaction.ACCOUNT_TOKEN_PREFIX);
  }

  private static void check(String name, String value) {
    if (value == null) {
      return;
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        String what =
            c < 0x20 || c == 0x7f
                ? "a control character (CR, LF, tab...)"
                : c == ' ' ? "a space" : "a non-ASCII character";
        throw new IllegalArgumentException(
            name
                + " must hold only visible ASCII characters, but holds "
                + what
                + " at index "
                + i
                + " (a trailing newline from a file or environment variable?)");
      }
    }
  }

  /** The schemes this client can authenticate with, in order of preference. */
  public Set<Scheme> configured() {
    EnumSet<Scheme> schemes = EnumSet.noneOf(Scheme.class);
    if (apiToken != null) {
      schemes.add(Scheme.API_TOKEN);
    }
    if (apiKey != null) {
      schemes.add(Scheme.API_KEY);
    }
    if (userServiceKey != null) {
      schemes.add(Scheme.USER_SERVICE_KEY);
    }
    return schemes;
  }

  /**
   * Chooses the one scheme to send for an operation that accepts the given spec schemes: the first
   * configured scheme, by preference, that the operation accepts.
   */
  public Optional<Scheme> select(Set<String> specSchemes) {
    return configured().stream().filter(s -> s.acceptedBy(specSchemes)).findFirst();
  }

  /** Describes what the given spec schemes accept, for an error message. */
  public static String describeAccepted(Set<String> specSchemes) {
    List<String> parts = new ArrayList<>();
    for (Scheme scheme : Scheme.values()) {
      if (scheme.acceptedBy(specSchemes)) {
        parts.add(scheme.description());
      }
    }
    Set<String> known =
        Arrays.stream(Scheme.values())
            .flatMap(s -> s.specNames.stream())
            .collect(Collectors.toSet());
    specSchemes.stream().filter(s -> !known.contains(s)).sorted().forEach(parts::add);
    return String.join(" or ", parts);
  }

  /**
   * Removes every credential header from the request, then sets those of the given scheme; a null
   * scheme leaves the request without credential.
   */
  public void apply(Scheme scheme, Request.Builder request) {
    for (String header : CREDENTIAL_HEADERS) {
      request.removeHeader(header);
    }
    if (scheme == null) {
      return;
    }
    switch (scheme) {
      case API_TOKEN -> request.header("Authorization", bearerHeader);
      case API_KEY -> request.header("X-Auth-Email", apiEmail).header("X-Auth-Key", apiKey);
      case USER_SERVICE_KEY -> request.header("X-Auth-User-Service-Key", userServiceKey);
    }
  }

  /** Removes every credential header from the request, then sends {@code token} as its bearer. */
  public static void applyBearer(dev.cloudflare4j.Secret token, Request.Builder request) {
    for (String header : CREDENTIAL_HEADERS) {
      request.removeHeader(header);
    }
    request.header("Authorization", "Bearer " + token.reveal());
  }

  private static boolean isCredentialHeader(String name) {
    for (String header : CREDENTIAL_HEADERS) {
      if (header.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** Names the configured schemes, never a secret. */
  @Override
  public String toString() {
    return "Credentials" + configured();
  }
}
