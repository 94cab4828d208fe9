package dev.cloudflare4j;

import com.squareup.moshi.JsonAdapter;
import dev.cloudflare4j.internal.Operation;

/**
 * How a generated operation's successful answer becomes its call's value, worked out once per
 * method from its return type and {@link Operation#envelope()}.
 *
 * @param body reads the body: the envelope's or the value's Moshi adapter, a {@link RawBodyAdapter}
 *     for text and binary answers, or null when the operation returns nothing
 * @param unwraps whether the body is an {@link Envelope} whose {@code result} is the value
 * @param <R> the call's value
 */
record ResponseReader<R>(JsonAdapter<?> body, boolean unwraps) {

  /** The call's value from what {@link #body} read. */
  @SuppressWarnings("unchecked") // the adapter was made for R, or for an Envelope<R>
  public R value(Object read) {
    return unwraps ? ((Envelope<R>) read).result() : (R) read;
  }

  /** The envelope that {@link #body} read, or null when the answer is not one. */
  public static Envelope<?> envelope(Object read) {
    return read instanceof Envelope<?> envelope ? envelope : null;
  }
}
