package dev.cloudflare4j.internal;

import java.time.Duration;
import java.util.Map;

/**
 * The settings one call runs with: the client's, overridden by the call's own.
 *
 * @param timeout the timeout of each attempt
 * @param maxRetries how many retries may follow the first attempt
 * @param headers extra headers to send (never credentials)
 */
public record CallOptions(Duration timeout, int maxRetries, Map<String, String> headers) {

  /** Copies the headers. */
  public CallOptions {
    headers = Map.copyOf(headers);
  }
}
