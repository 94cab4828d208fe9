package dev.cloudflare4j;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ByteString;

/**
 * Reads a successful answer that may not be JSON: text, for an operation that returns {@code
 * String} (or a JSON string, where the answer's {@code Content-Type} is JSON); the bytes
 * themselves, for one that returns {@code okhttp3.ResponseBody} (a binary download), held in memory
 * so the caller has nothing to close. It stands where the operation's JSON adapter would, and reads
 * the whole body itself.
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

  /**
   * Text or a JSON string, as the answer's {@code Content-Type} says: an operation whose answers
   * are text ({@code text/plain}) and whose failures are JSON, or which produces both. An answer
   * without a {@code Content-Type} is JSON when {@code jsonByDefault}.
   */
  static RawBodyAdapter<String> textOrJson(JsonAdapter<String> json, boolean jsonByDefault) {
    return new RawBodyAdapter<>() {
      @Override
      String read(ByteString bytes, MediaType type) throws IOException {
        boolean isJson = type == null ? jsonByDefault : TextConverterFactory.isJson(type);
        return isJson ? json.fromJson(new Buffer().write(bytes)) : TEXT.read(bytes, type);
      }
    };
  }

  static final RawBodyAdapter<ResponseBody> BYTES =
      new RawBodyAdapter<>() {
        @Override
        ResponseBody read(ByteString bytes, MediaType type) {
          return ResponseBody.create(bytes, type);
        }
      };

  /** The answer's value from its whole body and its media type (null when it gave none). */
  abstract T read(ByteString bytes, MediaType type) throws IOException;

  @Override
  public T fromJson(JsonReader reader) {
    throw new UnsupportedOperationException("not a JSON answer");
  }

  @Override
  public void toJson(JsonWriter writer, T value) {
    throw new UnsupportedOperationException("not a JSON answer");
  }
}
