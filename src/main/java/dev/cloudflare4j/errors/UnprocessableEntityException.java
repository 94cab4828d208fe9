package dev.cloudflare4j.errors;

import dev.cloudflare4j.model.ResponseInfo;
import java.util.List;
import okhttp3.Headers;

/** Cloudflare answered 422 Unprocessable Entity: the request was understood but refused. */
public class UnprocessableEntityException extends CloudflareServiceException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link CloudflareServiceException}. */
  public UnprocessableEntityException(
      String message,
      int statusCode,
      Headers headers,
      List<ResponseInfo> errors,
      List<ResponseInfo> messages,
      Throwable cause,
      int attempts) {
    super(message, statusCode, headers, errors, messages, cause, attempts);
  }
}
