package dev.cloudflare4j;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Headers;

/**
 * A successful answer with its HTTP details: status, headers, the {@code cf-ray} id, how many
 * attempts it took and the envelope it came in, beside the value the plain call returns.
 *
 * @param <T> the type of the value
 */
public final class RawResponse<T> {

  private final int statusCode;
  private final Headers headers;
  private final T value;
  private final int attempts;
  private final Envelope<?> envelope;

  /**
   * Creates a raw response: the client's alone.
   *
   * @param envelope the envelope the value came in, or null when the answer was not one
   */
  RawResponse(int statusCode, Headers headers, T value, int attempts, Envelope<?> envelope) {
    this.statusCode = statusCode;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.value = value;
    this.attempts = attempts;
    this.envelope = envelope;
  }

  /** The HTTP status. */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The answer's headers: immutable, their names case-insensitive, every value of a repeated name
   * kept. OkHttp's own type, as Retrofit's {@code Response.headers()} gives it: OkHttp is already
   * part of this library's API (a shared {@code OkHttpClient}, binary answers as {@code
   * ResponseBody}), and a copy into a type of ours would cost every answer an allocation and give a
   * caller nothing more.
   */
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

  /**
   * The envelope the value came in ({@code success}, {@code errors}, {@code messages}, {@code
   * result}), empty when the answer was not one (a CSV report, a download).
   */
  public Optional<Envelope<?>> envelope() {
    return Optional.ofNullable(envelope);
  }

  /**
   * The envelope as the generated model it was read as, for what only that model holds, such as a
   * list's {@code resultInfo()}.
   *
   * @throws IllegalStateException if the answer was not an envelope of that type
   */
  public <E extends Envelope<?>> E envelope(Class<E> type) {
    if (!type.isInstance(envelope)) {
      throw new IllegalStateException(
          "the answer came in "
              + (envelope == null ? "no envelope" : envelope.getClass().getName())
              + ", not in "
              + type.getName());
    }
    return type.cast(envelope);
  }

  /** The same answer with its value transformed. */
  public <R> RawResponse<R> map(Function<? super T, ? extends R> mapper) {
    return new RawResponse<>(statusCode, headers, mapper.apply(value), attempts, envelope);
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
