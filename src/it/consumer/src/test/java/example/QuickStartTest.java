package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.model.TokenDeleteResponse;
import dev.cloudflare4j.sandbox.CloudflareSandbox;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The README quick start, as a consumer of the installed library runs it, against the sandbox; and
 * the generated interface, from a module of the consumer's own.
 */
class QuickStartTest {

  private static final String ACCOUNT_ID = "023e105f4ecef8ad9ca31a8372d0c353";

  /** Runs {@code test} with a sandbox and a client pointed at it, closing both. */
  private static void withSandbox(BiConsumer<CloudflareSandbox, CloudflareClient> test) {
    try (CloudflareSandbox sandbox = CloudflareSandbox.start();
        CloudflareClient client =
            CloudflareClient.builder()
                .apiToken(sandbox.apiToken())
                .baseUrl(sandbox.baseUrl())
                .build()) {
      test.accept(sandbox, client);
    }
  }

  @Test
  void theQuickStartDeletesATokenAndASecondDeleteIsNotFound() {
    withSandbox(
        (sandbox, client) -> {
          String tokenId = sandbox.createToken(ACCOUNT_ID);
          TokenDeleteParams params = TokenDeleteParams.builder().accountId(ACCOUNT_ID).build();

          Optional<TokenDeleteResponse> deleted = client.accounts().tokens().delete(tokenId, params);

          assertEquals(Optional.of(tokenId), deleted.map(TokenDeleteResponse::id));
          assertFalse(sandbox.hasToken(ACCOUNT_ID, tokenId));
          NotFoundException again =
              assertThrows(
                  NotFoundException.class,
                  () -> client.accounts().tokens().delete(tokenId, params));
          assertTrue(again.getMessage().startsWith("HTTP 404"), again.getMessage());
        });
  }

  @Test
  void onTheModulePathTheGeneratedInterfaceWorksAndTheInternalsAreNotExported() {
    Module library = CloudflareClient.class.getModule();
    assertEquals("dev.cloudflare4j", library.getName());
    assertTrue(Revocation.class.getModule().isNamed());
    assertTrue(library.isExported("dev.cloudflare4j.api"));
    assertFalse(library.isExported("dev.cloudflare4j.internal"));
    withSandbox(
        (sandbox, client) -> {
          String tokenId = sandbox.createToken(ACCOUNT_ID);

          assertEquals(Optional.of(tokenId), Revocation.revoke(client, ACCOUNT_ID, tokenId));
          assertFalse(sandbox.hasToken(ACCOUNT_ID, tokenId));
        });
  }
}
