package dev.cloudflare4j;

/** Operations under {@code /accounts}: reached through {@link CloudflareClient#accounts()}. */
public final class AccountsService {

  private final TokensService tokens;

  AccountsService(CloudflareClient client) {
    this.tokens = new TokensService(client);
  }

  /** Account-owned API tokens: {@code /accounts/{account_id}/tokens}. */
  public TokensService tokens() {
    return tokens;
  }
}
