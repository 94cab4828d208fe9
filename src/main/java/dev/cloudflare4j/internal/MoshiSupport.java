package dev.cloudflare4j.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.adapters.EnumJsonAdapter;
import dev.cloudflare4j.Secret;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import okio.BufferedSink;
import okio.BufferedSource;

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

  /** A Moshi for request bodies: {@link ReadOnly} properties are never sent. */
  public static Moshi requests() {
    return base().add(new ReadOnlyOmittingFactory()).build();
  }

  private static Moshi.Builder base() {
    return new Moshi.Builder()
        .add(
            OffsetDateTime.class,
            temporal(OffsetDateTime::parse, DateTimeFormatter.ISO_OFFSET_DATE_TIME::format)
                .nullSafe())
        .add(LocalDate.class, temporal(LocalDate::parse, LocalDate::toString).nullSafe())
        .add(BigDecimal.class, new BigDecimalAdapter().nullSafe())
        .add(URI.class, text(URI::create, URI::toString).nullSafe())
        .add(UUID.class, text(UUID::fromString, UUID::toString).nullSafe())
        .add(Secret.class, text(Secret::of, Secret::reveal).nullSafe())
        .add(new UnionFactory())
        .add(MoshiSupport::enumWithFallback);
  }

  /** A JSON string read and written through the given functions. */
  private static <T> JsonAdapter<T> text(Function<String, T> parse, Function<T, String> format) {
    return new JsonAdapter<T>() {
      @Override
      public T fromJson(JsonReader reader) throws IOException {
        String text = reader.nextString();
        try {
          return parse.apply(text);
        } catch (IllegalArgumentException e) {
          throw new JsonDataException("Expected a valid value at " + reader.getPath(), e);
        }
      }

      @Override
      public void toJson(JsonWriter writer, T value) throws IOException {
        writer.value(format.apply(value));
      }
    };
  }

  /** JSON numbers as BigDecimal, exactly as written (Moshi has no adapter for it). */
  private static final class BigDecimalAdapter extends JsonAdapter<BigDecimal> {
    @Override
    public BigDecimal fromJson(JsonReader reader) throws IOException {
      String text = reader.nextString();
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new JsonDataException("Expected a number at " + reader.getPath(), e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, BigDecimal value) throws IOException {
      writer.value(value);
    }
  }

  private static <T> JsonAdapter<T> temporal(
      Function<String, T> parse, Function<T, String> format) {
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
        writer.value(format.apply(value));
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

  /**
   * Reads and writes generated {@link JsonUnion} classes. Reading keeps the JSON text and tries
   * every alternative on it: the value is each alternative that reads it without error (an
   * alternative's required properties must be present). Writing puts back the JSON text as it was
   * read, or the one alternative a value was built from.
   */
  private static final class UnionFactory implements JsonAdapter.Factory {
    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty()
          || !(type instanceof Class<?> cls)
          || !cls.isAnnotationPresent(JsonUnion.class)) {
        return null;
      }
      Map<String, JsonAdapter<Object>> alternatives = new TreeMap<>();
      for (Method method : cls.getDeclaredMethods()) {
        JsonUnion.Alternative alternative = method.getAnnotation(JsonUnion.Alternative.class);
        if (alternative != null) {
          alternatives.put(
              alternative.value(), moshi.adapter(method.getGenericParameterTypes()[0]));
        }
      }
      try {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(cls, MethodHandles.lookup());
        return new UnionAdapter(
                alternatives,
                lookup.findConstructor(
                    cls, MethodType.methodType(void.class, String.class, Map.class)),
                lookup.findGetter(cls, "json", String.class),
                lookup.findGetter(cls, "alternatives", Map.class))
            .nullSafe();
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(cls + " is not a generated union class", e);
      }
    }
  }

  private static final class UnionAdapter extends JsonAdapter<Object> {
    private final Map<String, JsonAdapter<Object>> alternatives;
    private final MethodHandle constructor;
    private final MethodHandle json;
    private final MethodHandle values;

    UnionAdapter(
        Map<String, JsonAdapter<Object>> alternatives,
        MethodHandle constructor,
        MethodHandle json,
        MethodHandle values) {
      this.alternatives = alternatives;
      this.constructor = constructor;
      this.json = json;
      this.values = values;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      String text;
      try (BufferedSource source = reader.nextSource()) {
        text = source.readUtf8();
      }
      Map<String, Object> matches = new LinkedHashMap<>();
      for (Map.Entry<String, JsonAdapter<Object>> alternative : alternatives.entrySet()) {
        try {
          Object value = alternative.getValue().fromJson(text);
          if (value != null) {
            matches.put(alternative.getKey(), value);
          }
        } catch (IOException | RuntimeException notThisOne) {
          // The JSON is not this alternative; the others are tried.
        }
      }
      return invoke(constructor, text, matches);
    }

    @Override
    public void toJson(JsonWriter writer, Object value) throws IOException {
      String text = (String) invoke(json, value);
      if (text != null) {
        try (BufferedSink sink = writer.valueSink()) {
          sink.writeUtf8(text);
        }
        return;
      }
      Map<?, ?> built = (Map<?, ?>) invoke(values, value);
      for (Map.Entry<?, ?> alternative : built.entrySet()) {
        JsonAdapter<Object> adapter = alternatives.get((String) alternative.getKey());
        adapter.toJson(writer, alternative.getValue());
      }
    }
  }

  /** Writes records without their {@link ReadOnly} components: for request bodies. */
  private static final class ReadOnlyOmittingFactory implements JsonAdapter.Factory {
    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty() || !(type instanceof Class<?> cls) || !cls.isRecord()) {
        return null;
      }
      RecordComponent[] components = cls.getRecordComponents();
      if (Arrays.stream(components).noneMatch(c -> c.isAnnotationPresent(ReadOnly.class))) {
        return null;
      }
      List<WrittenComponent> written = new ArrayList<>();
      for (RecordComponent component : components) {
        if (!component.isAnnotationPresent(ReadOnly.class)) {
          written.add(
              new WrittenComponent(
                  RequiredComponent.of(component), moshi.adapter(component.getGenericType())));
        }
      }
      JsonAdapter<Object> delegate = moshi.nextAdapter(this, type, annotations);
      return new ReadOnlyOmittingAdapter(delegate, List.copyOf(written)).nullSafe();
    }
  }

  private record WrittenComponent(RequiredComponent component, JsonAdapter<Object> adapter) {}

  private static final class ReadOnlyOmittingAdapter extends JsonAdapter<Object> {
    private final JsonAdapter<Object> delegate;
    private final List<WrittenComponent> written;

    ReadOnlyOmittingAdapter(JsonAdapter<Object> delegate, List<WrittenComponent> written) {
      this.delegate = delegate;
      this.written = written;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      return delegate.fromJson(reader);
    }

    @Override
    public void toJson(JsonWriter writer, Object value) throws IOException {
      writer.beginObject();
      for (WrittenComponent each : written) {
        Object component = invoke(each.component().accessor(), value);
        if (component != null || writer.getSerializeNulls()) {
          writer.name(each.component().jsonName());
          each.adapter().toJson(writer, component);
        }
      }
      writer.endObject();
    }
  }

  private static Object invoke(MethodHandle handle, Object... arguments) {
    try {
      return handle.invokeWithArguments(arguments);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
