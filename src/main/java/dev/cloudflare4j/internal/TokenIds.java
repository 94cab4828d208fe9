package dev.cloudflare4j.internal;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;

/**
 * The client's rules for the ids of the token operations, read from the spec through the generated
 * Delete Token operation: the sandbox and the command line check ids by them, so that neither
 * refuses or accepts an id differently from the client.
 */
public final class TokenIds {

  /** An account's id: its length in the spec (32), in ASCII letters, digits, '-' and '_'. */
  public static final ParamCheck ACCOUNT_ID =
      ParamCheck.of(
          AccountOwnedApiTokensApi.class, "account-api-tokens-delete-token", "account_id");

  /** A token's id: its length in the spec (at most 32), in ASCII letters, digits, '-' and '_'. */
  public static final ParamCheck TOKEN_ID =
      ParamCheck.of(AccountOwnedApiTokensApi.class, "account-api-tokens-delete-token", "token_id");

  private TokenIds() {}
}
