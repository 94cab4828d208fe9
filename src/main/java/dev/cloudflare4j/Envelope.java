package dev.cloudflare4j;

import java.util.List;

/**
 * Cloudflare's answer envelope, {@code {success, errors, messages, result}}, as every generated
 * model of one implements it. A generated call yields the {@code result}; the envelope itself stays
 * reachable through {@link RawResponse#envelope()}, with whatever else the model holds (such as a
 * list's {@code result_info}, whose paging {@link #pageInfo()} gives).
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
   * Where this answer stands in its list, from the envelope's {@code result_info}: page number,
   * size and counts, or the next page's cursor; null when the envelope has no {@code result_info}
   * or its schema gives none of these. The generated model's own {@code resultInfo()} holds all of
   * {@code result_info}, typed as the spec declares it.
   */
  default PageInfo pageInfo() {
    return null;
  }
}
