package dev.cloudflare4j;

import dev.cloudflare4j.errors.UnauthorizedException;
import java.util.Objects;

/**
 * What {@link TokensService#revokeLeaked} did with a leaked value: the token it revoked, or that
 * Cloudflare no longer accepts the value, so there is no token left to revoke. Never the value.
 *
 * @param id the revoked token's id; null when the value was not accepted
 * @param owner whether the account or the user owned the token; for a value not accepted, the owner
 *     its prefix names ({@code cfat_}, {@code cfut_}), or null for an older value without one
 * @param outcome what became of the value
 * @param refusal Cloudflare's refusal of the value (Verify Token's 401, with the account endpoint's
 *     refusal suppressed in it when both endpoints were asked); null when revoked
 */
public record RevokedToken(String id, Owner owner, Outcome outcome, UnauthorizedException refusal) {

  /** Who owns a token, and so where Cloudflare verifies and deletes it. */
  public enum Owner {
    /** An account-owned token: {@code /accounts/{account_id}/tokens}. */
    ACCOUNT,
    /** A user-owned token: {@code /user/tokens}. */
    USER
  }

  /** What became of a leaked value. */
  public enum Outcome {
    /** Cloudflare knew the value as a live token, and that token was deleted. */
    REVOKED,
    /**
     * Cloudflare no longer accepts the value (Verify Token answered 401): the token was already
     * revoked (by its owner, or by Cloudflare, which revokes tokens found in public GitHub
     * repositories), rolled, or expired, or the value was never a token. Nothing was deleted, and
     * there is nothing left to revoke.
     */
    NOT_ACCEPTED
  }

  /**
   * Checks that the parts fit the outcome.
   *
   * @throws NullPointerException if the outcome is null, or a revoked token's id or owner is
   * @throws IllegalArgumentException if a revoked token has a refusal, or a value not accepted has
   *     an id or no refusal
   */
  public RevokedToken {
    Objects.requireNonNull(outcome, "outcome must not be null");
    if (outcome == Outcome.REVOKED) {
      Objects.requireNonNull(id, "id must not be null");
      Objects.requireNonNull(owner, "owner must not be null");
      if (refusal != null) {
        throw new IllegalArgumentException("a revoked token has no refusal");
      }
    } else if (id != null || refusal == null) {
      throw new IllegalArgumentException("a value not accepted has no id, and has a refusal");
    }
  }

  /** A token that was revoked. */
  public static RevokedToken revoked(String id, Owner owner) {
    return new RevokedToken(id, owner, Outcome.REVOKED, null);
  }

  /** A value that Cloudflare no longer accepts; {@code owner} as its prefix says, or null. */
  public static RevokedToken notAccepted(Owner owner, UnauthorizedException refusal) {
    return new RevokedToken(null, owner, Outcome.NOT_ACCEPTED, refusal);
  }

  /** Whether a token was revoked (rather than the value not accepted). */
  public boolean wasRevoked() {
    return outcome == Outcome.REVOKED;
  }
}
