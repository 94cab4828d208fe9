package dev.cloudflare4j.sandbox;

import java.util.Objects;

/**
 * A token the {@link CloudflareSandbox} issued: its id and its secret value, in Cloudflare's 2026
 * format ({@code cfat_} for an account's token, {@code cfut_} for a user's). The value is a test
 * value, but it is treated like a real one: {@link #toString()} leaves it out.
 */
public final class SandboxToken {

  private final String id;
  private final String value;

  SandboxToken(String id, String value) {
    this.id = id;
    this.value = value;
  }

  /** The token's id (32 lower-case hex characters). */
  public String id() {
    return id;
  }

  /** The token's secret value, as a client sends it ({@code Authorization: Bearer <value>}). */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SandboxToken that && id.equals(that.id) && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, value);
  }

  /** Names the token by its id; never its value. */
  @Override
  public String toString() {
    return "SandboxToken{id=" + id + "}";
  }
}
