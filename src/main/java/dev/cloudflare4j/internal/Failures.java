package dev.cloudflare4j.internal;

import dev.cloudflare4j.errors.CloudflareException;
import dev.cloudflare4j.errors.CloudflareInvalidDataException;
import dev.cloudflare4j.errors.CloudflareIoException;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.model.ResponseInfo;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.Headers;

/**
 * The one way the client builds its exceptions. Their constructors are not public: the package
 * {@code dev.cloudflare4j.errors} gives this class its {@link Constructors} when it loads, as the
 * JDK's own packages share what they do not export.
 */
public final class Failures {

  /**
   * What Cloudflare's refusal of a call said, as every {@link CloudflareServiceException} carries
   * it.
   *
   * @param statusCode the HTTP status
   * @param headers the answer's headers
   * @param errors the envelope's errors, empty when the body was not an envelope
   * @param messages the envelope's messages, empty when the body was not an envelope
   * @param cause why the body could not be read as an envelope, or null
   * @param attempts how many attempts the call made
   * @param retryAfter how long a 429 asked to wait, or null
   * @param outcomeUnknown whether the call may have taken effect although it failed
   */
  public record Refusal(
      int statusCode,
      Headers headers,
      List<ResponseInfo> errors,
      List<ResponseInfo> messages,
      Throwable cause,
      int attempts,
      Duration retryAfter,
      boolean outcomeUnknown) {}

  /** Builds the exceptions; implemented in {@code dev.cloudflare4j.errors} alone. */
  public interface Constructors {

    /**
     * The exception for a refused call: by status ({@code NotFoundException} for 404, ...), a
     * {@code CloudflareServiceException} for a 2xx whose envelope says {@code success: false}.
     */
    CloudflareServiceException refused(String message, Refusal refusal);

    /** The exception for a successful answer whose body is not what the spec describes. */
    CloudflareInvalidDataException invalidData(
        String message, int statusCode, Headers headers, Throwable cause, int attempts);

    /**
     * The exception for a call that got no answer.
     *
     * @param outcomeUnknown whether the call may have taken effect although it failed
     */
    CloudflareIoException io(
        String message, IOException cause, int attempts, boolean outcomeUnknown);
  }

  private static volatile Constructors constructors;

  private Failures() {}

  /**
   * Called once, by {@code dev.cloudflare4j.errors} as it loads.
   *
   * @throws IllegalStateException if called again
   */
  public static synchronized void register(Constructors given) {
    if (constructors != null) {
      throw new IllegalStateException("the exception constructors are already registered");
    }
    constructors = given;
  }

  /** The registered constructors, loading {@code dev.cloudflare4j.errors} first if need be. */
  public static Constructors build() {
    return Loaded.CONSTRUCTORS;
  }

  /** Holds the constructors once {@code dev.cloudflare4j.errors} has loaded and given them. */
  private static final class Loaded {
    static final Constructors CONSTRUCTORS = load();

    private static Constructors load() {
      try {
        MethodHandles.lookup().ensureInitialized(CloudflareException.class);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      return Objects.requireNonNull(
          constructors, "dev.cloudflare4j.errors registered no exception constructors");
    }
  }
}
