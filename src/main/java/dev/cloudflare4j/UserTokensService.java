package dev.cloudflare4j;

import dev.cloudflare4j.api.UserApiTokensApi;
import dev.cloudflare4j.api.UserApiTokensApi.UserTokenListParams;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.TokenDeleteResponse;
import dev.cloudflare4j.model.TokenVerifyResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * User-owned API tokens: reached through {@code client.user().tokens()}. Like {@link
 * TokensService}, each method is one line over the generated operation ({@link UserApiTokensApi}),
 * with an {@code Async} form and a {@link #withRawResponse()} form.
 */
public final class UserTokensService {

  private final CloudflareClient client;
  private final RequestOptions options;
  private final WithRawResponse withRawResponse = new WithRawResponse();

  UserTokensService(CloudflareClient client) {
    this(client, RequestOptions.none());
  }

  private UserTokensService(CloudflareClient client, RequestOptions options) {
    this.client = client;
    this.options = options;
  }

  /**
   * The same operations, each call with these options (timeout, retries, headers) over the client's
   * and this service's: they override only what they set, and add their headers.
   *
   * @throws NullPointerException if {@code options} is null
   */
  public UserTokensService withOptions(RequestOptions options) {
    return new UserTokensService(client, this.options.then(options));
  }

  /** Lists the user's tokens ({@code GET /user/tokens}), one page at a time. */
  public Page<IamTokenBase> list(UserTokenListParams params) {
    return Page.fetch(listCall(params));
  }

  /** Like {@link #list}, without blocking. */
  public CompletableFuture<Page<IamTokenBase>> listAsync(UserTokenListParams params) {
    return TokensService.async(() -> Page.fetchAsync(listCall(params)));
  }

  /**
   * Verifies the client's own user-owned API token ({@code GET /user/tokens/verify}): its id,
   * status and expiry.
   *
   * @throws IllegalStateException if the client's token is account-owned ({@code cfat_}), which
   *     Cloudflare verifies at {@code client.accounts().tokens().verify(...)}; nothing is sent
   */
  public TokenVerifyResponse verify() {
    return verifyCall().execute();
  }

  /** Like {@link #verify}, without blocking. */
  public CompletableFuture<TokenVerifyResponse> verifyAsync() {
    return TokensService.async(() -> verifyCall().executeAsync());
  }

  /** Deletes a user-owned token ({@code DELETE /user/tokens/{token_id}}). */
  public Optional<TokenDeleteResponse> delete(String tokenId) {
    return Optional.ofNullable(deleteCall(tokenId).execute());
  }

  /** Like {@link #delete}, without blocking. */
  public CompletableFuture<Optional<TokenDeleteResponse>> deleteAsync(String tokenId) {
    return TokensService.async(
        () -> deleteCall(tokenId).executeAsync(raw -> Optional.ofNullable(raw.value())));
  }

  /** The same operations, returning the answer's status, headers and ray id with the value. */
  public WithRawResponse withRawResponse() {
    return withRawResponse;
  }

  private UserApiTokensApi api() {
    return client.api(UserApiTokensApi.class);
  }

  private CloudflareCall<List<IamTokenBase>> listCall(UserTokenListParams params) {
    return api().userApiTokensListTokens(params).withOptions(options);
  }

  private CloudflareCall<TokenVerifyResponse> verifyCall() {
    if (client.hasAccountOwnedToken()) {
      throw new IllegalStateException(
          "this client's API token is account-owned (it starts with cfat_): Cloudflare verifies"
              + " it at GET /accounts/{account_id}/tokens/verify, with"
              + " client.accounts().tokens().verify(...), not at /user/tokens/verify");
    }
    return verifyCallAs(null);
  }

  /** The user-level verify, sent with {@code bearer} when it is given (a leaked value). */
  CloudflareCall<TokenVerifyResponse> verifyCallAs(Secret bearer) {
    CloudflareCall<TokenVerifyResponse> call =
        api().userApiTokensVerifyToken().withOptions(options);
    return bearer == null ? call : call.withBearer(bearer);
  }

  private CloudflareCall<TokenDeleteResponse> deleteCall(String tokenId) {
    return api().userApiTokensDeleteToken(TokensService.checkTokenId(tokenId)).withOptions(options);
  }

  /** User token operations that return a {@link RawResponse}. */
  public final class WithRawResponse {

    private WithRawResponse() {}

    /** {@link UserTokensService#list}, with the answer's details. */
    public RawResponse<Page<IamTokenBase>> list(UserTokenListParams params) {
      return Page.fetchRaw(listCall(params));
    }

    /** {@link UserTokensService#verify}, with the answer's details. */
    public RawResponse<TokenVerifyResponse> verify() {
      return verifyCall().executeRaw();
    }

    /** {@link UserTokensService#delete}, with the answer's details. */
    public RawResponse<Optional<TokenDeleteResponse>> delete(String tokenId) {
      return deleteCall(tokenId).executeRaw().map(Optional::ofNullable);
    }
  }
}
