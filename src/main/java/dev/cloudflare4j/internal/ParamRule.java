package dev.cloudflare4j.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The spec's constraints on one parameter of a generated operation, checked by the client before
 * any I/O. Generated from {@code openapi/}; not for use in handwritten code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ParamRule {

  /** The parameter's name in the spec, such as {@code account_id}. */
  String name();

  /** The parameter's Java name, used in error messages, such as {@code accountId}. */
  String label();

  /** Where the parameter goes: {@code path}, {@code query}, {@code header}, {@code body}. */
  String in();

  /** Whether the spec requires the parameter. */
  boolean required();

  /** The spec's {@code minLength}, or -1 when it sets none. */
  int minLength() default -1;

  /** The spec's {@code maxLength}, or -1 when it sets none. */
  int maxLength() default -1;

  /** The spec's {@code pattern}, or empty when it sets none. */
  String pattern() default "";

  /**
   * Whether a path parameter without a pattern must be an identifier (ASCII letters, digits, {@code
   * -} and {@code _}); false for one the spec shows holding text, such as a hostname or a URL.
   */
  boolean identifier() default true;
}
