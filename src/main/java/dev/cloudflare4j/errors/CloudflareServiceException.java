package dev.cloudflare4j.errors;

import dev.cloudflare4j.internal.Failures.Refusal;
import dev.cloudflare4j.model.ResponseInfo;
import java.util.List;
import java.util.Objects;
import okhttp3.Headers;

/**
 * Cloudflare answered, and said the call failed: a non-2xx status, or a 2xx whose envelope says
 * {@code success: false}. Carries everything the answer said: status, headers, errors, messages.
 * Subclasses name the common statuses; this class itself is thrown for a 2xx failure.
 */
public class CloudflareServiceException extends CloudflareException {

  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final transient List<ResponseInfo> errors;
  private final transient List<ResponseInfo> messages;

  CloudflareServiceException(String message, Refusal refusal) {
    super(
        message,
        refusal.cause(),
        refusal.attempts(),
        Objects.requireNonNull(refusal.headers(), "headers"),
        refusal.outcomeUnknown());
    this.statusCode = refusal.statusCode();
    this.errors = List.copyOf(refusal.errors());
    this.messages = List.copyOf(refusal.messages());
  }

  /** The HTTP status of the answer. */
  public int statusCode() {
    return statusCode;
  }

  /** The headers of the answer. */
  public Headers headers() {
    return answerHeaders();
  }

  /** The envelope's {@code errors}; empty when the body was not an envelope. */
  public List<ResponseInfo> errors() {
    return errors;
  }

  /** The envelope's {@code messages}; empty when the body was not an envelope. */
  public List<ResponseInfo> messages() {
    return messages;
  }
}
