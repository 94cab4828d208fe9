package dev.cloudflare4j;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.model.TokenDeleteResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Account-owned API tokens: reached through {@code client.accounts().tokens()}. */
public final class TokensService {

  private final CloudflareClient client;
  private final WithRawResponse withRawResponse;

  TokensService(CloudflareClient client) {
    this.client = client;
    this.withRawResponse = new WithRawResponse();
  }

  /**
   * Deletes (destroys) an account-owned API token: {@code DELETE
   * /accounts/{account_id}/tokens/{token_id}}. Needs an API token credential with the "Account API
   * Tokens Write" permission. Retried on connection failures, timeouts, 408, 409, 429 and 5xx; a
   * retried delete can end in {@code NotFoundException} because an earlier attempt succeeded and
   * its answer was lost ({@code attempts()} is then more than 1).
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
    return delete(tokenId, params, RequestOptions.none());
  }

  /** Like {@link #delete(String, TokenDeleteParams)}, with this call's own options. */
  public Optional<TokenDeleteResponse> delete(
      String tokenId, TokenDeleteParams params, RequestOptions options) {
    return Optional.ofNullable(deleteCall(tokenId, params).withOptions(options).execute());
  }

  /**
   * Like {@link #delete(String, TokenDeleteParams)}, without blocking: no thread waits on the
   * network or between retries. The future fails with the exceptions the blocking call throws, bad
   * arguments included (nothing is sent then); cancelling it cancels the call in flight.
   */
  public CompletableFuture<Optional<TokenDeleteResponse>> deleteAsync(
      String tokenId, TokenDeleteParams params) {
    return deleteAsync(tokenId, params, RequestOptions.none());
  }

  /** Like {@link #deleteAsync(String, TokenDeleteParams)}, with this call's own options. */
  public CompletableFuture<Optional<TokenDeleteResponse>> deleteAsync(
      String tokenId, TokenDeleteParams params, RequestOptions options) {
    return async(
        () ->
            deleteCall(tokenId, params)
                .withOptions(options)
                .executeAsync(raw -> Optional.ofNullable(raw.value())));
  }

  /** The same operations, returning the answer's status, headers and ray id with the value. */
  public WithRawResponse withRawResponse() {
    return withRawResponse;
  }

  /** The generated Delete Token call, checked and built; its account comes from the params. */
  private CloudflareCall<TokenDeleteResponse> deleteCall(String tokenId, TokenDeleteParams params) {
    Objects.requireNonNull(params, "params must not be null");
    return client
        .api(AccountOwnedApiTokensApi.class)
        .accountApiTokensDeleteToken(params.accountId(), tokenId);
  }

  /** The future {@code start} returns, or one that fails with what {@code start} threw. */
  private static <R> CompletableFuture<R> async(Supplier<CompletableFuture<R>> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Token operations that return a {@link RawResponse}. */
  public final class WithRawResponse {

    private WithRawResponse() {}

    /** {@link TokensService#delete(String, TokenDeleteParams)}, with the answer's details. */
    public RawResponse<Optional<TokenDeleteResponse>> delete(
        String tokenId, TokenDeleteParams params) {
      return delete(tokenId, params, RequestOptions.none());
    }

    /** {@link TokensService#delete(String, TokenDeleteParams, RequestOptions)}, with details. */
    public RawResponse<Optional<TokenDeleteResponse>> delete(
        String tokenId, TokenDeleteParams params, RequestOptions options) {
      return deleteCall(tokenId, params)
          .withOptions(options)
          .executeRaw()
          .map(Optional::ofNullable);
    }
  }
}
