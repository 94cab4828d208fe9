package dev.cloudflare4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.conformance.ConformanceRunner.Outcome;
import dev.cloudflare4j.conformance.ConformanceRunner.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance runner over every spec the build generates from, each served by its own Prism,
 * answering from the spec's examples and again generating answers from its schemas ({@code -d}).
 * Prism's executable is {@code PRISM_BIN} (.ci/run sets it); without it these are skipped, unless
 * {@code PRISM_REQUIRED} is set. Each run's results are written to {@code target/conformance/}.
 *
 * <p>The spec of {@code openapi/} (what the library binds) must pass whole, in both modes. The test
 * inputs are run and reported (counts per outcome, and each operation that did not pass with why),
 * not yet held to a bar: classifying their spec faults is the next step of this work.
 */
class ConformanceIT {

  static Stream<Arguments> specs() {
    List<Arguments> all = new ArrayList<>();
    for (boolean dynamic : new boolean[] {false, true}) {
      all.add(
          Arguments.of(
              "openapi", "target/openapi/cloudflare.json", "dev.cloudflare4j.api", dynamic, true));
      for (String input : List.of("api-tokens", "user", "radar", "zones")) {
        all.add(
            Arguments.of(
                input,
                "target/spec-check/" + input + ".json",
                "speccheck." + input.replace("-", "") + ".api",
                dynamic,
                false));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, dynamic={3}")
  @MethodSource("specs")
  // Past the suite's 30 s default: the zones input alone is 508 calls through one Prism.
  @org.junit.jupiter.api.Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyOperationIsCalledAgainstPrismServingItsSpec(
      String name, String spec, String apiPackage, boolean dynamic, boolean mustPass)
      throws Exception {
    String prism = System.getenv("PRISM_BIN");
    if (prism == null) {
      assertThat(System.getenv("PRISM_REQUIRED"))
          .as("PRISM_REQUIRED is set but PRISM_BIN is not: .ci/run gives it")
          .isNull();
      org.junit.jupiter.api.Assumptions.abort("no Prism (PRISM_BIN): conformance skipped");
    }
    ConformanceRunner runner = new ConformanceRunner(Path.of(spec));
    int port = freePort();
    List<String> command =
        new ArrayList<>(List.of(prism, "mock", "-h", "127.0.0.1", "-p", "" + port));
    if (dynamic) {
      command.add("-d");
    }
    command.add(spec);
    Path log =
        Path.of("target/conformance/" + name + (dynamic ? "-dynamic" : "-static") + ".prism.log");
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      awaitPort(process, port, log);
      List<Result> results;
      try (CloudflareClient client =
          CloudflareClient.builder()
              .baseUrl("http://127.0.0.1:" + port)
              .apiToken("cfat_ConformanceRunnerToken0000000000000000000000000000")
              .apiEmail("conformance@example.com")
              .apiKey("c2547eb745079dac9320b638f5e225cf483cc5cfdda41")
              .userServiceKey("v1.0-conformance-service-key")
              .maxRetries(0)
              .build()) {
        results = runner.run(client, apiPackage);
      }
      Map<Outcome, Long> counts = ConformanceRunner.counts(results);
      StringBuilder report = new StringBuilder();
      report
          .append(name)
          .append(dynamic ? " (dynamic)" : " (examples)")
          .append(": ")
          .append(counts)
          .append('\n');
      for (Result result : results) {
        if (result.outcome() != Outcome.PASSED) {
          report
              .append(result.outcome())
              .append(' ')
              .append(result.operationId())
              .append(": ")
              .append(result.why())
              .append('\n');
        }
      }
      Files.writeString(
          Path.of("target/conformance/" + name + (dynamic ? "-dynamic" : "-static") + ".txt"),
          report,
          StandardCharsets.UTF_8);
      System.out.println(name + (dynamic ? " (dynamic): " : " (examples): ") + counts);
      assertThat(results).hasSize(runner.operationCount());
      if (mustPass) {
        assertThat(results).as(report.toString()).allMatch(r -> r.outcome() == Outcome.PASSED);
      } else {
        // Not yet held to all: at least as many as passed when this runner landed, so that a
        // change that breaks operations of the test inputs fails (answers from examples are the
        // same each run; generated ones are drawn at random, so their floor is lower).
        assertThat(counts.get(Outcome.PASSED))
            .as(report.toString())
            .isGreaterThanOrEqualTo(floor(name, dynamic));
      }
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** The passes each test input had when the runner landed (examples), or a floor below (-d). */
  private static long floor(String input, boolean dynamic) {
    return switch (input) {
      case "api-tokens" -> 11;
      case "user" -> dynamic ? 15 : 41;
      case "radar" -> dynamic ? 50 : 164;
      case "zones" -> dynamic ? 150 : 394;
      default -> throw new IllegalArgumentException(input);
    };
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
