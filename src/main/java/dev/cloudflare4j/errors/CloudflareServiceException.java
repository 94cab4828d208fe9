package dev.cloudflare4j.errors;

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
  private final transient Headers headers;
  private final transient List<ResponseInfo> errors;
  private final transient List<ResponseInfo> messages;

  /**
   * Creates an exception for a failed answer.
   *
   * @param message the exception message, which must hold no header value, body or secret
   * @param statusCode the HTTP status
   * @param headers the answer's headers
   * @param errors the envelope's errors, empty when the body was not an envelope
   * @param messages the envelope's messages, empty when the body was not an envelope
   * @param cause why the body could not be read as an envelope, or null
   * @param attempts how many attempts the call made
   */
  public CloudflareServiceException(
      String message,
      int statusCode,
      Headers headers,
      List<ResponseInfo> errors,
      List<ResponseInfo> messages,
      Throwable cause,
      int attempts) {
    super(message, cause, attempts);
    this.statusCode = statusCode;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.errors = List.copyOf(errors);
    this.messages = List.copyOf(messages);
  }

  /** The HTTP status of the answer. */
  public int statusCode() {
    return statusCode;
  }

  /** The headers of the answer. */
  public Headers headers() {
    return headers;
  }

  /** The envelope's {@code errors}; empty when the body was not an envelope. */
  public List<ResponseInfo> errors() {
    return errors;
  }

  /** The envelope's {@code messages}; empty when the body was not an envelope. */
  public List<ResponseInfo> messages() {
    return messages;
  }

  /** The answer's {@code cf-ray} id, for Cloudflare support, or null when it had none. */
  public String rayId() {
    return headers.get("cf-ray");
  }
}
