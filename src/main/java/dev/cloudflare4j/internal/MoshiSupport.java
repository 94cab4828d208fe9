package dev.cloudflare4j.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.adapters.EnumJsonAdapter;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The Moshi configuration for generated models: {@code date-time} and {@code date} strings as
 * {@link OffsetDateTime} and {@link LocalDate}, an {@code UNRECOGNIZED} fallback for enum values
 * this version does not know, and, in strict mode, a refusal of records that lack a {@link
 * Required} property. Unknown JSON fields are ignored.
 */
public final class MoshiSupport {

  private static final String UNKNOWN_ENUM_CONSTANT = "UNRECOGNIZED";

  private MoshiSupport() {}

  /** A Moshi that refuses records missing a required property: for successful answers. */
  public static Moshi strict() {
    return base().add(new RequiredPropertiesFactory()).build();
  }

  /** A Moshi that takes what it gets: for error answers, where every scrap of detail counts. */
  public static Moshi lenient() {
    return base().build();
  }

  private static Moshi.Builder base() {
    return new Moshi.Builder()
        .add(OffsetDateTime.class, temporal(OffsetDateTime::parse).nullSafe())
        .add(LocalDate.class, temporal(LocalDate::parse).nullSafe())
        .add(MoshiSupport::enumWithFallback);
  }

  private static <T> JsonAdapter<T> temporal(Function<String, T> parse) {
    return new JsonAdapter<T>() {
      @Override
      public T fromJson(JsonReader reader) throws IOException {
        String text = reader.nextString();
        try {
          return parse.apply(text);
        } catch (DateTimeParseException e) {
          throw new JsonDataException(
              "Expected an ISO-8601 date or date-time at " + reader.getPath(), e);
        }
      }

      @Override
      public void toJson(JsonWriter writer, T value) throws IOException {
        writer.value(value.toString());
      }
    };
  }

  private static JsonAdapter<?> enumWithFallback(
      Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty() || !(type instanceof Class<?> cls) || !cls.isEnum()) {
      return null;
    }
    for (Object constant : cls.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(UNKNOWN_ENUM_CONSTANT)) {
        return fallbackAdapter(cls.asSubclass(Enum.class), constant);
      }
    }
    return null;
  }

  // EnumJsonAdapter's type parameter is T extends Enum<T>; a Class<?> found at run time cannot be
  // given that bound without an unchecked cast.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static JsonAdapter<?> fallbackAdapter(Class<? extends Enum> cls, Object constant) {
    return EnumJsonAdapter.create((Class) cls).withUnknownFallback((Enum) constant).nullSafe();
  }

  /** Checks, after Moshi builds a record, that its {@link Required} components are present. */
  private static final class RequiredPropertiesFactory implements JsonAdapter.Factory {
    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty() || !(type instanceof Class<?> cls) || !cls.isRecord()) {
        return null;
      }
      List<RequiredComponent> required = new ArrayList<>();
      for (RecordComponent component : cls.getRecordComponents()) {
        if (component.isAnnotationPresent(Required.class)) {
          required.add(RequiredComponent.of(component));
        }
      }
      if (required.isEmpty()) {
        return null;
      }
      JsonAdapter<Object> delegate = moshi.nextAdapter(this, type, annotations);
      return new RequiredPropertiesAdapter(delegate, List.copyOf(required));
    }
  }

  private record RequiredComponent(String jsonName, MethodHandle accessor) {
    static RequiredComponent of(RecordComponent component) {
      com.squareup.moshi.Json json = component.getAnnotation(com.squareup.moshi.Json.class);
      String name = json != null ? json.name() : component.getName();
      try {
        return new RequiredComponent(
            name, MethodHandles.publicLookup().unreflect(component.getAccessor()));
      } catch (IllegalAccessException e) {
        throw new IllegalArgumentException("cannot read " + component, e);
      }
    }
  }

  private static final class RequiredPropertiesAdapter extends JsonAdapter<Object> {
    private final JsonAdapter<Object> delegate;
    private final List<RequiredComponent> required;

    RequiredPropertiesAdapter(JsonAdapter<Object> delegate, List<RequiredComponent> required) {
      this.delegate = delegate;
      this.required = required;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      Object value = delegate.fromJson(reader);
      if (value != null) {
        for (RequiredComponent component : required) {
          if (read(component, value) == null) {
            // Once the object is read the path still names it: built only when it is needed.
            throw new JsonDataException(
                "Required property '" + component.jsonName() + "' missing at " + reader.getPath());
          }
        }
      }
      return value;
    }

    private static Object read(RequiredComponent component, Object value) {
      try {
        return component.accessor().invoke(value);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, Object value) throws IOException {
      delegate.toJson(writer, value);
    }
  }
}
