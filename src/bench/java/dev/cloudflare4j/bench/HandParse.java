package dev.cloudflare4j.bench;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.BufferedSource;

/**
 * The baseline's envelope parsing: what a careful programmer writes by hand with Moshi's streaming
 * {@link JsonReader}, with no reflection and no models.
 */
public final class HandParse {

  private static final JsonReader.Options ENVELOPE =
      JsonReader.Options.of("success", "result", "errors", "messages");
  private static final JsonReader.Options ID = JsonReader.Options.of("id");
  private static final JsonReader.Options INFO = JsonReader.Options.of("code", "message");

  /** What the hand parse keeps: success, the result's id, and the errors as code/message. */
  public record Envelope(boolean success, String id, List<String> errors) {}

  private HandParse() {}

  public static Envelope parse(BufferedSource source) throws IOException {
    JsonReader reader = JsonReader.of(source);
    boolean success = false;
    String id = null;
    List<String> errors = List.of();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(ENVELOPE)) {
        case 0 -> success = reader.nextBoolean();
        case 1 -> id = readId(reader);
        case 2 -> errors = readInfos(reader);
        case 3 -> reader.skipValue();
        default -> {
          reader.skipName();
          reader.skipValue();
        }
      }
    }
    reader.endObject();
    return new Envelope(success, id, errors);
  }

  private static String readId(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    String id = null;
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.selectName(ID) == 0) {
        id = reader.nextString();
      } else {
        reader.skipName();
        reader.skipValue();
      }
    }
    reader.endObject();
    return id;
  }

  private static List<String> readInfos(JsonReader reader) throws IOException {
    List<String> infos = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) {
      int code = 0;
      String message = null;
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(INFO)) {
          case 0 -> code = reader.nextInt();
          case 1 -> message = reader.nextString();
          default -> {
            reader.skipName();
            reader.skipValue();
          }
        }
      }
      reader.endObject();
      infos.add(code + " " + message);
    }
    reader.endArray();
    return infos;
  }
}
