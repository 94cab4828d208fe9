package dev.cloudflare4j.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import org.junit.jupiter.api.Test;

/** The README's sandbox example, as written, with a stand-in for "your code". */
class RevocationJobTest {

  /** What a user's revocation code might look like. */
  static final class RevocationJob {
    private final CloudflareClient client;

    RevocationJob(CloudflareClient client) {
      this.client = client;
    }

    void revoke(String accountId, String tokenId) {
      client
          .accounts()
          .tokens()
          .delete(tokenId, TokenDeleteParams.builder().accountId(accountId).build());
    }
  }

  // --- from README.md, "Testing your code with the sandbox" ---
  @Test
  void revokesTheLeakedTokenAndSurvivesAnOutage() {
    try (CloudflareSandbox sandbox = CloudflareSandbox.start();
        CloudflareClient client =
            CloudflareClient.builder()
                .apiToken(sandbox.apiToken())
                .baseUrl(sandbox.baseUrl())
                .build()) {
      String account = "023e105f4ecef8ad9ca31a8372d0c353";
      String leaked = sandbox.createToken(account);
      sandbox.failNext(2, 503); // the next two requests fail; retries absorb them

      new RevocationJob(client).revoke(account, leaked); // your code

      assertFalse(sandbox.hasToken(account, leaked));
      assertEquals(3, sandbox.requests().size());
    }
  }
  // --- end ---
}
