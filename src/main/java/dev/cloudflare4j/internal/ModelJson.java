package dev.cloudflare4j.internal;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * What the JSON adapters generated for model records ({@code templates/modelAdapter.mustache})
 * share: the mode a client's Moshi reads and writes in, and the failures they report.
 */
public final class ModelJson {

  /** The value of {@code JsonClass.generator} on records whose adapters the templates generate. */
  public static final String GENERATOR = "cloudflare4j";

  /**
   * How a generated adapter reads and writes; one per Moshi of the client ({@link MoshiSupport}).
   */
  public enum Mode {
    /** Successful answers: a record that lacks a {@link Required} property is refused. */
    ANSWER,
    /** Error answers: whatever is there is kept, every scrap of detail counts. */
    FAILURE,
    /** Request bodies: {@link ReadOnly} properties are never written. */
    REQUEST;

    /** Whether a record read in this mode must hold its required properties. */
    public boolean checksRequired() {
      return this == ANSWER;
    }

    /** Whether read-only properties are written in this mode. */
    public boolean writesReadOnly() {
      return this != REQUEST;
    }
  }

  private ModelJson() {}

  /**
   * The declared (generic) type of a record's component, such as {@code List<ResponseInfo>}: what
   * the component's adapter is asked of Moshi.
   */
  public static Type componentType(Class<? extends Record> record, String component) {
    try {
      return record.getDeclaredField(component).getGenericType();
    } catch (NoSuchFieldException e) {
      throw new IllegalArgumentException(record + " has no component " + component, e);
    }
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
   * The failure of a record read without one of its required properties; once the object is read
   * the reader's path names it.
   */
  public static JsonDataException missing(String property, JsonReader reader) {
    return new JsonDataException(
        "Required property '" + property + "' missing at " + reader.getPath());
  }
}
