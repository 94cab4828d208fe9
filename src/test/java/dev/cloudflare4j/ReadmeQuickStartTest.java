package dev.cloudflare4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.model.TokenDeleteResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's quick start, as written, against a local MockWebServer. */
class ReadmeQuickStartTest extends ClientTestSupport {

  @Test
  void theQuickStartDeletesATokenAndReportsAnAlreadyDeletedOne() {
    server.enqueue(Fixtures.json(200, "delete-token-success.json"));
    server.enqueue(Fixtures.json(404, "failure-not-found.json").setHeader("cf-ray", "8f1a-SJC"));
    String token = Fixtures.API_TOKEN;
    String url = baseUrl();
    String accountId = "023e105f4ecef8ad9ca31a8372d0c353";
    String tokenId = "ed17574386854bf78a67040be0a770b0";
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      quickStart(token, url, accountId, tokenId);
    } finally {
      System.setOut(stdout);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            """
            deleted ed17574386854bf78a67040be0a770b0
            already gone: HTTP 404 [1003] Invalid or missing token (cf-ray 8f1a-SJC)
            """);
  }

  @Test
  void theReadmeHoldsThisQuickStartWordForWordWithImportsThatResolve() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    String code = ReadmeLifecycleTest.readmeBlocks(ReadmeQuickStartTest.class).get("Quick start");
    assertThat(code).isNotNull();
    String section = readme.substring(readme.indexOf("## Quick start"));
    int start = section.indexOf("```java\n") + "```java\n".length();
    String example = section.substring(start, section.indexOf("\n```", start));

    assertThat(example).endsWith(code);
    List<String> imports = example.lines().filter(line -> line.startsWith("import ")).toList();
    assertThat(imports).isNotEmpty();
    for (String line : imports) {
      String name = line.substring("import ".length(), line.length() - 1);
      int nested = name.lastIndexOf('.');
      Class<?> type;
      try {
        type = Class.forName(name);
      } catch (ClassNotFoundException e) {
        // A nested class: the last dot separates it from its outer class.
        type = Class.forName(name.substring(0, nested) + "$" + name.substring(nested + 1));
      }
      assertThat(java.lang.reflect.Modifier.isPublic(type.getModifiers())).as(name).isTrue();
    }
  }

  private static void quickStart(String token, String url, String accountId, String tokenId) {

    // --- from README.md, "Quick start" ---
    try (CloudflareClient client =
        CloudflareClient.builder().apiToken(token).baseUrl(url).build()) {
      TokenDeleteParams params = TokenDeleteParams.builder().accountId(accountId).build();
      Optional<TokenDeleteResponse> deleted = client.accounts().tokens().delete(tokenId, params);
      System.out.println("deleted " + deleted.map(TokenDeleteResponse::id).orElse("(no id)"));
      try {
        client.accounts().tokens().delete(tokenId, params); // a retry, say: already gone
      } catch (NotFoundException e) {
        System.out.println("already gone: " + e.getMessage());
      }
    }
    // --- end ---
  }
}
