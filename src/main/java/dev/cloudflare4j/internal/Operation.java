package dev.cloudflare4j.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A generated operation: its id, the security schemes it accepts and the envelope its answer comes
 * in. Generated from {@code openapi/}; not for use in handwritten code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Operation {

  /** The operation's {@code operationId} in the spec. */
  String id();

  /** The security schemes the operation accepts, by their names in the spec; empty for none. */
  String[] schemes();

  /**
   * The envelope model the answer is read as, its {@code result} being the call's value; {@code
   * Void} when the answer is not an envelope and is the value itself.
   */
  Class<?> envelope() default Void.class;
}
