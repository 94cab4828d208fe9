package dev.cloudflare4j;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * A short line that says what an error answer's body says when it is not Cloudflare's envelope (a
 * proxy's page, a {@code problem+json} from a gateway or a mock server): the {@code title} and
 * {@code detail} of a problem (RFC 9457), with the first of Prism's {@code validation} messages,
 * and a JSON object's {@code message} or {@code error}; else, for a body that is not JSON (a JSON
 * body that does not parse says nothing), its first line of text, tags left out. At most {@value
 * #MAX} characters, on one line, with every prefixed credential redacted; null for an empty body.
 */
final class BodySummary {

  /** The longest summary, in characters; a longer one ends with an ellipsis. */
  static final int MAX = 200;

  private BodySummary() {}

  static String of(Buffer body, Credentials credentials) {
    String text = body.size() > 64 * 1024 ? body.snapshot(64 * 1024).utf8() : body.readUtf8();
    Object json = json(text);
    // JSON says something only by the fields a person reads; JSON that does not parse (cut off,
    // too long to read whole) says nothing, rather than raw fields; any other body is text.
    String start = text.stripLeading();
    boolean jsonLike = start.startsWith("{") || start.startsWith("[");
    String summary = json != NOT_JSON ? fromJson(json) : jsonLike ? null : firstLine(text);
    if (summary == null || summary.isBlank()) {
      return null;
    }
    summary = credentials.redact(ResponseHandler.oneLine(summary.strip()));
    return summary.length() <= MAX ? summary : summary.substring(0, MAX - 1) + "…";
  }

  private static final Object NOT_JSON = new Object();

  /** The body as one JSON value (a map, a list, a string...; null for JSON null), or NOT_JSON. */
  private static Object json(String text) {
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
      Object value = reader.readJsonValue();
      return reader.peek() == JsonReader.Token.END_DOCUMENT ? value : NOT_JSON;
    } catch (IOException | RuntimeException notJson) {
      return NOT_JSON;
    }
  }

  private static String fromJson(Object value) {
    if (!(value instanceof Map<?, ?> object)) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (object.get("title") instanceof String title && !title.isBlank()) {
      parts.add(title.strip());
    }
    if (object.get("validation") instanceof List<?> validation
        && !validation.isEmpty()
        && validation.get(0) instanceof Map<?, ?> first
        && first.get("message") instanceof String message) {
      String where =
          first.get("location") instanceof List<?> location
              ? String.join(".", location.stream().map(String::valueOf).toList()) + ": "
              : "";
      parts.add(where + message);
    }
    for (String key : List.of("detail", "message", "error")) {
      if (object.get(key) instanceof String part && !part.isBlank()) {
        parts.add(part.strip());
      }
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static String firstLine(String text) {
    for (String line : text.lines().toList()) {
      String stripped = line.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
      if (!stripped.isEmpty()) {
        return stripped;
      }
    }
    return null;
  }
}
