package dev.cloudflare4j;

/** Operations under {@code /user}: reached through {@link CloudflareClient#user()}. */
public final class UserService {

  private final UserTokensService tokens;

  UserService(CloudflareClient client) {
    this.tokens = new UserTokensService(client);
  }

  /** User-owned API tokens: {@code /user/tokens}. */
  public UserTokensService tokens() {
    return tokens;
  }
}
