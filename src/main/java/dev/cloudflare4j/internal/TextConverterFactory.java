package dev.cloudflare4j.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import okhttp3.MediaType;
import okhttp3.RequestBody;
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
 * non-JSON {@code Content-Type} (such as {@code text/plain}), and a {@code String} part of a
 * multipart body, are sent as the text itself, not as a JSON string in quotes. Everything else is
 * left to the JSON converter.
 */
public final class TextConverterFactory extends Converter.Factory {

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
    if (type != String.class) {
      return null;
    }
    MediaType textType = null;
    for (Annotation annotation : methodAnnotations) {
      if (annotation instanceof Multipart) {
        textType = PLAIN_TEXT;
      }
    }
    String declared = declaredHeader(methodAnnotations, "Content-Type");
    if (declared != null && !isJson(MediaType.get(declared))) {
      textType = MediaType.get(declared);
    }
    MediaType contentType = textType;
    return contentType == null ? null : (String value) -> RequestBody.create(value, contentType);
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
