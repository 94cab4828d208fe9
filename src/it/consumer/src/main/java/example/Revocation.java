package example;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.model.TokenDeleteResponse;
import java.util.Optional;

/** Revokes a token through the generated interface, as a module of its own. */
public final class Revocation {

  private Revocation() {}

  /** The id of the deleted token, when Cloudflare answers with one. */
  public static Optional<String> revoke(CloudflareClient client, String accountId, String tokenId) {
    TokenDeleteResponse deleted =
        client
            .api(AccountOwnedApiTokensApi.class)
            .accountApiTokensDeleteToken(accountId, tokenId)
            .execute();
    return Optional.ofNullable(deleted).map(TokenDeleteResponse::id);
  }
}
