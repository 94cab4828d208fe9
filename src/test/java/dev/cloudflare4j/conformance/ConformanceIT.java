package dev.cloudflare4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.api.UserApiTokensApi;
import dev.cloudflare4j.conformance.ConformanceRunner.Outcome;
import dev.cloudflare4j.conformance.ConformanceRunner.Result;
import dev.cloudflare4j.internal.Operation;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance runner over every spec the build generates from, each served by its own Prism,
 * answering from the spec's examples and again generating answers from its schemas ({@code -d}).
 * Prism's executable is {@code PRISM_BIN} (.ci/run sets it); without it these are skipped, unless
 * {@code PRISM_REQUIRED} is set. Each run's results are written to {@code target/conformance/}.
 *
 * <p>No operation of any spec may fail: each must pass or be a fault of the spec or a limit of
 * Prism that the evidence shows ({@link ConformanceRunner.Kind}, listed in docs/generation.md with
 * each reason). The token operations the facade binds must pass, in both modes; an operation a user
 * adds to {@code openapi/} is held to the rule of every other.
 */
class ConformanceIT {

  static Stream<Arguments> specs() {
    List<Arguments> all = new ArrayList<>();
    // mvn verify -Pconformance -Dconformance.spec=...: that spec alone, as SpecTool prepared it
    // (docs/generation.md, "Conformance").
    String other = System.getProperty("conformance.prepared");
    if (other != null) {
      for (boolean dynamic : new boolean[] {false, true}) {
        all.add(Arguments.of("conformance", other, "speccheck.conformance.api", dynamic));
      }
      return all.stream();
    }
    for (boolean dynamic : new boolean[] {false, true}) {
      all.add(
          Arguments.of(
              "openapi", "target/openapi/cloudflare.json", "dev.cloudflare4j.api", dynamic));
      for (String input : List.of("api-tokens", "user", "radar", "zones")) {
        all.add(
            Arguments.of(
                input,
                "target/spec-check/" + input + ".json",
                "speccheck." + input.replace("-", "") + ".api",
                dynamic));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, dynamic={3}")
  @MethodSource("specs")
  // Past the suite's 30 s default: the zones input alone is 508 calls through one Prism.
  @org.junit.jupiter.api.Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyOperationIsCalledAgainstPrismServingItsSpec(
      String name, String spec, String apiPackage, boolean dynamic) throws Exception {
    String prism = System.getenv("PRISM_BIN");
    if (prism == null) {
      assertThat(System.getenv("PRISM_REQUIRED"))
          .as("PRISM_REQUIRED is set but PRISM_BIN is not: .ci/run gives it")
          .isNull();
      org.junit.jupiter.api.Assumptions.abort("no Prism (PRISM_BIN): conformance skipped");
    }
    ConformanceRunner runner = new ConformanceRunner(Path.of(spec));
    Set<String> tokenOperations = new HashSet<>();
    if (name.equals("openapi")) {
      for (Class<?> api : List.of(AccountOwnedApiTokensApi.class, UserApiTokensApi.class)) {
        for (Method method : api.getMethods()) {
          if (method.isAnnotationPresent(Operation.class)) {
            tokenOperations.add(method.getAnnotation(Operation.class).id());
          }
        }
      }
    }
    String run = name + (dynamic ? "-dynamic" : "-static");
    Path served = Path.of("target/conformance/" + run + ".prism.json");
    List<String> adjustments = PrismCopy.write(Path.of(spec), served);
    int port = freePort();
    List<String> command =
        new ArrayList<>(List.of(prism, "mock", "-h", "127.0.0.1", "-p", "" + port));
    if (dynamic) {
      // A fixed seed: the answers Prism generates are the same run to run.
      command.addAll(List.of("-d", "--seed", "cloudflare4j"));
    }
    command.add(served.toString());
    Path log = Path.of("target/conformance/" + run + ".prism.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      awaitPort(process, port, log);
      List<Result> results;
      OkHttpClient http =
          new OkHttpClient.Builder().addNetworkInterceptor(runner.recorder()).build();
      try (CloudflareClient client =
          CloudflareClient.builder()
              .baseUrl("http://127.0.0.1:" + port)
              .apiToken("cfat_ConformanceRunnerToken0000000000000000000000000000")
              .apiEmail("conformance@example.com")
              .apiKey("c2547eb745079dac9320b638f5e225cf483cc5cfdda41")
              .userServiceKey("v1.0-conformance-service-key")
              .okHttpClient(http)
              .maxRetries(0)
              .build()) {
        results = runner.run(client, apiPackage, dynamic);
      } finally {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
      }
      String report =
          ConformanceRunner.report(name + (dynamic ? " (dynamic)" : " (examples)"), results)
              + "\nPrism served a copy adjusted where it misreads OpenAPI: "
              + adjustments
              + "\n";
      Files.writeString(
          Path.of("target/conformance/" + run + ".txt"), report, StandardCharsets.UTF_8);
      System.out.print(report.substring(0, report.indexOf('\n') + 1));
      assertThat(results).hasSize(runner.operationCount());
      assertThat(results)
          .as(report)
          .allMatch(r -> r.outcome() != Outcome.FAILED)
          .allMatch(
              r -> r.outcome() == Outcome.PASSED || !tokenOperations.contains(r.operationId()));
      assertThat(results.stream().map(Result::operationId))
          .as("the token operations are in the spec of openapi/")
          .containsAll(tokenOperations);
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Waits until Prism accepts connections (at most two minutes), or fails with its log. */
  private static void awaitPort(Process process, int port, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException("Prism exited: " + Files.readString(log));
        }
        // Polls the port Prism opens when it is ready: what it waits for is the socket.
        process.waitFor(200, TimeUnit.MILLISECONDS);
      }
    }
    throw new IllegalStateException(
        "Prism did not open port " + port + ": " + Files.readString(log));
  }
}
