package dev.cloudflare4j.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonClass;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.cloudflare4j.Secret;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * The Moshi configuration for generated models, whose records are read and written by the adapters
 * generated with them (in the mode of each of the client's Moshis; other records by reflection):
 * {@code date-time} and {@code date} strings as {@link OffsetDateTime} and {@link LocalDate},
 * numbers as exact {@link BigDecimal}s, secrets as {@link Secret}s, generated enum classes that
 * keep values this version does not know, generated unions, and, in strict mode, a refusal of
 * records that lack a {@link Required} property. Unknown JSON fields are ignored.
 */
public final class MoshiSupport {

  private static final String ISO_8601 = "an ISO-8601 date or date-time";

  private MoshiSupport() {}

  /** A Moshi that refuses records missing a required property: for successful answers. */
  public static Moshi strict() {
    return base(ModelJson.Mode.ANSWER).add(new RequiredPropertiesFactory()).build();
  }

  /** A Moshi that takes what it gets: for error answers, where every scrap of detail counts. */
  public static Moshi lenient() {
    return base(ModelJson.Mode.FAILURE).build();
  }

  /** A Moshi for request bodies: {@link ReadOnly} properties are never sent. */
  public static Moshi requests() {
    return base(ModelJson.Mode.REQUEST).build();
  }

  private static Moshi.Builder base(ModelJson.Mode mode) {
    Moshi.Builder builder = new Moshi.Builder().add(new GeneratedAdapterFactory(mode));
    for (TextType text : TextType.values()) {
      builder.add(text.type, new TextAdapter(text).nullSafe());
    }
    return builder
        .add(BigDecimal.class, new BigDecimalAdapter().nullSafe())
        .add(new UnionFactory())
        .add(new EnumFactory())
        .add(new RecordShapeFactory(mode == ModelJson.Mode.REQUEST));
  }

  /**
   * The adapters the templates generate for model records ({@code <Record>JsonAdapter}, found as
   * Moshi finds its own generated adapters), made in the client's mode. Other records, such as the
   * client's own, are read by reflection with the factories below.
   */
  private static final class GeneratedAdapterFactory implements JsonAdapter.Factory {
    private final ModelJson.Mode mode;

    GeneratedAdapterFactory(ModelJson.Mode mode) {
      this.mode = mode;
    }

    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty() || !(type instanceof Class<?> cls)) {
        return null;
      }
      JsonClass generated = cls.getAnnotation(JsonClass.class);
      if (generated == null || !generated.generator().equals(ModelJson.GENERATOR)) {
        return null;
      }
      try {
        // Package-private, so that the mode (not API) stays out of the exported model package.
        Constructor<?> constructor =
            Class.forName(Types.generatedJsonAdapterName(cls.getName()), true, cls.getClassLoader())
                .getDeclaredConstructor(Moshi.class, ModelJson.Mode.class);
        constructor.setAccessible(true);
        return (JsonAdapter<?>) constructor.newInstance(moshi, mode);
      } catch (InvocationTargetException e) {
        throw new IllegalArgumentException("cannot build the JSON adapter of " + cls, e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(cls + " has no generated JSON adapter", e);
      }
    }
  }

  /** The Java types read from JSON strings, and what a string must be to be read as one. */
  private enum TextType {
    OFFSET_DATE_TIME(OffsetDateTime.class, ISO_8601),
    LOCAL_DATE(LocalDate.class, ISO_8601),
    URI_TEXT(URI.class, "a URI"),
    UUID_TEXT(UUID.class, "a UUID"),
    SECRET(Secret.class, "a string");

    final Class<?> type;
    final String expected;

    TextType(Class<?> type, String expected) {
      this.type = type;
      this.expected = expected;
    }

    Object parse(String text) {
      return switch (this) {
        case OFFSET_DATE_TIME -> OffsetDateTime.parse(text);
        case LOCAL_DATE -> LocalDate.parse(text);
        case URI_TEXT -> URI.create(text);
        case UUID_TEXT -> UUID.fromString(text);
        case SECRET -> Secret.of(text);
      };
    }

    String format(Object value) {
      return switch (this) {
        case OFFSET_DATE_TIME ->
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) value);
        case SECRET -> ((Secret) value).reveal();
        case LOCAL_DATE, URI_TEXT, UUID_TEXT -> value.toString();
      };
    }
  }

  /**
   * A JSON string read and written as its {@link TextType} (a switch, not a pair of functions: a
   * new JVM links each lambda at its first use). A string it cannot read is a JsonDataException
   * that names the path, never the string (it may be a secret).
   */
  private static final class TextAdapter extends JsonAdapter<Object> {
    private final TextType type;

    TextAdapter(TextType type) {
      this.type = type;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      String text = reader.nextString();
      try {
        return type.parse(text);
      } catch (IllegalArgumentException | DateTimeException e) {
        throw new JsonDataException("Expected " + type.expected + " at " + reader.getPath(), e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, Object value) throws IOException {
      writer.value(type.format(value));
    }
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
   * Reads generated {@link JsonEnum} classes through {@code of(raw)}, writes their {@code raw()}.
   */
  private static final class EnumFactory implements JsonAdapter.Factory {
    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty()
          || !(type instanceof Class<?> cls)
          || !cls.isAnnotationPresent(JsonEnum.class)) {
        return null;
      }
      for (Method method : cls.getMethods()) {
        if (method.getName().equals("of")
            && Modifier.isStatic(method.getModifiers())
            && method.getParameterCount() == 1) {
          try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> rawType = method.getParameterTypes()[0];
            return new EnumAdapter(
                    moshi.adapter((Type) rawType),
                    lookup.unreflect(method),
                    lookup.findVirtual(cls, "raw", MethodType.methodType(rawType)))
                .nullSafe();
          } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(cls + " is not a generated enum class", e);
          }
        }
      }
      throw new IllegalArgumentException(cls + " is not a generated enum class: no of(raw)");
    }
  }

  private static final class EnumAdapter extends JsonAdapter<Object> {
    private final JsonAdapter<Object> raw;
    private final MethodHandle of;
    private final MethodHandle rawOf;

    EnumAdapter(JsonAdapter<Object> raw, MethodHandle of, MethodHandle rawOf) {
      this.raw = raw;
      this.of = of;
      this.rawOf = rawOf;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      // nullSafe() has taken JSON null already.
      return invoke(of, raw.fromJson(reader));
    }

    @Override
    public void toJson(JsonWriter writer, Object value) throws IOException {
      raw.toJson(writer, invoke(rawOf, value));
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
      JsonUnion union = cls.getAnnotation(JsonUnion.class);
      Map<String, String> mapping = new LinkedHashMap<>();
      for (String pair : union.mapping()) {
        int equals = pair.lastIndexOf('=');
        mapping.put(pair.substring(0, equals), pair.substring(equals + 1));
      }
      try {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(cls, MethodHandles.lookup());
        return new UnionAdapter(
                alternatives,
                union.discriminator(),
                mapping,
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
    private final String discriminator;
    private final Map<String, String> mapping;
    private final MethodHandle constructor;
    private final MethodHandle json;
    private final MethodHandle values;

    UnionAdapter(
        Map<String, JsonAdapter<Object>> alternatives,
        String discriminator,
        Map<String, String> mapping,
        MethodHandle constructor,
        MethodHandle json,
        MethodHandle values) {
      this.alternatives = alternatives;
      this.discriminator = discriminator;
      this.mapping = mapping;
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
      String named = discriminator.isEmpty() ? null : mapping.get(discriminatorValue(text));
      for (Map.Entry<String, JsonAdapter<Object>> alternative : alternatives.entrySet()) {
        if (!discriminator.isEmpty() && !alternative.getKey().equals(named)) {
          continue;
        }
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

    /** The discriminator property's string value, or null when the JSON has none. */
    private String discriminatorValue(String text) throws IOException {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        return null;
      }
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.nextName().equals(discriminator) && reader.peek() == JsonReader.Token.STRING) {
          return reader.nextString();
        }
        reader.skipValue();
      }
      return null;
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

  /**
   * Records whose JSON is not just their components: one with an {@link AdditionalProperties}
   * component keeps the properties its schema does not declare there, and writes them back beside
   * the others; and, in request bodies, {@link ReadOnly} components are never written.
   */
  private static final class RecordShapeFactory implements JsonAdapter.Factory {
    private final boolean omitReadOnly;

    RecordShapeFactory(boolean omitReadOnly) {
      this.omitReadOnly = omitReadOnly;
    }

    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty() || !(type instanceof Class<?> cls) || !cls.isRecord()) {
        return null;
      }
      RecordComponent[] components = cls.getRecordComponents();
      int additional = -1;
      boolean readOnly = false;
      for (int i = 0; i < components.length; i++) {
        if (components[i].isAnnotationPresent(AdditionalProperties.class)) {
          additional = i;
        }
        readOnly |= omitReadOnly && components[i].isAnnotationPresent(ReadOnly.class);
      }
      if (additional < 0 && !readOnly) {
        return null;
      }
      List<WrittenComponent> written = new ArrayList<>();
      Set<String> declared = new java.util.HashSet<>();
      for (int i = 0; i < components.length; i++) {
        RecordComponent component = components[i];
        if (i != additional) {
          RequiredComponent named = RequiredComponent.of(component);
          declared.add(named.jsonName());
          if (!(omitReadOnly && component.isAnnotationPresent(ReadOnly.class))) {
            written.add(new WrittenComponent(named, moshi.adapter(component.getGenericType())));
          }
        }
      }
      JsonAdapter<Object> delegate = moshi.nextAdapter(this, type, annotations);
      Extras extras =
          additional < 0 ? null : Extras.of(cls, components, additional, declared, moshi);
      return new RecordShapeAdapter(delegate, List.copyOf(written), extras).nullSafe();
    }
  }

  private record WrittenComponent(RequiredComponent component, JsonAdapter<Object> adapter) {}

  /** How a record keeps undeclared properties: which names are declared, how to rebuild it. */
  private record Extras(
      Set<String> declared,
      JsonAdapter<Object> values,
      List<MethodHandle> accessors,
      MethodHandle constructor,
      int index) {

    /**
     * @param components the record's components
     * @param index which of them holds the undeclared properties
     */
    static Extras of(
        Class<?> cls, RecordComponent[] components, int index, Set<String> declared, Moshi moshi) {
      Type valueType = Object.class;
      if (components[index].getGenericType() instanceof java.lang.reflect.ParameterizedType map) {
        valueType = map.getActualTypeArguments()[1];
      }
      try {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        List<MethodHandle> accessors = new ArrayList<>();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
          accessors.add(lookup.unreflect(components[i].getAccessor()));
          types[i] = components[i].getType();
        }
        return new Extras(
            Set.copyOf(declared),
            moshi.adapter(valueType),
            List.copyOf(accessors),
            lookup.findConstructor(cls, MethodType.methodType(void.class, types)),
            index);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(cls + " cannot keep additional properties", e);
      }
    }

    /** Reads the component that holds the undeclared properties. */
    MethodHandle accessor() {
      return accessors.get(index);
    }

    /** The record read by the delegate, rebuilt with the properties it does not declare. */
    Object withUndeclared(Object record, String json) throws IOException {
      Map<String, Object> undeclared = new LinkedHashMap<>();
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (declared.contains(name)) {
          reader.skipValue();
        } else {
          undeclared.put(name, values.fromJson(reader));
        }
      }
      reader.endObject();
      Object[] arguments = new Object[accessors.size()];
      for (int i = 0; i < arguments.length; i++) {
        arguments[i] = i == index ? undeclared : invoke(accessors.get(i), record);
      }
      return invoke(constructor, arguments);
    }
  }

  private static final class RecordShapeAdapter extends JsonAdapter<Object> {
    private final JsonAdapter<Object> delegate;
    private final List<WrittenComponent> written;
    private final Extras extras;

    RecordShapeAdapter(
        JsonAdapter<Object> delegate, List<WrittenComponent> written, Extras extras) {
      this.delegate = delegate;
      this.written = written;
      this.extras = extras;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      if (extras == null) {
        return delegate.fromJson(reader);
      }
      String json;
      try (BufferedSource source = reader.nextSource()) {
        json = source.readUtf8();
      }
      // nullSafe() has taken JSON null already, so the delegate reads an object.
      return extras.withUndeclared(delegate.fromJson(json), json);
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
      if (extras != null && invoke(extras.accessor(), value) instanceof Map<?, ?> undeclared) {
        for (Map.Entry<?, ?> entry : undeclared.entrySet()) {
          writer.name((String) entry.getKey());
          extras.values().toJson(writer, entry.getValue());
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
