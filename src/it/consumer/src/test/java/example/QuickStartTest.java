package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.TokenDeleteParams;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.model.TokenDeleteResponse;
import dev.cloudflare4j.sandbox.CloudflareSandbox;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README quick start, as a consumer of the installed library runs it, against the sandbox. */
class QuickStartTest {

  @Test
  void theQuickStartDeletesATokenAndASecondDeleteIsNotFound() {
    try (CloudflareSandbox sandbox = CloudflareSandbox.start();
        CloudflareClient client =
            CloudflareClient.builder()
                .apiToken(sandbox.apiToken())
                .baseUrl(sandbox.baseUrl())
                .build()) {
      String accountId = "023e105f4ecef8ad9ca31a8372d0c353";
      String tokenId = sandbox.createToken(accountId);
      TokenDeleteParams params = TokenDeleteParams.builder().accountId(accountId).build();

      Optional<TokenDeleteResponse> deleted = client.accounts().tokens().delete(tokenId, params);

      assertEquals(Optional.of(tokenId), deleted.map(TokenDeleteResponse::id));
      assertFalse(sandbox.hasToken(accountId, tokenId));
      NotFoundException again =
          assertThrows(
              NotFoundException.class, () -> client.accounts().tokens().delete(tokenId, params));
      assertTrue(again.getMessage().startsWith("HTTP 404"), again.getMessage());
    }
  }

  @Test
  void onTheModulePathTheGeneratedInterfaceWorksAndTheInternalsAreNotExported() {
    Module library = CloudflareClient.class.getModule();
    assertEquals("dev.cloudflare4j", library.getName());
    assertTrue(Revocation.class.getModule().isNamed());
    assertTrue(library.isExported("dev.cloudflare4j.api"));
    assertFalse(library.isExported("dev.cloudflare4j.internal"));
    try (CloudflareSandbox sandbox = CloudflareSandbox.start();
        CloudflareClient client =
            CloudflareClient.builder()
                .apiToken(sandbox.apiToken())
                .baseUrl(sandbox.baseUrl())
                .build()) {
      String accountId = "023e105f4ecef8ad9ca31a8372d0c353";
      String tokenId = sandbox.createToken(accountId);

      assertEquals(Optional.of(tokenId), Revocation.revoke(client, accountId, tokenId));
      assertFalse(sandbox.hasToken(accountId, tokenId));
    }
  }
}
