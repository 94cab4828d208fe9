package dev.cloudflare4j.errors;

import dev.cloudflare4j.internal.Failures;
import dev.cloudflare4j.internal.Failures.Refusal;
import dev.cloudflare4j.internal.Redaction;
import java.io.IOException;
import okhttp3.Headers;

/** Builds this package's exceptions for the client ({@link Failures}); nobody else can. */
final class Factory implements Failures.Constructors {

  @Override
  public CloudflareServiceException refused(String text, Refusal refusal) {
    String message = Redaction.redact(text);
    int statusCode = refusal.statusCode();
    return switch (statusCode) {
      case 400 -> new BadRequestException(message, refusal);
      case 401 -> new UnauthorizedException(message, refusal);
      case 403 -> new PermissionDeniedException(message, refusal);
      case 404 -> new NotFoundException(message, refusal);
      case 409 -> new ConflictException(message, refusal);
      case 422 -> new UnprocessableEntityException(message, refusal);
      case 429 -> new RateLimitException(message, refusal);
      default -> {
        if (statusCode >= 200 && statusCode < 300) {
          yield new CloudflareServiceException(message, refusal);
        }
        if (statusCode >= 500 && statusCode < 600) {
          yield new InternalServerException(message, refusal);
        }
        yield new UnexpectedStatusCodeException(message, refusal);
      }
    };
  }

  @Override
  public CloudflareInvalidDataException invalidData(
      String message, int statusCode, Headers headers, Throwable cause, int attempts) {
    return new CloudflareInvalidDataException(
        Redaction.redact(message), statusCode, headers, cause, attempts);
  }

  @Override
  public CloudflareIoException io(
      String message, IOException cause, int attempts, boolean outcomeUnknown) {
    return new CloudflareIoException(Redaction.redact(message), cause, attempts, outcomeUnknown);
  }
}
