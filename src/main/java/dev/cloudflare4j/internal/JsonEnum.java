package dev.cloudflare4j.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a generated enum value class; {@link MoshiSupport} reads it through its static {@code
 * of(raw)} and writes its {@code raw()}, so a value this version does not know is kept. Generated
 * from {@code openapi/}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JsonEnum {}
