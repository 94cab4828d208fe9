package dev.cloudflare4j.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import dev.cloudflare4j.errors.BadRequestException;
import dev.cloudflare4j.errors.CloudflareInvalidDataException;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.errors.ConflictException;
import dev.cloudflare4j.errors.InternalServerException;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.errors.PermissionDeniedException;
import dev.cloudflare4j.errors.RateLimitException;
import dev.cloudflare4j.errors.UnauthorizedException;
import dev.cloudflare4j.errors.UnexpectedStatusCodeException;
import dev.cloudflare4j.errors.UnprocessableEntityException;
import dev.cloudflare4j.model.ResponseInfo;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.List;
import okhttp3.Headers;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Turns every answer, of every operation, into a value or an exception: the one place where
 * Cloudflare's envelope {@code {success, errors, messages, result}} is read. A 2xx envelope with
 * {@code success: true} is returned; one with {@code success: false} is a {@link
 * CloudflareServiceException}; any other status is the exception for that status, with the errors
 * and messages of its envelope, or with none and the parse failure as cause when the body is not
 * one (an HTML error page, truncated JSON, nothing). An unreadable 2xx body is a {@link
 * CloudflareInvalidDataException}.
 */
public final class ResponseHandler {

  private static final ClassValue<MethodHandle> SUCCESS_ACCESSOR =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
          if (!type.isRecord()) {
            return null;
          }
          for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals("success") && component.getType() == Boolean.class) {
              try {
                return MethodHandles.publicLookup().unreflect(component.getAccessor());
              } catch (IllegalAccessException e) {
                return null;
              }
            }
          }
          return null;
        }
      };

  private final JsonAdapter<FailureEnvelope> failureAdapter;

  /** Creates a handler that reads failure envelopes with the given (lenient) Moshi. */
  public ResponseHandler(Moshi lenientMoshi) {
    this.failureAdapter = lenientMoshi.adapter(FailureEnvelope.class);
  }

  /**
   * Reads a successful (2xx) answer as the operation's response type.
   *
   * @param adapter reads the response type, or null when the operation returns nothing
   */
  public <T> T success(int status, Headers headers, ResponseBody body, JsonAdapter<T> adapter) {
    if (adapter == null) {
      closeQuietly(body);
      return null;
    }
    if (body == null) {
      throw invalid(status, headers, new JsonDataException("the answer has no body"));
    }
    try (body) {
      BufferedSource source = body.source();
      T value;
      try {
        value = readDocument(adapter, source.peek());
      } catch (IOException | RuntimeException e) {
        // The envelope may still say why: a failure shaped differently from the success schema.
        FailureEnvelope failure = readFailure(source);
        if (failure != null && Boolean.FALSE.equals(failure.success())) {
          throw failure(status, headers, failure, null);
        }
        throw invalid(status, headers, e);
      }
      if (isFailure(value)) {
        FailureEnvelope failure = readFailure(source);
        throw failure(status, headers, failure, null);
      }
      return value;
    }
  }

  /** Turns a failed (non-2xx) answer into the exception for its status. */
  public CloudflareServiceException failure(int status, Headers headers, ResponseBody body) {
    if (body == null) {
      return failure(status, headers, null, new JsonDataException("the answer has no body"));
    }
    try (body) {
      BufferedSource source = body.source();
      try {
        FailureEnvelope envelope = readDocument(failureAdapter, source);
        if (envelope == null || envelope.errors() == null) {
          throw new JsonDataException("the body is not a Cloudflare envelope: no errors");
        }
        return failure(status, headers, envelope, null);
      } catch (IOException | RuntimeException e) {
        return failure(status, headers, null, e);
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

  private static boolean isFailure(Object value) {
    MethodHandle success = SUCCESS_ACCESSOR.get(value.getClass());
    if (success == null) {
      return false;
    }
    try {
      return Boolean.FALSE.equals(success.invoke(value));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static CloudflareInvalidDataException invalid(
      int status, Headers headers, Throwable cause) {
    String message =
        describe(status, List.of(), headers)
            + ": the body is not the Cloudflare envelope the spec describes";
    return new CloudflareInvalidDataException(message, status, headers, cause);
  }

  private static CloudflareServiceException failure(
      int status, Headers headers, FailureEnvelope envelope, Throwable cause) {
    List<ResponseInfo> errors = envelope == null ? List.of() : nonNull(envelope.errors());
    List<ResponseInfo> messages = envelope == null ? List.of() : nonNull(envelope.messages());
    String message = describe(status, errors, headers);
    return switch (status) {
      case 400 -> new BadRequestException(message, status, headers, errors, messages, cause);
      case 401 -> new UnauthorizedException(message, status, headers, errors, messages, cause);
      case 403 -> new PermissionDeniedException(message, status, headers, errors, messages, cause);
      case 404 -> new NotFoundException(message, status, headers, errors, messages, cause);
      case 409 -> new ConflictException(message, status, headers, errors, messages, cause);
      case 422 ->
          new UnprocessableEntityException(message, status, headers, errors, messages, cause);
      case 429 -> new RateLimitException(message, status, headers, errors, messages, cause);
      default -> {
        if (status >= 200 && status < 300) {
          yield new CloudflareServiceException(message, status, headers, errors, messages, cause);
        }
        if (status >= 500 && status < 600) {
          yield new InternalServerException(message, status, headers, errors, messages, cause);
        }
        yield new UnexpectedStatusCodeException(message, status, headers, errors, messages, cause);
      }
    };
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list.stream().filter(x -> x != null).toList();
  }

  /**
   * The exception message: {@code HTTP 404 [1003] Invalid or missing token (cf-ray 8f1a...-SJC)}.
   * The status, the first error's code and message, how many more errors there are, and the ray id;
   * control characters in the server's message are replaced, so it stays one line.
   */
  static String describe(int status, List<ResponseInfo> errors, Headers headers) {
    StringBuilder message = new StringBuilder("HTTP ").append(status);
    if (!errors.isEmpty()) {
      ResponseInfo first = errors.get(0);
      if (first.code() != null) {
        message.append(" [").append(first.code()).append(']');
      }
      if (first.message() != null) {
        message.append(' ').append(first.message().replaceAll("\\p{Cntrl}", " "));
      }
      if (errors.size() > 1) {
        int more = errors.size() - 1;
        message.append(" (+").append(more).append(more == 1 ? " more error)" : " more errors)");
      }
    }
    String ray = headers.get("cf-ray");
    if (ray != null) {
      message.append(" (cf-ray ").append(ray.replaceAll("\\p{Cntrl}", " ")).append(')');
    }
    return message.toString();
  }

  private static void closeQuietly(ResponseBody body) {
    if (body != null) {
      body.close();
    }
  }
}
