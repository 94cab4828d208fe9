package dev.cloudflare4j;

import java.util.Objects;
import java.util.function.Function;
import okhttp3.Headers;

/**
 * A successful answer with its HTTP details: status, headers, the {@code cf-ray} id and how many
 * attempts it took, beside the value the plain call returns.
 *
 * @param <T> the type of the value
 */
public final class RawResponse<T> {

  private final int statusCode;
  private final Headers headers;
  private final T value;
  private final int attempts;

  /** Creates a raw response. */
  public RawResponse(int statusCode, Headers headers, T value, int attempts) {
    this.statusCode = statusCode;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.value = value;
    this.attempts = attempts;
  }

  /** The HTTP status. */
  public int statusCode() {
    return statusCode;
  }

  /** The answer's headers. */
  public Headers headers() {
    return headers;
  }

  /** The answer's {@code cf-ray} id, or null when it had none. */
  public String rayId() {
    return headers.get("cf-ray");
  }

  /** The value the plain call returns. */
  public T value() {
    return value;
  }

  /** How many attempts the call made, retries included. */
  public int attempts() {
    return attempts;
  }

  /** The same answer with its value transformed. */
  public <R> RawResponse<R> map(Function<? super T, ? extends R> mapper) {
    return new RawResponse<>(statusCode, headers, mapper.apply(value), attempts);
  }

  /** Describes status, ray id and attempts; never the value or headers, which may hold secrets. */
  @Override
  public String toString() {
    return "RawResponse{statusCode="
        + statusCode
        + ", rayId="
        + rayId()
        + ", attempts="
        + attempts
        + "}";
  }
}
