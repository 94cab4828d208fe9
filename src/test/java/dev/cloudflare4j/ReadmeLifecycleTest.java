package dev.cloudflare4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenCreateParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenListParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenVerifyParams;
import dev.cloudflare4j.model.IamCreatePayload;
import dev.cloudflare4j.model.IamEffect;
import dev.cloudflare4j.model.IamPermissionGroup;
import dev.cloudflare4j.model.IamPolicyWithPermissionGroupsAndResources;
import dev.cloudflare4j.model.IamResources;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.IamTokenWithValue;
import dev.cloudflare4j.sandbox.CloudflareSandbox;
import dev.cloudflare4j.sandbox.SandboxToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's rotation and leak-response examples, as written (the blocks between the markers are
 * the README's, word for word: the last test checks it), against the sandbox.
 */
class ReadmeLifecycleTest {

  private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";

  private CloudflareSandbox sandbox;
  private CloudflareClient client;

  @BeforeEach
  void start() {
    sandbox = CloudflareSandbox.start();
    client =
        CloudflareClient.builder().apiToken(sandbox.apiToken()).baseUrl(sandbox.baseUrl()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void rotationCreatesTheNewTokenVerifiesItAndDeletesTheOld() {
    String oldTokenId = sandbox.createToken(ACCOUNT);

    Secret deployed = rotate(client, ACCOUNT, oldTokenId, sandbox.baseUrl());

    assertThat(sandbox.tokenIds(ACCOUNT)).hasSize(1).doesNotContain(oldTokenId);
    assertThat(deployed.reveal()).startsWith("cfat_");
  }

  @Test
  void leakResponseRevokesTheTokenTheValueBelongsTo() {
    SandboxToken leaked = sandbox.issueToken(ACCOUNT);
    SandboxToken other = sandbox.issueToken(ACCOUNT);

    RevokedToken revoked = respond(client, ACCOUNT, leaked.value());

    assertThat(revoked.id()).isEqualTo(leaked.id());
    assertThat(sandbox.tokenIds(ACCOUNT)).containsExactly(other.id());
    // Again: the value is no longer accepted, and nothing more is deleted.
    assertThat(respond(client, ACCOUNT, leaked.value()).outcome())
        .isEqualTo(RevokedToken.Outcome.NOT_ACCEPTED);
    assertThat(sandbox.tokenIds(ACCOUNT)).containsExactly(other.id());
  }

  @Test
  void auditListsEveryTokenAcrossPages() {
    for (int i = 0; i < 30; i++) {
      sandbox.createToken(ACCOUNT);
    }

    assertThat(audit(client, ACCOUNT)).hasSize(30);
  }

  private static Secret rotate(
      CloudflareClient client, String accountId, String oldTokenId, String baseUrl) {
    // --- from README.md, "Rotation" ---
    TokensService tokens = client.accounts().tokens();
    IamPolicyWithPermissionGroupsAndResources policy =
        IamPolicyWithPermissionGroupsAndResources.builder()
            .effect(IamEffect.ALLOW)
            .permissionGroups(
                List.of(
                    IamPermissionGroup.builder().id("c8fed203ed3043cba015a93ad1616f1f").build()))
            .resources(IamResources.ofFlat(Map.of("com.cloudflare.api.account." + accountId, "*")))
            .build();
    IamTokenWithValue created =
        tokens.create(
            TokenCreateParams.builder()
                .accountId(accountId)
                .body(IamCreatePayload.builder().name("deploy").policies(List.of(policy)).build())
                .build());
    Secret value = created.value(); // the only time Cloudflare shows it: store it now
    try (CloudflareClient asNew =
        CloudflareClient.builder().apiToken(value.reveal()).baseUrl(baseUrl).build()) {
      asNew.accounts().tokens().verify(TokenVerifyParams.builder().accountId(accountId).build());
    }
    tokens.delete(oldTokenId, TokenDeleteParams.builder().accountId(accountId).build());
    // --- end ---
    return value;
  }

  private static RevokedToken respond(CloudflareClient client, String accountId, String leaked) {
    // --- from README.md, "Leak response" ---
    RevokedToken revoked = client.accounts().tokens().revokeLeaked(accountId, leaked);
    if (revoked.wasRevoked()) {
      System.out.println("revoked " + revoked.id() + " (" + revoked.owner() + ")");
    } else {
      System.out.println("not accepted by Cloudflare: nothing left to revoke");
    }
    // --- end ---
    return revoked;
  }

  private static List<String> audit(CloudflareClient client, String accountId) {
    List<String> lines = new ArrayList<>();
    // --- from README.md, "Audit" ---
    TokenListParams params = TokenListParams.builder().accountId(accountId).build();
    for (IamTokenBase token : client.accounts().tokens().list(params).autoPager()) {
      lines.add(
          token.id() + " " + token.status() + " " + token.expiresOn() + " " + token.lastUsedOn());
    }
    // --- end ---
    return lines;
  }

  @Test
  void theReadmeHoldsTheseExamplesWordForWord() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    Map<String, String> blocks = readmeBlocks(ReadmeLifecycleTest.class);

    for (Map.Entry<String, String> block : blocks.entrySet()) {
      assertThat(readme).as(block.getKey()).contains(block.getValue());
    }
    assertThat(blocks).hasSize(3);
  }

  /**
   * The README blocks a test class holds between its {@code // --- from README.md, "Section" ---}
   * and {@code // --- end ---} markers, by section, as code (indent and outer blank lines gone).
   */
  static Map<String, String> readmeBlocks(Class<?> test) throws IOException {
    String source =
        Files.readString(
            Path.of("src/test/java/" + test.getName().replace('.', '/') + ".java"),
            StandardCharsets.UTF_8);
    Matcher block =
        Pattern.compile(
                "// --- from README\\.md, \"([^\"]+)\" ---\\n(.*?)\\n\\s*// --- end ---",
                Pattern.DOTALL)
            .matcher(source);
    Map<String, String> blocks = new java.util.LinkedHashMap<>();
    while (block.find()) {
      blocks.put(block.group(1), block.group(2).stripIndent().strip());
    }
    return blocks;
  }
}
