package dev.cloudflare4j;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import dev.cloudflare4j.errors.CloudflareInvalidDataException;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.internal.Failures;
import dev.cloudflare4j.model.ResponseInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Turns every answer, of every operation, into a value or an exception: the one place where
 * Cloudflare's envelope {@code {success, errors, messages, result}} is read. A 2xx envelope with
 * {@code success: true} is returned; one with {@code success: false} is a {@link
 * CloudflareServiceException}; any other status is the exception for that status, with the errors
 * and messages of its envelope, or with none and the parse failure as cause when the body is not
 * one (an HTML error page, truncated JSON, nothing). An unreadable 2xx body is a {@link
 * CloudflareInvalidDataException}. Error bodies are read up to {@link #MAX_ERROR_BODY} bytes.
 */
final class ResponseHandler {

  /**
   * The most of an error body that is read: an envelope is far smaller; an error page may not be.
   */
  public static final long MAX_ERROR_BODY = 1024 * 1024;

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final JsonAdapter<FailureEnvelope> failureAdapter;
  private final RetryPolicy retryPolicy;
  private final Credentials credentials;

  /**
   * Creates a handler.
   *
   * @param lenientMoshi reads failure envelopes, keeping whatever they hold
   * @param retryPolicy reads how long a rate-limited answer asked to wait
   * @param credentials the client's, redacted from what an error body says
   */
  public ResponseHandler(Moshi lenientMoshi, RetryPolicy retryPolicy, Credentials credentials) {
    this.failureAdapter = new FailureEnvelope.Adapter(lenientMoshi).nullSafe();
    this.retryPolicy = retryPolicy;
    this.credentials = credentials;
  }

  /**
   * Reads a successful (2xx) answer as the operation's response type.
   *
   * @param adapter reads the response type, or null when the operation returns nothing
   * @param attempts how many attempts the call made
   * @throws IOException if the body could not be received: a network failure, not bad data
   */
  public <T> T success(Response response, JsonAdapter<T> adapter, int attempts) throws IOException {
    int status = response.code();
    Headers headers = response.headers();
    try (ResponseBody body = response.body()) {
      if (adapter == null) {
        return null;
      }
      if (body == null || status == 204 || status == 205) {
        throw invalid(status, headers, new JsonDataException("the answer has no body"), attempts);
      }
      // Receive the whole body first, so that a cut connection is told apart from bad JSON. The
      // bytes are parsed from fresh buffers that the parse consumes, so okio recycles their
      // segments (parsing a peek of the body would leave an 8 KiB segment behind per call).
      ByteString bytes = body.source().readByteString();
      if (adapter instanceof RawBodyAdapter<T> raw) {
        try {
          return raw.read(bytes, body.contentType());
        } catch (IOException | RuntimeException e) {
          throw invalid(status, headers, e, attempts);
        }
      }
      T value;
      try {
        value = readDocument(adapter, new Buffer().write(bytes));
      } catch (IOException | RuntimeException e) {
        // The envelope may still say why: a failure shaped differently from the success schema.
        FailureEnvelope failure = readFailure(new Buffer().write(bytes));
        if (failure != null && Boolean.FALSE.equals(failure.success())) {
          throw failure(status, headers, failure, null, attempts, null);
        }
        throw invalid(status, headers, e, attempts);
      }
      if (isFailure(value)) {
        throw failure(
            status, headers, readFailure(new Buffer().write(bytes)), null, attempts, null);
      }
      return value;
    }
  }

  /**
   * Turns a failed (non-2xx) answer into the exception for its status, reading at most {@link
   * #MAX_ERROR_BODY} bytes of its body.
   *
   * @param unknownOutcome why the call may have taken effect although it failed, added to the
   *     message; null when it did not
   */
  public CloudflareServiceException failure(
      Response response, int attempts, String unknownOutcome) {
    int status = response.code();
    Headers headers = response.headers();
    try (ResponseBody body = response.body()) {
      if (body == null) {
        return failure(
            status,
            headers,
            null,
            new JsonDataException("the answer has no body"),
            attempts,
            unknownOutcome);
      }
      Buffer bytes = new Buffer();
      boolean truncated;
      try {
        BufferedSource source = body.source();
        truncated = source.request(MAX_ERROR_BODY + 1);
        // Moved, not copied: the segments go back to okio's pool once parsed.
        bytes.write(source.getBuffer(), Math.min(source.getBuffer().size(), MAX_ERROR_BODY));
      } catch (IOException e) {
        return failure(status, headers, null, e, attempts, unknownOutcome);
      }
      // Shares the segments: read again, for a summary, only when it is not an envelope.
      Buffer text = bytes.copy();
      // A 429's wait may be in the body, envelope or not ({"retry_after": 300}).
      Double bodyWait = null;
      try {
        FailureEnvelope envelope = readDocument(failureAdapter, bytes);
        bodyWait = envelope.retryAfter();
        if (envelope.errors() == null) {
          throw new JsonDataException("the body is not a Cloudflare envelope: no errors");
        }
        return failure(status, headers, envelope, null, attempts, unknownOutcome, null);
      } catch (IOException | RuntimeException e) {
        Exception cause =
            truncated
                ? new JsonDataException(
                    "the body is larger than " + MAX_ERROR_BODY + " bytes; the rest was not read",
                    e)
                : e;
        return failure(
            status,
            headers,
            new FailureEnvelope(null, null, null, bodyWait),
            cause,
            attempts,
            unknownOutcome,
            BodySummary.of(text, credentials));
      }
    }
  }

  private static <T> T readDocument(JsonAdapter<T> adapter, BufferedSource source)
      throws IOException {
    JsonReader reader = JsonReader.of(source);
    T value = adapter.fromJson(reader);
    if (value == null) {
      throw new JsonDataException("the body is JSON null");
    }
    if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new JsonDataException("the body holds more than one JSON document");
    }
    return value;
  }

  private FailureEnvelope readFailure(BufferedSource source) {
    try {
      return readDocument(failureAdapter, source);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Whether the answer is an envelope that says {@code success: false}. */
  private static boolean isFailure(Object value) {
    return value instanceof Envelope<?> envelope && Boolean.FALSE.equals(envelope.success());
  }

  private static CloudflareInvalidDataException invalid(
      int status, Headers headers, Throwable cause, int attempts) {
    String message =
        describe(status, List.of(), headers, attempts)
            + ": the body is not the Cloudflare envelope the spec describes";
    return Failures.build().invalidData(message, status, headers, cause, attempts);
  }

  private CloudflareServiceException failure(
      int status,
      Headers headers,
      FailureEnvelope envelope,
      Throwable cause,
      int attempts,
      String unknownOutcome) {
    return failure(status, headers, envelope, cause, attempts, unknownOutcome, null);
  }

  /**
   * @param summary what a body that is not an envelope says ({@link BodySummary}), or null
   */
  private CloudflareServiceException failure(
      int status,
      Headers headers,
      FailureEnvelope envelope,
      Throwable cause,
      int attempts,
      String unknownOutcome,
      String summary) {
    List<ResponseInfo> errors = envelope == null ? List.of() : nonNull(envelope.errors());
    List<ResponseInfo> messages = envelope == null ? List.of() : nonNull(envelope.messages());
    Double bodyWait = envelope == null ? null : envelope.retryAfter();
    String message = describe(status, errors, headers, attempts);
    if (summary != null) {
      // After the status: HTTP 422: Invalid request: ... (cf-ray ...).
      String head = "HTTP " + status;
      message = head + ": " + summary + message.substring(head.length());
    }
    Duration retryAfter = status == 429 ? retryPolicy.rateLimitWait(headers, bodyWait) : null;
    return Failures.build()
        .refused(
            unknownOutcome == null ? message : message + "; " + unknownOutcome,
            new Failures.Refusal(
                status,
                headers,
                errors,
                messages,
                cause,
                attempts,
                retryAfter,
                unknownOutcome != null));
  }

  /** The list without its null elements (an envelope may hold them); empty for none. */
  private static <T> List<T> nonNull(List<T> list) {
    if (list == null) {
      return List.of();
    }
    for (T each : list) {
      if (each == null) {
        return list.stream().filter(Objects::nonNull).toList();
      }
    }
    return list;
  }

  /**
   * The exception message: {@code HTTP 404 [1003] Invalid or missing token (cf-ray 8f1a...-SJC)}.
   * The status, the first error's code and message, how many more errors there are, the ray id, and
   * the number of attempts when there was more than one; control characters in the server's text
   * are replaced, so the message stays one line.
   */
  static String describe(int status, List<ResponseInfo> errors, Headers headers, int attempts) {
    StringBuilder message = new StringBuilder("HTTP ").append(status);
    if (!errors.isEmpty()) {
      ResponseInfo first = errors.get(0);
      if (first.code() != null) {
        message.append(" [").append(first.code()).append(']');
      }
      if (first.message() != null) {
        message.append(' ').append(oneLine(first.message()));
      }
      if (errors.size() > 1) {
        int more = errors.size() - 1;
        message.append(" (+").append(more).append(more == 1 ? " more error)" : " more errors)");
      }
    }
    String ray = headers.get("cf-ray");
    if (ray != null) {
      message.append(" (cf-ray ").append(oneLine(ray)).append(')');
    }
    if (attempts > 1) {
      message.append(" after ").append(attempts).append(" attempts");
    }
    return message.toString();
  }

  /** The text with control characters replaced by spaces, so that it stays on one line. */
  static String oneLine(String text) {
    return CONTROL.matcher(text).replaceAll(" ");
  }
}
