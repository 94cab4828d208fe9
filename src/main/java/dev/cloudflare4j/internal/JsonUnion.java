package dev.cloudflare4j.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a generated {@code oneOf}/{@code anyOf} class; {@link MoshiSupport} reads and writes it
 * through its private constructor {@code (String json, Map<String, Object> alternatives)} and its
 * fields of those names. Generated from {@code openapi/}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JsonUnion {

  /** The property whose value names the alternative, or empty when the shape decides. */
  String discriminator() default "";

  /** {@code value=Alternative} pairs: which alternative each discriminator value names. */
  String[] mapping() default {};

  /** Marks the static factory of one alternative; its parameter type is the alternative's type. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Alternative {
    /** The alternative's name, its key in the union's map. */
    String value();
  }
}
