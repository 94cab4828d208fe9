package dev.cloudflare4j;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import retrofit2.Converter;
import retrofit2.Retrofit;
import retrofit2.http.Headers;
import retrofit2.http.Multipart;

/**
 * Writes what is not JSON: parameters, and bodies or multipart parts that are plain text.
 *
 * <p>Path, query and header parameters as the spec means them, where {@code toString()} would not
 * do: a date-time in full ISO-8601 with seconds ({@code OffsetDateTime.toString()} drops zero
 * seconds), a number without an exponent ({@code 1E+1} is {@code 10}). (Generated enum classes
 * print as the text Cloudflare uses.) A {@code String} body whose generated method declares a
 * non-JSON {@code Content-Type} (such as {@code text/plain}), and a part of a multipart body that
 * is text, a number, a boolean or an enum, are sent as the text itself, not as a JSON value (a
 * string in quotes). Everything else is left to the JSON converter.
 */
final class TextConverterFactory extends Converter.Factory {

  private static final MediaType PLAIN_TEXT = MediaType.get("text/plain; charset=utf-8");

  @Override
  public Converter<?, String> stringConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    if (type == OffsetDateTime.class) {
      return (OffsetDateTime value) -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
    }
    if (type == BigDecimal.class) {
      return (BigDecimal value) -> value.toPlainString();
    }
    return null;
  }

  @Override
  public Converter<?, RequestBody> requestBodyConverter(
      Type type,
      Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations,
      Retrofit retrofit) {
    boolean multipart = false;
    for (Annotation annotation : methodAnnotations) {
      multipart |= annotation instanceof Multipart;
    }
    if (multipart && type != String.class) {
      // A part of a multipart body is a form field: a value whose JSON is a string, a number or a
      // boolean (a generated enum too) is sent as that text, as a form sends it; an object or a
      // list stays JSON, as OpenAPI says of them in a multipart body.
      Converter<Object, RequestBody> json =
          retrofit.nextRequestBodyConverter(this, type, parameterAnnotations, methodAnnotations);
      return (Object value) -> formField(json.convert(value));
    }
    MediaType textType = multipart ? PLAIN_TEXT : null;
    String declared = declaredHeader(methodAnnotations, "Content-Type");
    if (type != String.class) {
      return null;
    }
    if (declared != null && !isJson(MediaType.get(declared))) {
      textType = MediaType.get(declared);
    }
    MediaType contentType = textType;
    return contentType == null ? null : (String value) -> RequestBody.create(value, contentType);
  }

  /** A JSON part as a form field: the text of a scalar, else the JSON as it was. */
  private static RequestBody formField(RequestBody json) throws IOException {
    Buffer buffer = new Buffer();
    json.writeTo(buffer);
    MediaType contentType = json.contentType();
    if (contentType == null || !isJson(contentType) || buffer.size() == 0) {
      return RequestBody.create(buffer.readByteString(), contentType);
    }
    byte first = buffer.getByte(0);
    if (first == '"') {
      return RequestBody.create(JsonReader.of(buffer).nextString(), PLAIN_TEXT);
    }
    if (first == '{' || first == '[' || first == 'n') {
      return RequestBody.create(buffer.readByteString(), contentType);
    }
    return RequestBody.create(buffer.readUtf8(), PLAIN_TEXT);
  }

  /**
   * The value of a header that a generated method declares in its {@code @Headers}, or null.
   *
   * @param name the header's name, in any case
   */
  static String declaredHeader(Annotation[] methodAnnotations, String name) {
    for (Annotation annotation : methodAnnotations) {
      if (annotation instanceof Headers headers) {
        for (String header : headers.value()) {
          int colon = header.indexOf(':');
          if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase(name)) {
            return header.substring(colon + 1).trim();
          }
        }
      }
    }
    return null;
  }

  /** Whether a media type is JSON: {@code application/json}, or any {@code +json} type. */
  static boolean isJson(MediaType type) {
    return type.subtype().equals("json") || type.subtype().endsWith("+json");
  }
}
