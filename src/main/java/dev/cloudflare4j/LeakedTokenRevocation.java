package dev.cloudflare4j;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenListParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenVerifyParams;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.errors.PermissionDeniedException;
import dev.cloudflare4j.errors.UnauthorizedException;
import dev.cloudflare4j.internal.Failures;
import dev.cloudflare4j.internal.Redaction;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.TokenVerifyResponse;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@link TokensService#revokeLeaked} and its asynchronous form: which token a leaked value is
 * (Verify Token, with the value as the bearer: the one request the value is sent in), then its
 * deletion with the client's own credential. One composition of asynchronous calls, which the
 * blocking form waits for. The value is held as a {@link Secret} from the first line on.
 */
final class LeakedTokenRevocation {

  private LeakedTokenRevocation() {}

  /**
   * Revokes the token, blocking; throws what the asynchronous form fails with. An interrupt cancels
   * the revocation (the call in flight, and every later step) and fails it, the flag kept.
   */
  static RevokedToken revoke(
      CloudflareClient client, TokensService tokens, String accountId, String leakedValue) {
    CompletableFuture<RevokedToken> revoked = revokeAsync(client, tokens, accountId, leakedValue);
    try {
      return revoked.get();
    } catch (InterruptedException e) {
      revoked.cancel(true);
      Thread.currentThread().interrupt();
      InterruptedIOException cause = new InterruptedIOException("interrupted while revoking");
      throw Failures.build().io("revoking a leaked value was interrupted", cause, 1, false);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        // Thrown on the thread that completed the step: this caller's frames are added.
        runtime.addSuppressed(new WaitedFor());
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Where a blocking revocation waited for the step that failed: the caller's stack. */
  private static final class WaitedFor extends Exception {
    private static final long serialVersionUID = 1L;

    WaitedFor() {
      super("waited for by the caller of revokeLeaked");
    }
  }

  /**
   * Starts the revocation: no thread waits. Bad arguments are thrown here, before anything is sent.
   */
  static CompletableFuture<RevokedToken> revokeAsync(
      CloudflareClient client, TokensService tokens, String accountId, String leakedValue) {
    Steps steps = new Steps();
    CompletableFuture<RevokedToken> composed =
        compose(client, tokens, accountId, leakedValue, steps);
    CompletableFuture<RevokedToken> result = steps.result;
    // The result is completed here; the future whenComplete returns has nothing more to say.
    CompletableFuture<RevokedToken> unused =
        composed.whenComplete(
            (revoked, failure) -> {
              if (failure == null) {
                result.complete(revoked);
              } else {
                result.completeExceptionally(unwrap(failure));
              }
            });
    return result;
  }

  /**
   * The steps of one revocation: each call's future as it starts, so that cancelling the result
   * cancels the one in flight, and no step starts once the result is done.
   */
  private static final class Steps {
    private final AtomicReference<CompletableFuture<?>> current = new AtomicReference<>();
    final CompletableFuture<RevokedToken> result =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            CompletableFuture<?> inFlight = current.get();
            if (cancelled && inFlight != null) {
              inFlight.cancel(mayInterruptIfRunning);
            }
            return cancelled;
          }
        };

    /** Starts a step, unless the revocation is already over (cancelled, say). */
    <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> step) {
      if (result.isDone()) {
        return CompletableFuture.failedFuture(new CancellationException("revocation cancelled"));
      }
      CompletableFuture<T> started = step.get();
      current.set(started);
      if (result.isCancelled()) {
        started.cancel(true);
      }
      return started;
    }
  }

  private static CompletableFuture<RevokedToken> compose(
      CloudflareClient client,
      TokensService tokens,
      String accountId,
      String leakedValue,
      Steps steps) {
    Objects.requireNonNull(accountId, "accountId must not be null");
    Objects.requireNonNull(leakedValue, "leakedValue must not be null");
    Credentials.checkValue("leakedValue", leakedValue);
    String notAToken = notAnApiToken(leakedValue);
    if (notAToken != null) {
      throw new IllegalArgumentException("leakedValue is " + notAToken);
    }
    Secret leaked = Secret.of(leakedValue);
    TokenVerifyParams account = TokenVerifyParams.builder().accountId(accountId).build();
    if (leakedValue.startsWith(Redaction.ACCOUNT_TOKEN_PREFIX)) {
      return steps
          .start(() -> accountVerify(tokens, account, leaked))
          .<Supplier<CompletableFuture<RevokedToken>>>thenApply(
              verified -> () -> steps.start(() -> deleteAccountToken(tokens, accountId, verified)))
          .exceptionally(
              failure ->
                  notAccepted(
                      failure,
                      RevokedToken.Owner.ACCOUNT,
                      () -> steps.start(() -> accountReachable(tokens, accountId))))
          .thenCompose(Supplier::get);
    }
    if (leakedValue.startsWith(Redaction.USER_TOKEN_PREFIX)) {
      return steps
          .start(() -> userVerify(client, leaked))
          .<Supplier<CompletableFuture<RevokedToken>>>thenApply(
              verified -> () -> steps.start(() -> deleteUserToken(client, verified)))
          .exceptionally(failure -> notAccepted(failure, RevokedToken.Owner.USER, null))
          .thenCompose(Supplier::get);
    }
    // A value from before 2026 says nothing of its owner: the account's endpoint first.
    // The next step, decided once the account's endpoint has answered: delete the account's token,
    // or ask the user's endpoint when the account's does not know the value.
    return steps
        .start(() -> accountVerify(tokens, account, leaked))
        .<Supplier<CompletableFuture<RevokedToken>>>thenApply(
            verified -> () -> steps.start(() -> deleteAccountToken(tokens, accountId, verified)))
        .exceptionally(
            failure -> {
              Throwable notHere = unwrap(failure);
              if (!(notHere instanceof UnauthorizedException
                  || notHere instanceof PermissionDeniedException
                  || notHere instanceof NotFoundException)) {
                throw failure instanceof CompletionException wrapped
                    ? wrapped
                    : new CompletionException(failure);
              }
              return () ->
                  steps
                      .start(() -> userVerify(client, leaked))
                      .whenComplete(
                          (verified, notThereEither) -> {
                            if (unwrap(notThereEither) instanceof CloudflareServiceException no) {
                              no.addSuppressed(notHere);
                            }
                          })
                      .<Supplier<CompletableFuture<RevokedToken>>>thenApply(
                          user -> () -> steps.start(() -> deleteUserToken(client, user)))
                      .exceptionally(
                          userFailure ->
                              notHere instanceof UnauthorizedException
                                  ? notAccepted(
                                      userFailure,
                                      null,
                                      () -> steps.start(() -> accountReachable(tokens, accountId)))
                                  : rethrow(userFailure))
                      .thenCompose(Supplier::get);
            })
        .thenCompose(Supplier::get);
  }

  /**
   * The step after a failed verify: a value Cloudflare refused with 401 is not accepted (an
   * outcome, not a failure); any other failure stays one. Where the value was asked at the
   * account's endpoint, a 401 may also mean the account id is wrong: the account is first checked
   * with the client's own credential ({@code accountCheck}, null where no account was asked), and a
   * failure of that check is the call's failure, the value's refusal suppressed in it.
   */
  private static Supplier<CompletableFuture<RevokedToken>> notAccepted(
      Throwable failure,
      RevokedToken.Owner owner,
      Supplier<? extends CompletableFuture<?>> accountCheck) {
    if (unwrap(failure) instanceof UnauthorizedException refusal) {
      RevokedToken outcome = RevokedToken.notAccepted(owner, refusal);
      if (accountCheck == null) {
        return () -> CompletableFuture.completedFuture(outcome);
      }
      return () ->
          accountCheck
              .get()
              .whenComplete(
                  (reached, unreachable) -> {
                    if (unwrap(unreachable) instanceof CloudflareServiceException no) {
                      no.addSuppressed(refusal);
                    }
                  })
              .thenApply(reached -> outcome);
    }
    return rethrow(failure);
  }

  /**
   * Whether the client's own credential reaches the account's tokens: one list request (a page of
   * five). It fails, 403 or 404, when the account id is not one the credential can manage.
   */
  private static CompletableFuture<Page<IamTokenBase>> accountReachable(
      TokensService tokens, String accountId) {
    return tokens.listAsync(
        TokenListParams.builder().accountId(accountId).perPage(BigDecimal.valueOf(5)).build());
  }

  /** Fails the step with the failure as it came (never returns). */
  private static Supplier<CompletableFuture<RevokedToken>> rethrow(Throwable failure) {
    throw failure instanceof CompletionException wrapped
        ? wrapped
        : new CompletionException(failure);
  }

  /**
   * What a value that is no API token is, and what to do instead (Verify and Delete Token cannot
   * act on it); null for a value that may be an API token.
   */
  private static String notAnApiToken(String value) {
    if (value.startsWith(Redaction.GLOBAL_KEY_PREFIX)) {
      return "a Global API Key (it starts with cfk_): the API cannot revoke it; change it in the"
          + " dashboard (My Profile > API Tokens > Global API Key > Change)";
    }
    if (value.startsWith(Redaction.WRANGLER_OAUTH_PREFIX)) {
      return "a Wrangler OAuth token (it starts with cfoat_), not an API token: revoke it with"
          + " `wrangler logout` where it was issued, or remove Wrangler's access to the account in"
          + " the dashboard";
    }
    if (value.startsWith(Redaction.ACCESS_SERVICE_SECRET_PREFIX)) {
      return "an Access service token's client secret (it starts with cfast_), not an API token:"
          + " rotate or revoke the service token in Cloudflare Zero Trust (Access > Service"
          + " credentials > Service Tokens)";
    }
    return null;
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException wrapped && wrapped.getCause() != null
        ? wrapped.getCause()
        : failure;
  }

  private static CompletableFuture<TokenVerifyResponse> accountVerify(
      TokensService tokens, TokenVerifyParams params, Secret leaked) {
    return tokens.verifyCall(params).withBearer(leaked).executeAsync();
  }

  private static CompletableFuture<TokenVerifyResponse> userVerify(
      CloudflareClient client, Secret leaked) {
    return client.user().tokens().verifyCallAs(leaked).executeAsync();
  }

  private static CompletableFuture<RevokedToken> deleteAccountToken(
      TokensService tokens, String accountId, TokenVerifyResponse verified) {
    String id = idOf(verified);
    return tokens
        .deleteAsync(id, TokenDeleteParams.builder().accountId(accountId).build())
        .thenApply(deleted -> RevokedToken.revoked(id, RevokedToken.Owner.ACCOUNT));
  }

  private static CompletableFuture<RevokedToken> deleteUserToken(
      CloudflareClient client, TokenVerifyResponse verified) {
    String id = idOf(verified);
    return client
        .user()
        .tokens()
        .deleteAsync(id)
        .thenApply(deleted -> RevokedToken.revoked(id, RevokedToken.Owner.USER));
  }

  private static String idOf(TokenVerifyResponse verified) {
    if (verified == null || verified.id() == null) {
      throw new IllegalStateException("Cloudflare verified the leaked value but named no token id");
    }
    return verified.id();
  }
}
