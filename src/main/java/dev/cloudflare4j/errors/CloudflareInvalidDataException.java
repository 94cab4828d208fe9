package dev.cloudflare4j.errors;

import java.util.Objects;
import okhttp3.Headers;

/**
 * Cloudflare answered with success (2xx), but its body is not the envelope the spec describes: not
 * JSON, truncated, or missing a required property. The parse failure is the cause.
 */
public class CloudflareInvalidDataException extends CloudflareException {

  private static final long serialVersionUID = 1L;

  private final int statusCode;

  CloudflareInvalidDataException(
      String message, int statusCode, Headers headers, Throwable cause, int attempts) {
    super(message, cause, attempts, Objects.requireNonNull(headers, "headers"), false);
    this.statusCode = statusCode;
  }

  /** The HTTP status of the answer. */
  public int statusCode() {
    return statusCode;
  }

  /** The headers of the answer. */
  public Headers headers() {
    return answerHeaders();
  }
}
