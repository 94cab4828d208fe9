package dev.cloudflare4j;

import java.util.Objects;

/**
 * The token {@link TokensService#revokeLeaked} revoked: its id and who owned it. Never the leaked
 * value.
 *
 * @param id the token's id
 * @param owner whether the account or the user owned it
 */
public record RevokedToken(String id, Owner owner) {

  /** Who owns a token, and so where Cloudflare verifies and deletes it. */
  public enum Owner {
    /** An account-owned token: {@code /accounts/{account_id}/tokens}. */
    ACCOUNT,
    /** A user-owned token: {@code /user/tokens}. */
    USER
  }

  /**
   * Checks that both parts are given.
   *
   * @throws NullPointerException if one is null
   */
  public RevokedToken {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(owner, "owner must not be null");
  }
}
