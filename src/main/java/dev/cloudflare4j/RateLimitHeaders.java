package dev.cloudflare4j;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;

/**
 * What an answer says of the user's rate limit. Cloudflare sends, on every REST answer, the IETF
 * draft's {@code Ratelimit: "default";r=50;t=30} (requests remaining, seconds until the window
 * resets) and {@code Ratelimit-Policy: "burst";q=100;w=60} (quota, window in seconds); older
 * answers carry {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code
 * X-RateLimit-Reset} (an HTTP date, or seconds). Where several limits are listed, the one that
 * allows the fewest requests per second until its reset is the one that binds.
 */
final class RateLimitHeaders {

  private RateLimitHeaders() {}

  /** The longest reset or window read: a day. Longer ones (epoch milliseconds, say) are a day. */
  static final Duration LONGEST = Duration.ofDays(1);

  private static Duration seconds(long seconds) {
    return seconds > LONGEST.toSeconds() ? LONGEST : Duration.ofSeconds(seconds);
  }

  /** The delay, or {@link #LONGEST} if it is longer. */
  static Duration atMostADay(Duration delay) {
    return delay.compareTo(LONGEST) > 0 ? LONGEST : delay;
  }

  /**
   * One limit as an answer reports it.
   *
   * @param remaining requests left in the window
   * @param reset time until the window resets, or null when the answer does not say
   * @param quota requests per window, or 0 when the answer does not say
   * @param window the window, or null when the answer does not say
   */
  record Reading(long remaining, Duration reset, long quota, Duration window) {

    /** Requests per second this limit allows until its reset (remaining ones when unknown). */
    double rate() {
      return reset == null ? remaining : remaining / Math.max(reset.toNanos() / 1e9, 1e-3);
    }
  }

  /** The binding limit the answer reports, or null when it reports none (or none readable). */
  static Reading read(Headers headers, Clock clock) {
    String current = headers.get("Ratelimit");
    if (current != null) {
      Reading binding = null;
      Map<String, Map<String, Long>> policies = members(headers.get("Ratelimit-Policy"));
      for (Map.Entry<String, Map<String, Long>> limit : members(current).entrySet()) {
        Long remaining = limit.getValue().get("r");
        if (remaining == null || remaining < 0) {
          continue;
        }
        Long reset = limit.getValue().get("t");
        Map<String, Long> policy = policies.get(limit.getKey());
        if (policy == null && policies.size() == 1) {
          policy = policies.values().iterator().next();
        }
        Long quota = policy == null ? null : policy.get("q");
        Long window = policy == null ? null : policy.get("w");
        Reading reading =
            new Reading(
                remaining,
                reset == null || reset < 0 ? null : seconds(reset),
                quota == null || quota < 1 ? 0 : quota,
                window == null || window < 1 ? null : seconds(window));
        if (binding == null || reading.rate() < binding.rate()) {
          binding = reading;
        }
      }
      if (binding != null) {
        return binding;
      }
    }
    Long remaining = number(headers.get("X-RateLimit-Remaining"));
    if (remaining == null || remaining < 0) {
      return null;
    }
    Long quota = number(headers.get("X-RateLimit-Limit"));
    return new Reading(
        remaining,
        resetOf(headers.get("X-RateLimit-Reset"), clock),
        quota == null || quota < 1 ? 0 : quota,
        null);
  }

  /**
   * {@code X-RateLimit-Reset}: an HTTP date, epoch seconds, or seconds from now; null when absent
   * or unreadable.
   */
  static Duration resetOf(String value, Clock clock) {
    if (value == null) {
      return null;
    }
    Long seconds = number(value);
    if (seconds != null) {
      if (seconds < 0) {
        return null;
      }
      // Larger than any window: a point in time (epoch seconds), not a delay.
      if (seconds > 1_000_000_000L) {
        if (seconds > LONGEST.toSeconds() + clock.instant().getEpochSecond()) {
          return LONGEST; // epoch milliseconds, say: read as far off
        }
        Duration delay = Duration.between(clock.instant(), Instant.ofEpochSecond(seconds));
        return delay.isNegative() ? Duration.ZERO : delay;
      }
      return seconds(seconds);
    }
    try {
      Instant at =
          ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delay = Duration.between(clock.instant(), at);
      return delay.isNegative() ? Duration.ZERO : atMostADay(delay);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static Long number(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * A structured-field list ({@code "name";a=1;b=2, other;a=3}) as name to integer parameters, in
   * order; members or parameters that cannot be read are left out.
   */
  static Map<String, Map<String, Long>> members(String list) {
    Map<String, Map<String, Long>> members = new HashMap<>();
    if (list == null) {
      return members;
    }
    for (String member : split(list, ',')) {
      List<String> parts = split(member, ';');
      if (parts.isEmpty()) {
        continue;
      }
      String name = parts.get(0).trim();
      if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
        name = name.substring(1, name.length() - 1);
      }
      Map<String, Long> params = new HashMap<>();
      for (String param : parts.subList(1, parts.size())) {
        int eq = param.indexOf('=');
        if (eq > 0) {
          Long value = number(param.substring(eq + 1));
          if (value != null) {
            params.put(param.substring(0, eq).trim(), value);
          }
        }
      }
      members.putIfAbsent(name, params);
    }
    return members;
  }

  /** Splits at the separator, outside double quotes. */
  private static List<String> split(String text, char separator) {
    List<String> parts = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == separator && !quoted) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }
}
