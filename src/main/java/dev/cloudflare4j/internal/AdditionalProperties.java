package dev.cloudflare4j.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the generated record component that holds the properties an object's schema allows ({@code
 * additionalProperties}) but does not declare; {@link MoshiSupport} reads them into it and writes
 * them back beside the declared ones. Generated from {@code openapi/}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface AdditionalProperties {}
