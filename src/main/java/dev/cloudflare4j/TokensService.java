package dev.cloudflare4j;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.model.IamApiResponseSingleId;
import dev.cloudflare4j.model.TokenDeleteResponse;
import java.util.Objects;
import java.util.Optional;

/** Account-owned API tokens: reached through {@code client.accounts().tokens()}. */
public final class TokensService {

  private final CloudflareClient client;

  TokensService(CloudflareClient client) {
    this.client = client;
  }

  /**
   * Deletes (destroys) an account-owned API token: {@code DELETE
   * /accounts/{account_id}/tokens/{token_id}}. Needs an API token credential with the "Account API
   * Tokens Write" permission.
   *
   * @param tokenId the id of the token to delete (up to 32 letters, digits, {@code -}, {@code _})
   * @param params the account that owns the token
   * @return the deleted token's id, or empty when Cloudflare answers {@code result: null}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an id breaks the spec's rules; nothing is sent
   * @throws IllegalStateException if the client holds no API token, or is closed; nothing is sent
   * @throws dev.cloudflare4j.errors.NotFoundException if the token does not exist (any more)
   * @throws dev.cloudflare4j.errors.CloudflareServiceException if Cloudflare refuses the call
   * @throws dev.cloudflare4j.errors.CloudflareIoException if the call fails on the network
   */
  public Optional<TokenDeleteResponse> delete(String tokenId, TokenDeleteParams params) {
    Objects.requireNonNull(params, "params must not be null");
    IamApiResponseSingleId envelope =
        client
            .api(AccountOwnedApiTokensApi.class)
            .accountApiTokensDeleteToken(params.accountId(), tokenId);
    return Optional.ofNullable(envelope.result());
  }
}
