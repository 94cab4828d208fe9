package dev.cloudflare4j;

import java.util.Objects;

/**
 * The parameters of {@link TokensService#delete}, besides the token id: the account that owns the
 * token.
 *
 * <pre>{@code
 * TokenDeleteParams.builder().accountId("023e105f4ecef8ad9ca31a8372d0c353").build()
 * }</pre>
 */
public final class TokenDeleteParams {

  private final String accountId;

  private TokenDeleteParams(String accountId) {
    this.accountId = accountId;
  }

  /** Starts building parameters. */
  public static Builder builder() {
    return new Builder();
  }

  /** The account identifier (32 hex characters), exactly as given. */
  public String accountId() {
    return accountId;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenDeleteParams that && accountId.equals(that.accountId);
  }

  @Override
  public int hashCode() {
    return accountId.hashCode();
  }

  @Override
  public String toString() {
    return "TokenDeleteParams{accountId=" + accountId + "}";
  }

  /** Builds {@link TokenDeleteParams}; the account id is required. */
  public static final class Builder {

    private String accountId;

    private Builder() {}

    /** Sets the account that owns the token; checked against the spec when the call is made. */
    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    /**
     * Builds the parameters.
     *
     * @throws NullPointerException if no account id was set
     */
    public TokenDeleteParams build() {
      Objects.requireNonNull(accountId, "accountId must not be null");
      return new TokenDeleteParams(accountId);
    }
  }
}
