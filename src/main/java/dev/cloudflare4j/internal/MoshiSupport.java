package dev.cloudflare4j.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonClass;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The client's Moshis: one per {@link ModelJson.Mode}. Every generated type (record, enum, union)
 * is read and written by the adapter generated with it, made in the Moshi's mode; the spec's
 * formats ({@code date-time}, {@code date}, {@code uuid}, {@code uri}, exact numbers, secrets) by
 * {@link ModelJson}'s, also where a call yields one of them directly; a {@code Secret} by its own
 * ({@code @JsonClass}), written in request bodies alone. No model is read by reflection (a
 * generated adapter looks up the declared types of its properties once, when it is made).
 */
public final class MoshiSupport {

  private static final List<Class<?>> FORMATS =
      List.of(OffsetDateTime.class, LocalDate.class, UUID.class, URI.class, BigDecimal.class);

  private MoshiSupport() {}

  /** A Moshi that refuses records missing a required property: for successful answers. */
  public static Moshi strict() {
    return base(ModelJson.Mode.ANSWER);
  }

  /** A Moshi that takes what it gets: for error answers, where every scrap of detail counts. */
  public static Moshi lenient() {
    return base(ModelJson.Mode.FAILURE);
  }

  /** A Moshi for request bodies: {@link ReadOnly} properties are never sent, secrets are. */
  public static Moshi requests() {
    return base(ModelJson.Mode.REQUEST);
  }

  private static Moshi base(ModelJson.Mode mode) {
    Moshi.Builder builder = new Moshi.Builder().add(new GeneratedAdapterFactory(mode));
    for (Class<?> format : FORMATS) {
      builder.add(format, ModelJson.formatAdapter(format, mode));
    }
    return builder.build();
  }

  /**
   * The adapters the templates generate ({@code <Type>JsonAdapter}, found as Moshi finds its own
   * generated adapters), made in the client's mode.
   */
  private static final class GeneratedAdapterFactory implements JsonAdapter.Factory {
    private final ModelJson.Mode mode;

    GeneratedAdapterFactory(ModelJson.Mode mode) {
      this.mode = mode;
    }

    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty()
          || !(type instanceof Class<?> cls)
          || !cls.isAnnotationPresent(JsonClass.class)) {
        return null;
      }
      JsonClass generated = cls.getAnnotation(JsonClass.class);
      if (!generated.generator().equals(ModelJson.GENERATOR)) {
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
}
