package dev.cloudflare4j;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.model.IamEffect;
import dev.cloudflare4j.model.IamPermissionGroup;
import dev.cloudflare4j.model.IamPolicyWithPermissionGroupsAndResources;
import dev.cloudflare4j.model.IamResources;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.IamTokenBody;
import dev.cloudflare4j.model.IamTokenStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;

/** Test fixtures from {@code src/test/resources/fixtures/} and the secrets the tests watch for. */
final class Fixtures {

  static final String ACCOUNT_ID = "023e105f4ecef8ad9ca31a8372d0c353";
  static final String TOKEN_ID = "ed17574386854bf78a67040be0a770b0";

  /** Recognisable credentials: none may ever appear in a message, toString() or log. */
  static final String API_TOKEN = "SECRET-TOKEN-9f8e7d6c5b4a39281706f5e4d3c2b1a0";

  static final String API_KEY = "SECRET-KEY-c0ffee0ddba11c0ffee0ddba11";
  static final String API_EMAIL = "secret.person@example.test";
  static final String USER_SERVICE_KEY = "v1.0-SECRET-SERVICE-KEY-00112233445566778899";

  private Fixtures() {}

  static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A policy on one permission group over the given resources. */
  static IamPolicyWithPermissionGroupsAndResources policy(
      IamEffect effect, String permissionGroupId, IamResources resources) {
    return new IamPolicyWithPermissionGroupsAndResources(
        effect,
        null,
        List.of(new IamPermissionGroup(permissionGroupId, null, null, Map.of())),
        resources,
        Map.of());
  }

  /** An Update Token body: the token as read, renamed and with a new status. */
  static IamTokenBody updateOf(IamTokenBase token, String name, IamTokenStatus status) {
    return new IamTokenBody(
        name,
        token.policies(),
        token.condition(),
        token.expiresOn(),
        token.id(),
        token.issuedOn(),
        token.lastUsedOn(),
        token.modifiedOn(),
        token.notBefore(),
        status,
        Map.of());
  }

  static MockResponse json(int status, String fixture) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(read(fixture));
  }

  static TokenDeleteParams params() {
    return TokenDeleteParams.builder().accountId(ACCOUNT_ID).build();
  }
}
