package dev.cloudflare4j.internal;

import java.util.regex.Pattern;

/**
 * Removes what looks like a Cloudflare credential from text we produce (exception messages, log
 * lines, CLI output), wherever it came from, a server's error text included: since 2026 every
 * credential carries a prefix ({@code cfat_}, {@code cfut_}, {@code cfk_}; also {@code cfoat_} for
 * Wrangler's OAuth tokens and, as secret scanners report it, {@code cfast_} for Access
 * service-token secrets) that makes it recognisable without context. The prefix stays, so a reader
 * still sees which kind it was.
 */
public final class Redaction {

  /** The prefix of an account-owned API token's value since 2026. */
  public static final String ACCOUNT_TOKEN_PREFIX = "cfat_";

  /** The prefix of a user-owned API token's value since 2026. */
  public static final String USER_TOKEN_PREFIX = "cfut_";

  /** The prefix of a Global API Key's value since 2026. */
  public static final String GLOBAL_KEY_PREFIX = "cfk_";

  /** The prefix of a Wrangler OAuth access token (Cloudflare's token-formats page). */
  public static final String WRANGLER_OAUTH_PREFIX = "cfoat_";

  /**
   * The prefix of an Access service token's client secret, as secret-scanner rule sets report it
   * (not confirmed by Cloudflare's docs).
   */
  public static final String ACCESS_SERVICE_SECRET_PREFIX = "cfast_";

  // A prefix, not in the middle of a word, then what a value holds (40 characters and a checksum;
  // 8 or more is enough to be sure it is no ordinary word).
  private static final Pattern CREDENTIAL =
      Pattern.compile(
          "(?<![A-Za-z0-9])("
              + ACCOUNT_TOKEN_PREFIX
              + "|"
              + USER_TOKEN_PREFIX
              + "|"
              + GLOBAL_KEY_PREFIX
              + "|"
              + WRANGLER_OAUTH_PREFIX
              + "|"
              + ACCESS_SERVICE_SECRET_PREFIX
              + ")[A-Za-z0-9_-]{8,}");

  private Redaction() {}

  /**
   * A credential found in a text.
   *
   * @param prefix its prefix ({@code cfat_}, {@code cfut_}, {@code cfk_}, {@code cfoat_} or {@code
   *     cfast_})
   * @param value the whole value
   * @param line the line it was found on, from 1
   */
  public record Found(String prefix, String value, int line) {

    /** Names the prefix and line; never the value. */
    @Override
    public String toString() {
      return prefix + "[redacted] on line " + line;
    }
  }

  /** Every distinct prefixed credential in the text, in order of first appearance. */
  public static java.util.List<Found> find(String text) {
    java.util.Map<String, Found> found = new java.util.LinkedHashMap<>();
    java.util.regex.Matcher m = CREDENTIAL.matcher(text);
    int line = 1;
    int counted = 0;
    while (m.find()) {
      for (int i = counted; i < m.start(); i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      counted = m.start();
      found.putIfAbsent(m.group(), new Found(m.group(1), m.group(), line));
    }
    return java.util.List.copyOf(found.values());
  }

  /** The text with every prefixed credential replaced by its prefix and {@code [redacted]}. */
  public static String redact(String text) {
    if (text == null || text.indexOf("cf") < 0) {
      return text;
    }
    return CREDENTIAL.matcher(text).replaceAll("$1[redacted]");
  }
}
