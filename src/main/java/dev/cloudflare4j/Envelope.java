package dev.cloudflare4j;

import java.util.List;

/**
 * Cloudflare's answer envelope, {@code {success, errors, messages, result}}, as every generated
 * model of one implements it. A generated call yields the {@code result}; the envelope itself stays
 * reachable through {@link RawResponse#envelope()}, with whatever else the model holds (such as a
 * list's {@code result_info}).
 *
 * @param <R> the type of {@code result}; {@code Void} for an envelope that has none
 */
public interface Envelope<R> {

  /** Whether Cloudflare says the call succeeded. */
  Boolean success();

  /** The envelope's {@code errors}; empty when its schema has none. */
  default List<?> errors() {
    return List.of();
  }

  /** The envelope's {@code messages}; empty when its schema has none. */
  default List<?> messages() {
    return List.of();
  }

  /** The envelope's {@code result}; null when it is null or its schema has none. */
  default R result() {
    return null;
  }

  /**
   * The envelope's {@code result_info} (a list's page number, size and counts), as the generated
   * model declares it; null when it is absent or its schema has none.
   */
  default Object resultInfo() {
    return null;
  }
}
