package dev.cloudflare4j.internal;

import com.squareup.moshi.Json;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Writes path, query and header parameters as the spec means them, where {@code toString()} would
 * not: a date-time in full ISO-8601 with seconds ({@code OffsetDateTime.toString()} drops zero
 * seconds), a number without an exponent ({@code 1E+1} is {@code 10}), an enum as its JSON name.
 */
public final class ParamConverterFactory extends Converter.Factory {

  @Override
  public Converter<?, String> stringConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    if (type == OffsetDateTime.class) {
      return (OffsetDateTime value) -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
    }
    if (type == BigDecimal.class) {
      return (BigDecimal value) -> value.toPlainString();
    }
    if (type instanceof Class<?> cls && cls.isEnum()) {
      return (Enum<?> value) -> jsonName(value);
    }
    return null;
  }

  private static String jsonName(Enum<?> value) {
    try {
      Json json = value.getDeclaringClass().getField(value.name()).getAnnotation(Json.class);
      return json != null ? json.name() : value.name();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}
