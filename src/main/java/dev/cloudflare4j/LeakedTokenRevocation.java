package dev.cloudflare4j;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenVerifyParams;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.errors.PermissionDeniedException;
import dev.cloudflare4j.errors.UnauthorizedException;
import dev.cloudflare4j.internal.Redaction;
import dev.cloudflare4j.model.TokenVerifyResponse;
import java.util.Objects;

/**
 * {@link TokensService#revokeLeaked}: which token a leaked value is (Verify Token, with the value
 * as the bearer: the one request the value is sent in), then its deletion with the client's own
 * credential. The value is held as a {@link Secret} from the first line on.
 */
final class LeakedTokenRevocation {

  private LeakedTokenRevocation() {}

  static RevokedToken revoke(
      CloudflareClient client, TokensService tokens, String accountId, String leakedValue) {
    Objects.requireNonNull(accountId, "accountId must not be null");
    Objects.requireNonNull(leakedValue, "leakedValue must not be null");
    Credentials.checkValue("leakedValue", leakedValue);
    if (leakedValue.startsWith(Redaction.GLOBAL_KEY_PREFIX)) {
      throw new IllegalArgumentException(
          "leakedValue is a Global API Key (it starts with cfk_): the API cannot revoke it; change"
              + " it in the dashboard (My Profile > API Tokens > Global API Key > Change)");
    }
    Secret leaked = Secret.of(leakedValue);
    TokenVerifyParams account = TokenVerifyParams.builder().accountId(accountId).build();
    if (leakedValue.startsWith(Redaction.ACCOUNT_TOKEN_PREFIX)) {
      return deleteAccountToken(tokens, accountId, accountVerify(tokens, account, leaked));
    }
    if (leakedValue.startsWith(Redaction.USER_TOKEN_PREFIX)) {
      return deleteUserToken(client, userVerify(client, leaked));
    }
    // A value from before 2026 says nothing of its owner: the account's endpoint first.
    TokenVerifyResponse verified;
    try {
      verified = accountVerify(tokens, account, leaked);
    } catch (UnauthorizedException | PermissionDeniedException | NotFoundException notHere) {
      try {
        return deleteUserToken(client, userVerify(client, leaked));
      } catch (CloudflareServiceException notThereEither) {
        notThereEither.addSuppressed(notHere);
        throw notThereEither;
      }
    }
    return deleteAccountToken(tokens, accountId, verified);
  }

  private static TokenVerifyResponse accountVerify(
      TokensService tokens, TokenVerifyParams params, Secret leaked) {
    return tokens.verifyCall(params).withBearer(leaked).execute();
  }

  private static TokenVerifyResponse userVerify(CloudflareClient client, Secret leaked) {
    return client.user().tokens().verifyCallAs(leaked).execute();
  }

  private static RevokedToken deleteAccountToken(
      TokensService tokens, String accountId, TokenVerifyResponse verified) {
    String id = idOf(verified);
    tokens.delete(id, TokenDeleteParams.builder().accountId(accountId).build());
    return new RevokedToken(id, RevokedToken.Owner.ACCOUNT);
  }

  private static RevokedToken deleteUserToken(
      CloudflareClient client, TokenVerifyResponse verified) {
    String id = idOf(verified);
    client.user().tokens().delete(id);
    return new RevokedToken(id, RevokedToken.Owner.USER);
  }

  private static String idOf(TokenVerifyResponse verified) {
    if (verified == null || verified.id() == null) {
      throw new IllegalStateException("Cloudflare verified the leaked value but named no token id");
    }
    return verified.id();
  }
}
