package dev.cloudflare4j.internal;

import com.squareup.moshi.Json;
import dev.cloudflare4j.model.ResponseInfo;
import java.util.List;

/**
 * The parts of any Cloudflare envelope that describe a failure, read from error answers of every
 * operation alike; other fields are ignored.
 *
 * @param success the envelope's {@code success}
 * @param errors the envelope's {@code errors}
 * @param messages the envelope's {@code messages}
 */
public record FailureEnvelope(
    @Json(name = "success") Boolean success,
    @Json(name = "errors") List<ResponseInfo> errors,
    @Json(name = "messages") List<ResponseInfo> messages) {}
