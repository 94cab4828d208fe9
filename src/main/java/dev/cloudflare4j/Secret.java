package dev.cloudflare4j;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret string from Cloudflare's answers, such as the value of a token that Create Token or Roll
 * Token returns (properties the spec marks {@code x-sensitive} or {@code format: password}). It is
 * never printed: {@link #toString()} is redacted, so records and exceptions that hold one do not
 * show it. Its value is read with {@link #reveal()} alone. No Moshi writes it to JSON but the
 * client's own, in the request bodies that send one: write {@code reveal()} yourself where you mean
 * to store the value.
 */
@com.squareup.moshi.JsonClass(generateAdapter = true, generator = "cloudflare4j")
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * A secret holding the given value.
   *
   * @throws NullPointerException if the value is null
   */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value"));
  }

  /** The secret value: the one way to read it. Do not log it. */
  public String reveal() {
    return value;
  }

  /** Compares the values in time that does not depend on where they differ. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  /** The same for every secret: a hash would tell something of the value. */
  @Override
  public int hashCode() {
    return Secret.class.hashCode();
  }

  /** {@code Secret[redacted]}, never the value. */
  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
