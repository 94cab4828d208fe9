package dev.cloudflare4j.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.ByteString;

/**
 * Reads a successful answer that is not JSON: text, for an operation that produces no JSON type
 * ({@code text/csv}, ...) and returns {@code String}; the bytes themselves, for one that returns
 * {@code okhttp3.ResponseBody} (a binary download), held in memory so the caller has nothing to
 * close. It stands where the operation's JSON adapter would, and is never asked to read JSON.
 */
abstract class RawBodyAdapter<T> extends JsonAdapter<T> {

  static final RawBodyAdapter<String> TEXT =
      new RawBodyAdapter<>() {
        @Override
        String read(ByteString bytes, MediaType type) {
          Charset charset = type == null ? null : type.charset();
          return bytes.string(charset != null ? charset : StandardCharsets.UTF_8);
        }
      };

  static final RawBodyAdapter<ResponseBody> BYTES =
      new RawBodyAdapter<>() {
        @Override
        ResponseBody read(ByteString bytes, MediaType type) {
          return ResponseBody.create(bytes, type);
        }
      };

  /** The answer's value from its whole body and its media type (null when it gave none). */
  abstract T read(ByteString bytes, MediaType type);

  @Override
  public T fromJson(JsonReader reader) {
    throw new UnsupportedOperationException("not a JSON answer");
  }

  @Override
  public void toJson(JsonWriter writer, T value) {
    throw new UnsupportedOperationException("not a JSON answer");
  }
}
