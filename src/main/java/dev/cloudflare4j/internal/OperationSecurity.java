package dev.cloudflare4j.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The spec's {@code security} requirement of a generated operation: the names of the security
 * schemes it accepts. Generated from {@code openapi/}; not for use in handwritten code.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OperationSecurity {

  /** The operation's {@code operationId} in the spec. */
  String operationId();

  /** The security schemes the operation accepts, by their names in the spec; empty for none. */
  String[] schemes();
}
