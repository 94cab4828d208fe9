package dev.cloudflare4j;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.PermissionGroupListParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenCreateParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenGetParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenListParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenUpdateParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenValueUpdateParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenVerifyParams;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.IamTokenWithValue;
import dev.cloudflare4j.model.PermissionGroupListResponse;
import dev.cloudflare4j.model.TokenDeleteResponse;
import dev.cloudflare4j.model.TokenVerifyResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Account-owned API tokens: reached through {@code client.accounts().tokens()}. Names follow
 * Cloudflare's TypeScript SDK; each method is one line over the generated operation ({@link
 * AccountOwnedApiTokensApi}), whose params types are generated from the spec. Every method has an
 * {@code Async} form (no thread waits; cancelling the future cancels the call) and a form that
 * returns the answer's details ({@link #withRawResponse()}); {@link #withOptions} gives the same
 * service with other options for every call.
 *
 * <pre>{@code
 * TokensService tokens = client.accounts().tokens();
 * for (IamTokenBase token : tokens.list(TokenListParams.builder().accountId(a).build()).autoPager()) {
 *   System.out.println(token.id() + " " + token.status() + " " + token.expiresOn());
 * }
 * }</pre>
 */
public final class TokensService {

  private final CloudflareClient client;
  private final RequestOptions options;
  private final WithRawResponse withRawResponse = new WithRawResponse();
  private final ValueService value = new ValueService();
  private final PermissionGroupsService permissionGroups = new PermissionGroupsService();

  TokensService(CloudflareClient client) {
    this(client, RequestOptions.none());
  }

  private TokensService(CloudflareClient client, RequestOptions options) {
    this.client = client;
    this.options = options;
  }

  /**
   * The same operations, each call with these options (timeout, retries, headers) over the client's
   * and this service's: they override only what they set, and add their headers. How one call gets
   * options of its own, for every operation alike: {@code tokens.withOptions(options).delete(id,
   * params)}; the view is cheap, and the service it was made from keeps its own.
   *
   * @throws NullPointerException if {@code options} is null
   */
  public TokensService withOptions(RequestOptions options) {
    return new TokensService(client, this.options.then(options));
  }

  /**
   * Lists the account's tokens ({@code GET /accounts/{account_id}/tokens}), one page at a time:
   * {@link Page#autoPager()} walks them all.
   */
  public Page<IamTokenBase> list(TokenListParams params) {
    return Page.fetch(listCall(params));
  }

  /** Like {@link #list}, without blocking. */
  public CompletableFuture<Page<IamTokenBase>> listAsync(TokenListParams params) {
    return async(() -> Page.fetchAsync(listCall(params)));
  }

  /** One token's details ({@code GET /accounts/{account_id}/tokens/{token_id}}). */
  public IamTokenBase get(String tokenId, TokenGetParams params) {
    return getCall(tokenId, params).execute();
  }

  /** Like {@link #get}, without blocking. */
  public CompletableFuture<IamTokenBase> getAsync(String tokenId, TokenGetParams params) {
    return async(() -> getCall(tokenId, params).executeAsync());
  }

  /**
   * Creates a token ({@code POST /accounts/{account_id}/tokens}). The answer holds its secret
   * value, once: {@code created.value().reveal()}. A create is not retried once it may have reached
   * Cloudflare: after a timeout or 5xx it fails with {@code outcomeUnknown()} set.
   */
  public IamTokenWithValue create(TokenCreateParams params) {
    return createCall(params).execute();
  }

  /** Like {@link #create}, without blocking. */
  public CompletableFuture<IamTokenWithValue> createAsync(TokenCreateParams params) {
    return async(() -> createCall(params).executeAsync());
  }

  /** Replaces a token's name, policies, condition and dates ({@code PUT .../tokens/{token_id}}). */
  public IamTokenBase update(String tokenId, TokenUpdateParams params) {
    return updateCall(tokenId, params).execute();
  }

  /** Like {@link #update}, without blocking. */
  public CompletableFuture<IamTokenBase> updateAsync(String tokenId, TokenUpdateParams params) {
    return async(() -> updateCall(tokenId, params).executeAsync());
  }

  /**
   * Verifies the client's own API token against the account ({@code GET
   * /accounts/{account_id}/tokens/verify}): its id, status and expiry.
   */
  public TokenVerifyResponse verify(TokenVerifyParams params) {
    return verifyCall(params).execute();
  }

  /** Like {@link #verify}, without blocking. */
  public CompletableFuture<TokenVerifyResponse> verifyAsync(TokenVerifyParams params) {
    return async(() -> verifyCall(params).executeAsync());
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
   * @throws NullPointerException if {@code tokenId} or {@code params} is null
   * @throws IllegalArgumentException if an id breaks the spec's rules, or the params hold no
   *     account id; nothing is sent
   * @throws IllegalStateException if the client holds no API token, or is closed; nothing is sent
   * @throws dev.cloudflare4j.errors.NotFoundException if the token does not exist (any more)
   * @throws dev.cloudflare4j.errors.CloudflareServiceException if Cloudflare refuses the call
   * @throws dev.cloudflare4j.errors.CloudflareIoException if the call fails on the network
   */
  public Optional<TokenDeleteResponse> delete(String tokenId, TokenDeleteParams params) {
    return Optional.ofNullable(deleteCall(tokenId, params).execute());
  }

  /**
   * Like {@link #delete(String, TokenDeleteParams)}, without blocking: no thread waits on the
   * network or between retries. The future fails with the exceptions the blocking call throws, bad
   * arguments included (nothing is sent then); cancelling it cancels the call in flight.
   */
  public CompletableFuture<Optional<TokenDeleteResponse>> deleteAsync(
      String tokenId, TokenDeleteParams params) {
    return async(
        () -> deleteCall(tokenId, params).executeAsync(raw -> Optional.ofNullable(raw.value())));
  }

  /**
   * Revokes the token a leaked secret value belongs to: asks Cloudflare which token the value is by
   * verifying it <em>with the value itself as the credential</em> (the only request it is ever sent
   * in), then deletes that token with this client's own credential. The value's prefix picks the
   * verify endpoint: {@code cfat_} the account's, {@code cfut_} the user's; an unprefixed
   * (pre-2026) value is tried at the account's, then the user's. The value never appears in a
   * message, log line or {@code toString()}.
   *
   * @param accountId the account that owns the token (for an account-owned token)
   * @param leakedValue the secret value that leaked, exactly as found
   * @return which token was revoked; or, when Cloudflare no longer accepts the value (Verify Token
   *     answered 401: already revoked, rolled, expired, or never a token), {@link
   *     RevokedToken.Outcome#NOT_ACCEPTED} with its refusal, nothing deleted
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the value is blank, holds anything but visible ASCII (a
   *     trailing newline?), or is no API token: a Global API Key ({@code cfk_}: not revocable
   *     through the API), a Wrangler OAuth token ({@code cfoat_}) or an Access service token's
   *     secret ({@code cfast_}), each with what to do instead; nothing is sent
   * @throws dev.cloudflare4j.errors.CloudflareException if the verify or the delete fails, or the
   *     thread is interrupted while it waits (the revocation is then cancelled: no step starts
   *     afterwards)
   */
  public RevokedToken revokeLeaked(String accountId, String leakedValue) {
    return LeakedTokenRevocation.revoke(client, this, accountId, leakedValue);
  }

  /**
   * Like {@link #revokeLeaked}, without blocking: no thread waits on the network or between the
   * verify and the delete. The future fails with the exceptions the blocking call throws, bad
   * arguments included (nothing is sent then); cancelling it cancels the call in flight, and no
   * step starts afterwards.
   */
  public CompletableFuture<RevokedToken> revokeLeakedAsync(String accountId, String leakedValue) {
    return async(() -> LeakedTokenRevocation.revokeAsync(client, this, accountId, leakedValue));
  }

  /** The Roll Token operation: a new secret value for a token ({@code .../tokens/{id}/value}). */
  public ValueService value() {
    return value;
  }

  /** The permission groups a token's policies can name ({@code .../tokens/permission_groups}). */
  public PermissionGroupsService permissionGroups() {
    return permissionGroups;
  }

  /** The same operations, returning the answer's status, headers and ray id with the value. */
  public WithRawResponse withRawResponse() {
    return withRawResponse;
  }

  private AccountOwnedApiTokensApi api() {
    return client.api(AccountOwnedApiTokensApi.class);
  }

  private CloudflareCall<List<IamTokenBase>> listCall(TokenListParams params) {
    return api().accountApiTokensListTokens(params).withOptions(options);
  }

  private CloudflareCall<IamTokenBase> getCall(String tokenId, TokenGetParams params) {
    return api().accountApiTokensTokenDetails(checkTokenId(tokenId), params).withOptions(options);
  }

  private CloudflareCall<IamTokenWithValue> createCall(TokenCreateParams params) {
    return api().accountApiTokensCreateToken(params).withOptions(options);
  }

  private CloudflareCall<IamTokenBase> updateCall(String tokenId, TokenUpdateParams params) {
    return api().accountApiTokensUpdateToken(checkTokenId(tokenId), params).withOptions(options);
  }

  CloudflareCall<TokenVerifyResponse> verifyCall(TokenVerifyParams params) {
    return api().accountApiTokensVerifyToken(params).withOptions(options);
  }

  /** The generated Delete Token call, checked and built; its account comes from the params. */
  private CloudflareCall<TokenDeleteResponse> deleteCall(String tokenId, TokenDeleteParams params) {
    Objects.requireNonNull(params, "params must not be null");
    return api()
        .accountApiTokensDeleteToken(params.accountId(), checkTokenId(tokenId))
        .withOptions(options);
  }

  private CloudflareCall<Secret> rollCall(String tokenId, TokenValueUpdateParams params) {
    return api().accountApiTokensRollToken(checkTokenId(tokenId), params).withOptions(options);
  }

  private CloudflareCall<List<PermissionGroupListResponse>> groupsCall(
      PermissionGroupListParams params) {
    return api().accountApiTokensListPermissionGroups(params).withOptions(options);
  }

  /**
   * A token id the facade was given, as the generated call checks it, but a null named as a Java
   * caller expects: a {@link NullPointerException} naming the argument.
   */
  static String checkTokenId(String tokenId) {
    return Objects.requireNonNull(tokenId, "tokenId must not be null");
  }

  /** The future {@code start} returns, or one that fails with what {@code start} threw. */
  static <R> CompletableFuture<R> async(Supplier<CompletableFuture<R>> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Roll Token: reached through {@code tokens.value()}. */
  public final class ValueService {

    private ValueService() {}

    /**
     * Rolls a token's secret ({@code PUT .../tokens/{token_id}/value}): the old value stops working
     * and the new one is returned, once. Cloudflare's body is an empty object: {@code
     * TokenValueUpdateParams.builder().accountId(a).body(Map.of()).build()}.
     */
    public Secret update(String tokenId, TokenValueUpdateParams params) {
      return rollCall(tokenId, params).execute();
    }

    /** Like {@link #update}, without blocking. */
    public CompletableFuture<Secret> updateAsync(String tokenId, TokenValueUpdateParams params) {
      return async(() -> rollCall(tokenId, params).executeAsync());
    }

    /** {@link #update}, with the answer's details. */
    public RawResponse<Secret> updateWithRawResponse(
        String tokenId, TokenValueUpdateParams params) {
      return rollCall(tokenId, params).executeRaw();
    }
  }

  /** List Permission Groups: reached through {@code tokens.permissionGroups()}. */
  public final class PermissionGroupsService {

    private PermissionGroupsService() {}

    /** The permission groups available to the account's tokens, optionally filtered. */
    public Page<PermissionGroupListResponse> list(PermissionGroupListParams params) {
      return Page.fetch(groupsCall(params));
    }

    /** Like {@link #list}, without blocking. */
    public CompletableFuture<Page<PermissionGroupListResponse>> listAsync(
        PermissionGroupListParams params) {
      return async(() -> Page.fetchAsync(groupsCall(params)));
    }
  }

  /** Token operations that return a {@link RawResponse}. */
  public final class WithRawResponse {

    private WithRawResponse() {}

    /** {@link TokensService#list}, with the answer's details. */
    public RawResponse<Page<IamTokenBase>> list(TokenListParams params) {
      return Page.fetchRaw(listCall(params));
    }

    /** {@link TokensService#get}, with the answer's details. */
    public RawResponse<IamTokenBase> get(String tokenId, TokenGetParams params) {
      return getCall(tokenId, params).executeRaw();
    }

    /** {@link TokensService#create}, with the answer's details. */
    public RawResponse<IamTokenWithValue> create(TokenCreateParams params) {
      return createCall(params).executeRaw();
    }

    /** {@link TokensService#update}, with the answer's details. */
    public RawResponse<IamTokenBase> update(String tokenId, TokenUpdateParams params) {
      return updateCall(tokenId, params).executeRaw();
    }

    /** {@link TokensService#verify}, with the answer's details. */
    public RawResponse<TokenVerifyResponse> verify(TokenVerifyParams params) {
      return verifyCall(params).executeRaw();
    }

    /** {@link TokensService#delete(String, TokenDeleteParams)}, with the answer's details. */
    public RawResponse<Optional<TokenDeleteResponse>> delete(
        String tokenId, TokenDeleteParams params) {
      return deleteCall(tokenId, params).executeRaw().map(Optional::ofNullable);
    }
  }
}
