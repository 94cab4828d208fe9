package dev.cloudflare4j;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The settings one call runs with: the client's defaults, then each layer of options over them
 * ({@link #with}).
 *
 * @param timeout the timeout of each attempt
 * @param maxRetries how many retries may follow the first attempt
 * @param headers extra headers to send (never credentials), in the order they were set
 */
record CallOptions(Duration timeout, int maxRetries, Map<String, String> headers) {

  /** Copies the headers. */
  public CallOptions {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * These settings with a later layer over them: the layer overrides only what it sets; its headers
   * are added, each replacing one of the same name (case-insensitively).
   */
  public CallOptions with(
      Optional<Duration> timeout, OptionalInt maxRetries, Map<String, String> headers) {
    return new CallOptions(
        timeout.orElse(this.timeout),
        maxRetries.orElse(this.maxRetries),
        layered(this.headers, headers));
  }

  /**
   * The headers of {@code earlier} with those of {@code later} added, each replacing one of the
   * same name in any case: what HTTP sends is one value per name, the later layer's.
   */
  public static Map<String, String> layered(
      Map<String, String> earlier, Map<String, String> later) {
    if (later.isEmpty()) {
      return earlier;
    }
    if (earlier.isEmpty()) {
      return later;
    }
    Map<String, String> all = new LinkedHashMap<>(earlier);
    for (Map.Entry<String, String> header : later.entrySet()) {
      all.keySet().removeIf(name -> name.equalsIgnoreCase(header.getKey()));
      all.put(header.getKey(), header.getValue());
    }
    return all;
  }
}
