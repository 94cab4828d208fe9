package dev.cloudflare4j;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.cloudflare4j.model.ResponseInfo;
import java.io.IOException;
import java.util.List;

/**
 * The parts of any Cloudflare envelope that describe a failure, read from error answers of every
 * operation alike; other fields are ignored.
 *
 * @param success the envelope's {@code success}
 * @param errors the envelope's {@code errors}
 * @param messages the envelope's {@code messages}
 * @param retryAfter the body's {@code retry_after} in seconds, or null: some 429s say how long to
 *     wait there (and {@code retry-after: 0} in the headers), with or without an envelope
 */
record FailureEnvelope(
    Boolean success, List<ResponseInfo> errors, List<ResponseInfo> messages, Double retryAfter) {

  /**
   * Reads a failure envelope by name, as the generated adapters read models; never writes one. Not
   * null-safe: wrap it with {@code nullSafe()}.
   */
  static final class Adapter extends JsonAdapter<FailureEnvelope> {
    private static final JsonReader.Options NAMES =
        JsonReader.Options.of("success", "errors", "messages", "retry_after");

    private final JsonAdapter<Boolean> success;
    private final JsonAdapter<List<ResponseInfo>> infos;
    private final JsonAdapter<Double> seconds;

    /** Reads {@code errors} and {@code messages} with the given Moshi's adapters. */
    Adapter(Moshi moshi) {
      this.success = moshi.adapter(Boolean.class);
      this.infos = moshi.adapter(Types.newParameterizedType(List.class, ResponseInfo.class));
      this.seconds = moshi.adapter(Double.class);
    }

    @Override
    public FailureEnvelope fromJson(JsonReader reader) throws IOException {
      Boolean succeeded = null;
      List<ResponseInfo> errors = null;
      List<ResponseInfo> messages = null;
      Double retryAfter = null;
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(NAMES)) {
          case 0 -> succeeded = success.fromJson(reader);
          case 1 -> errors = infos.fromJson(reader);
          case 2 -> messages = infos.fromJson(reader);
          case 3 -> retryAfter = retryAfter(reader);
          default -> {
            reader.skipName();
            reader.skipValue();
          }
        }
      }
      reader.endObject();
      return new FailureEnvelope(succeeded, errors, messages, retryAfter);
    }

    /** A number of seconds (or a string holding one); anything else is skipped, as unreadable. */
    private Double retryAfter(JsonReader reader) throws IOException {
      JsonReader.Token token = reader.peek();
      if (token != JsonReader.Token.NUMBER && token != JsonReader.Token.STRING) {
        reader.skipValue();
        return null;
      }
      try {
        Double value = seconds.fromJson(reader);
        return value != null && value >= 0 && Double.isFinite(value) ? value : null;
      } catch (JsonDataException e) {
        return null;
      }
    }

    @Override
    public void toJson(JsonWriter writer, FailureEnvelope value) {
      throw new UnsupportedOperationException("failure envelopes are only read");
    }
  }
}
