package dev.cloudflare4j.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import dev.cloudflare4j.Secret;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * What the JSON adapters generated for models ({@code templates/modelAdapter.mustache}) share: the
 * mode a client's Moshi reads and writes in, the adapters of the spec's formats, which generated
 * adapters use whatever Moshi they are given (so that a plain {@code new Moshi.Builder().build()}
 * reads and writes a model exactly as the client does), and the failures they report.
 */
public final class ModelJson {

  /**
   * The value of {@code JsonClass.generator} on the types whose adapters the templates generate.
   */
  public static final String GENERATOR = "cloudflare4j";

  /**
   * How a generated adapter reads and writes; one per Moshi of the client ({@link MoshiSupport}). A
   * Moshi the client did not make gets {@link #FAILURE}'s: it reads what it gets.
   */
  public enum Mode {
    /** Successful answers: a record that lacks a {@link Required} property is refused. */
    ANSWER,
    /** Error answers, and any other Moshi: whatever is there is kept. */
    FAILURE,
    /**
     * Request bodies: {@link ReadOnly} properties are never written, and a {@link Secret} is, as
     * the request asks for it.
     */
    REQUEST;

    /** Whether a record read in this mode must hold its required properties. */
    public boolean checksRequired() {
      return this == ANSWER;
    }

    /**
     * Whether a record written in this mode must hold its required properties (those not {@link
     * ReadOnly}: OpenAPI's {@code required} on a read-only property binds answers only).
     */
    public boolean checksRequiredOnWrite() {
      return this == REQUEST;
    }

    /** Whether read-only properties are written in this mode. */
    public boolean writesReadOnly() {
      return this != REQUEST;
    }
  }

  private ModelJson() {}

  /**
   * The declared (generic) type of a record's component, such as {@code List<ResponseInfo>}: what
   * the component's adapter is made for.
   */
  public static Type componentType(Class<? extends Record> record, String component) {
    try {
      return record.getDeclaredField(component).getGenericType();
    } catch (NoSuchFieldException e) {
      throw new IllegalArgumentException(record + " has no component " + component, e);
    }
  }

  /**
   * The declared (generic) type of the one parameter of a union's {@code of} method: the type of
   * that alternative.
   */
  public static Type alternativeType(Class<?> union, String method) {
    for (Method each : union.getDeclaredMethods()) {
      if (each.getName().equals(method) && each.getParameterCount() == 1) {
        return each.getGenericParameterTypes()[0];
      }
    }
    throw new IllegalArgumentException(union + " has no alternative " + method);
  }

  /**
   * The adapter a generated adapter reads and writes a property (or an alternative) of this type
   * with: the format's own for the spec's formats ({@code date-time}, {@code date}, {@code uuid},
   * {@code uri}, numbers as exact {@link BigDecimal}s, secrets); lists, sets and maps of any of
   * these types by adapters of its own (as Moshi's: a repeated map key is an error); Moshi's for
   * anything else (generated types come with their own adapters).
   */
  @SuppressWarnings("unchecked")
  public static <T> JsonAdapter<T> adapter(Moshi moshi, Type type, Mode mode) {
    if (type == Object.class) {
      return (JsonAdapter<T>) JSON_VALUE;
    }
    JsonAdapter<?> format = formatAdapter(type, mode);
    if (format != null) {
      return (JsonAdapter<T>) format;
    }
    if (type instanceof ParameterizedType parameterized) {
      Type[] arguments = parameterized.getActualTypeArguments();
      Type raw = parameterized.getRawType();
      if (raw == List.class || raw == Collection.class) {
        return (JsonAdapter<T>) new ListAdapter<>(adapter(moshi, arguments[0], mode), false);
      }
      if (raw == Set.class) {
        return (JsonAdapter<T>) new ListAdapter<>(adapter(moshi, arguments[0], mode), true);
      }
      if (raw == Map.class) {
        return (JsonAdapter<T>) new MapAdapter<>(adapter(moshi, arguments[1], mode));
      }
    }
    return moshi.adapter(type);
  }

  /** The adapter of one of the spec's formats, or null when the type is none of them. */
  public static JsonAdapter<?> formatAdapter(Type type, Mode mode) {
    if (type == OffsetDateTime.class) {
      return OFFSET_DATE_TIME;
    }
    if (type == LocalDate.class) {
      return LOCAL_DATE;
    }
    if (type == UUID.class) {
      return UUID_TEXT;
    }
    if (type == URI.class) {
      return URI_TEXT;
    }
    if (type == BigDecimal.class) {
      return DECIMAL;
    }
    if (type == Secret.class) {
      return mode == Mode.REQUEST ? REVEALED_SECRET : SECRET;
    }
    return null;
  }

  /** A JSON string read as one of the spec's formats; one it cannot read names the path only. */
  private enum Text {
    OFFSET_DATE_TIME("an ISO-8601 date-time"),
    LOCAL_DATE("an ISO-8601 date"),
    URI_TEXT("a URI"),
    UUID_TEXT("a UUID"),
    SECRET("a string");

    final String expected;

    Text(String expected) {
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

  private static final JsonAdapter<Object> OFFSET_DATE_TIME =
      new TextAdapter(Text.OFFSET_DATE_TIME).nullSafe();
  private static final JsonAdapter<Object> LOCAL_DATE = new TextAdapter(Text.LOCAL_DATE).nullSafe();
  private static final JsonAdapter<Object> URI_TEXT = new TextAdapter(Text.URI_TEXT).nullSafe();
  private static final JsonAdapter<Object> UUID_TEXT = new TextAdapter(Text.UUID_TEXT).nullSafe();
  private static final JsonAdapter<Object> REVEALED_SECRET =
      new TextAdapter(Text.SECRET).nullSafe();

  /**
   * Reads and writes one {@link Text} format. A string it cannot read fails naming the path, not
   * the string (the parse failure, its cause, may hold it; a secret never fails to read).
   */
  private static final class TextAdapter extends JsonAdapter<Object> {
    private final Text text;

    TextAdapter(Text text) {
      this.text = text;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      String value = reader.nextString();
      try {
        return text.parse(value);
      } catch (IllegalArgumentException | DateTimeException e) {
        throw new JsonDataException("Expected " + text.expected + " at " + reader.getPath(), e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, Object value) throws IOException {
      writer.value(text.format(value));
    }
  }

  /** JSON numbers as exact {@link BigDecimal}s, written without an exponent. */
  private static final JsonAdapter<BigDecimal> DECIMAL =
      new JsonAdapter<BigDecimal>() {
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
          writeNumber(writer, value);
        }
      }.nullSafe();

  /**
   * A secret read from an answer; written by no serializer that did not ask for it: only the
   * client's request bodies send one ({@link Mode#REQUEST}). Any other write fails, rather than
   * leak the value or write something that is not it.
   */
  private static final JsonAdapter<Secret> SECRET =
      new JsonAdapter<Secret>() {
        @Override
        public Secret fromJson(JsonReader reader) throws IOException {
          return (Secret) REVEALED_SECRET.fromJson(reader);
        }

        @Override
        public void toJson(JsonWriter writer, Secret value) throws IOException {
          throw refusedSecret(writer.getPath());
        }
      }.nullSafe();

  /** The failure of writing a secret to JSON outside a request body. */
  public static JsonDataException refusedSecret(String path) {
    return new JsonDataException(
        "a Secret is not written to JSON (at "
            + path
            + "): write its reveal() where you mean to store the value");
  }

  /**
   * Any JSON value, as the schema says nothing of its type (a free-form property, one the schema
   * does not declare): objects as maps in their order, arrays as lists, numbers as exact {@link
   * BigDecimal}s, strings, booleans and null; written back as it was read. (Moshi's own reads every
   * number as a {@code double}, so {@code 1} would come back as {@code 1.0}.)
   */
  public static final JsonAdapter<Object> JSON_VALUE =
      new JsonAdapter<Object>() {
        @Override
        public Object fromJson(JsonReader reader) throws IOException {
          switch (reader.peek()) {
            case BEGIN_OBJECT -> {
              Map<String, Object> object = new LinkedHashMap<>();
              reader.beginObject();
              while (reader.hasNext()) {
                object.put(reader.nextName(), fromJson(reader));
              }
              reader.endObject();
              return object;
            }
            case BEGIN_ARRAY -> {
              List<Object> array = new ArrayList<>();
              reader.beginArray();
              while (reader.hasNext()) {
                array.add(fromJson(reader));
              }
              reader.endArray();
              return array;
            }
            case NUMBER -> {
              return new BigDecimal(reader.nextString());
            }
            case BOOLEAN -> {
              return reader.nextBoolean();
            }
            case NULL -> {
              return reader.nextNull();
            }
            default -> {
              return reader.nextString();
            }
          }
        }

        @Override
        public void toJson(JsonWriter writer, Object value) throws IOException {
          if (value == null) {
            writer.nullValue();
          } else if (value instanceof Map<?, ?> object) {
            writer.beginObject();
            for (Map.Entry<?, ?> entry : object.entrySet()) {
              writer.name(String.valueOf(entry.getKey()));
              toJson(writer, entry.getValue());
            }
            writer.endObject();
          } else if (value instanceof Collection<?> array) {
            writer.beginArray();
            for (Object each : array) {
              toJson(writer, each);
            }
            writer.endArray();
          } else if (value instanceof BigDecimal decimal) {
            writeNumber(writer, decimal);
          } else if (value instanceof Number number) {
            writer.value(number);
          } else if (value instanceof Boolean bool) {
            writer.value(bool);
          } else if (value instanceof String text) {
            writer.value(text);
          } else if (value instanceof Secret) {
            throw refusedSecret(writer.getPath());
          } else {
            throw new JsonDataException(
                "cannot write a " + value.getClass().getName() + " as JSON at " + writer.getPath());
          }
        }
      };

  /** A list (or a set, in order) of what one adapter reads and writes. */
  private static final class ListAdapter<E> extends JsonAdapter<Collection<E>> {
    private final JsonAdapter<E> element;
    private final boolean set;

    ListAdapter(JsonAdapter<E> element, boolean set) {
      this.element = element;
      this.set = set;
    }

    @Override
    public Collection<E> fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.NULL) {
        return reader.nextNull();
      }
      Collection<E> values = set ? new LinkedHashSet<>() : new ArrayList<>();
      reader.beginArray();
      while (reader.hasNext()) {
        values.add(element.fromJson(reader));
      }
      reader.endArray();
      return values;
    }

    @Override
    public void toJson(JsonWriter writer, Collection<E> value) throws IOException {
      if (value == null) {
        writer.nullValue();
        return;
      }
      writer.beginArray();
      for (E each : value) {
        element.toJson(writer, each);
      }
      writer.endArray();
    }
  }

  /** A map by name of what one adapter reads and writes. */
  private static final class MapAdapter<V> extends JsonAdapter<Map<String, V>> {
    private final JsonAdapter<V> values;

    MapAdapter(JsonAdapter<V> values) {
      this.values = values;
    }

    @Override
    public Map<String, V> fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.NULL) {
        return reader.nextNull();
      }
      Map<String, V> map = new LinkedHashMap<>();
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (map.containsKey(name)) {
          // As Moshi's own map adapter: a repeated key is an error, not a silent overwrite.
          throw new JsonDataException(
              "Map key '" + name + "' has multiple values at path " + reader.getPath());
        }
        map.put(name, values.fromJson(reader));
      }
      reader.endObject();
      return map;
    }

    @Override
    public void toJson(JsonWriter writer, Map<String, V> value) throws IOException {
      if (value == null) {
        writer.nullValue();
        return;
      }
      writer.beginObject();
      for (Map.Entry<String, V> entry : value.entrySet()) {
        writer.name(entry.getKey());
        values.toJson(writer, entry.getValue());
      }
      writer.endObject();
    }
  }

  /**
   * Reads the value of a generated enum as the Java type of its values: a string, or a number as
   * exact {@link BigDecimal}, {@link Integer} or {@link Long}.
   */
  public static <T> T readRaw(JsonReader reader, Class<T> type) throws IOException {
    Object raw;
    if (type == String.class) {
      raw = reader.nextString();
    } else if (type == Integer.class) {
      raw = reader.nextInt();
    } else if (type == Long.class) {
      raw = reader.nextLong();
    } else if (type == BigDecimal.class) {
      raw = DECIMAL.fromJson(reader);
    } else if (type == Double.class) {
      raw = reader.nextDouble();
    } else if (type == Float.class) {
      raw = (float) reader.nextDouble();
    } else {
      throw new IllegalArgumentException("an enum of " + type + " is not generated");
    }
    return type.cast(raw);
  }

  /** Writes the value of a generated enum as it was read. */
  public static void writeRaw(JsonWriter writer, Object raw) throws IOException {
    if (raw instanceof String text) {
      writer.value(text);
    } else if (raw instanceof BigDecimal decimal) {
      writeNumber(writer, decimal);
    } else {
      writer.value((Number) raw);
    }
  }

  private static void writeNumber(JsonWriter writer, BigDecimal value) throws IOException {
    // JsonWriter.value(Number) writes toString(), which may hold an exponent (2E+1).
    try (BufferedSink sink = writer.valueSink()) {
      sink.writeUtf8(value.toPlainString());
    }
  }

  /** The JSON text of the value at the reader, whole, for a union to keep and read again. */
  public static String text(JsonReader reader) throws IOException {
    try (BufferedSource source = reader.nextSource()) {
      return source.readUtf8();
    }
  }

  /** Writes JSON text as it was read. */
  public static void writeText(JsonWriter writer, String text) throws IOException {
    try (BufferedSink sink = writer.valueSink()) {
      sink.writeUtf8(text);
    }
  }

  /**
   * The string value of a top-level property of a JSON object's text, or null when it is not an
   * object or has no such string: how a union finds its discriminator.
   */
  public static String stringProperty(String json, String property) throws IOException {
    JsonReader reader = JsonReader.of(new okio.Buffer().writeUtf8(json));
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      return null;
    }
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.nextName().equals(property) && reader.peek() == JsonReader.Token.STRING) {
        return reader.nextString();
      }
      reader.skipValue();
    }
    return null;
  }

  /**
   * The type of the values of a record's {@code additionalProperties} component (a {@code
   * Map<String, V>}): what the properties its schema does not declare are read as.
   */
  public static Type additionalPropertiesType(Class<? extends Record> record) {
    return ((ParameterizedType) componentType(record, "additionalProperties"))
        .getActualTypeArguments()[1];
  }

  /**
   * The failure of a request body written without one of its required properties; the writer's path
   * names the object that lacks it.
   */
  public static MissingRequestProperty missing(String property, JsonWriter writer) {
    return new MissingRequestProperty(property, writer.getPath());
  }

  /**
   * A request body that lacks a property its schema requires: found when the body is written,
   * before anything is sent. Names the property and where it belongs, never a value.
   */
  public static final class MissingRequestProperty extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MissingRequestProperty(String property, String path) {
      super(
          "required property '"
              + property
              + "' is missing"
              + ("$".equals(path) ? "" : " at " + path));
    }
  }

  /**
   * The failure of a record read without one of its required properties; once the object is read
   * the reader's path names it.
   */
  public static JsonDataException missing(String property, JsonReader reader) {
    return new JsonDataException(
        "Required property '" + property + "' missing at " + reader.getPath());
  }
}
