package dev.cloudflare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.sandbox.CloudflareSandbox;
import dev.cloudflare4j.sandbox.SandboxToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged {@code -cli.jar}, run as its own process, as an operator would. */
class CliJarIT {

  private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";

  private record Result(int exit, String out, String err) {}

  @Test
  void theReadmeGivesTheLibraryJarsSizeAsBuilt() throws IOException {
    Path cli = Path.of(System.getProperty("cli.jar"));
    Path library = cli.resolveSibling(cli.getFileName().toString().replace("-cli.jar", ".jar"));
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    java.util.regex.Matcher row =
        java.util.regex.Pattern.compile(
                "\\| `dev\\.cloudflare4j:cloudflare4j` \\| ([0-9.]+) MB \\|")
            .matcher(readme);

    assertThat(row.find()).isTrue();
    double megabytes = Files.size(library) / 1e6;
    // Within 0.02 MB: a change of a few classes need not touch the README, a doubling must.
    assertThat(Double.parseDouble(row.group(1)))
        .isCloseTo(megabytes, org.assertj.core.data.Offset.offset(0.02));
  }

  private static Result java(String... args) throws IOException, InterruptedException {
    return java(java.util.Map.of(), "", args);
  }

  private static Result java(java.util.Map<String, String> env, String stdin, String... args)
      throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("cli.jar"));
    assertThat(jar).exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("CLOUDFLARE_"));
    builder.environment().putAll(env);
    Path in = Files.createTempFile("cli", ".in");
    Files.writeString(in, stdin, StandardCharsets.UTF_8);
    Path out = Files.createTempFile("cli", ".out");
    Path err = Files.createTempFile("cli", ".err");
    Process process =
        builder
            .redirectInput(in.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theReadmeCommandDeletesAgainstTheSandbox() throws Exception {
    Result result =
        java(
            "tokens",
            "delete",
            "--sandbox",
            "--account-id",
            ACCOUNT,
            "ed17574386854bf78a67040be0a770b0");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).isEqualTo("token ed17574386854bf78a67040be0a770b0: deleted\n");
    assertThat(result.err()).startsWith("using the embedded sandbox at http://127.0.0.1:");
  }

  @Test
  void aFailingDeleteExitsOneWithTheErrorOnStderr() throws Exception {
    // The same token twice: the second delete finds it gone.
    String token = "ed17574386854bf78a67040be0a770b0";
    Result result =
        java("tokens", "delete", "--sandbox", "--json", "--account-id", ACCOUNT, token, token);

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .contains("token " + token + ": HTTP 404 [1003] Invalid or missing token")
        .contains("summary: 2 tokens: 1 deleted, 1 refused");
    assertThat(result.out().lines())
        .containsExactly(
            "{\"token_id\":\"" + token + "\",\"deleted\":true,\"status\":200}",
            result.out().lines().toList().get(1));
    assertThat(result.out().lines().toList().get(1))
        .startsWith("{\"token_id\":\"" + token + "\",\"deleted\":false,\"status\":404,");
  }

  @Test
  void noCredentialExitsTwo() throws Exception {
    Result result =
        java("tokens", "delete", "--account-id", ACCOUNT, "ed17574386854bf78a67040be0a770b0");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).startsWith("error: no Cloudflare credential");
  }

  @Test
  void versionAndHelpWork() throws Exception {
    assertThat(java("--version").out())
        .isEqualTo("cloudflare4j " + CloudflareClient.VERSION + "\n");
    Result help = java("tokens", "delete", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Exit codes:");
  }

  @Test
  void revokeLeakedReadsStdinAndListSeesTheTokenGone() throws Exception {
    try (CloudflareSandbox sandbox = CloudflareSandbox.start()) {
      SandboxToken leaked = sandbox.issueToken(ACCOUNT);
      SandboxToken kept = sandbox.issueToken(ACCOUNT);
      java.util.Map<String, String> env =
          java.util.Map.of(
              "CLOUDFLARE_API_TOKEN", sandbox.apiToken(), "CLOUDFLARE_BASE_URL", sandbox.baseUrl());

      Result revoked =
          java(env, leaked.value() + "\n", "tokens", "revoke-leaked", "--account-id", ACCOUNT);
      Result again =
          java(env, leaked.value() + "\n", "tokens", "revoke-leaked", "--account-id", ACCOUNT);
      Result listed = java(env, "", "tokens", "list", "--account-id", ACCOUNT);

      assertThat(revoked.exit()).isZero();
      assertThat(revoked.out()).isEqualTo("token " + leaked.id() + ": revoked (account-owned)\n");
      assertThat(again.exit()).isZero();
      assertThat(again.out()).startsWith("not accepted by Cloudflare (already revoked");
      assertThat(listed.exit()).isZero();
      assertThat(listed.out()).startsWith(kept.id() + "\t").doesNotContain(leaked.id());
      for (Result result : java.util.List.of(revoked, again, listed)) {
        assertThat(result.out() + result.err())
            .doesNotContain(leaked.value())
            .doesNotContain(sandbox.apiToken());
      }
    }
  }

  @Test
  void deleteReadsIdsFromStdinAndEndsWithASummary() throws Exception {
    try (CloudflareSandbox sandbox = CloudflareSandbox.start()) {
      String first = sandbox.createToken(ACCOUNT);
      String second = sandbox.createToken(ACCOUNT);
      java.util.Map<String, String> env =
          java.util.Map.of(
              "CLOUDFLARE_API_TOKEN", sandbox.apiToken(), "CLOUDFLARE_BASE_URL", sandbox.baseUrl());

      Result deleted =
          java(env, first + "\n" + second + "\n", "tokens", "delete", "--account-id", ACCOUNT, "-");
      Result malformed = java(env, first + "\n", "tokens", "delete", "--account-id", "x", "-");

      assertThat(deleted.exit()).isZero();
      assertThat(deleted.out())
          .isEqualTo("token " + first + ": deleted\ntoken " + second + ": deleted\n");
      // Not a terminal: no progress, only the summary.
      assertThat(deleted.err()).isEqualTo("summary: 2 tokens: 2 deleted\n");
      assertThat(malformed.exit()).isEqualTo(2);
      assertThat(malformed.err()).startsWith("error: --account-id: ");
      assertThat(sandbox.tokenIds(ACCOUNT)).isEmpty();
    }
  }
}
