package dev.cloudflare4j.bench;

import com.sun.management.ThreadMXBean;
import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Warm delete time and allocation measured the way an independent harness did (issue "Performance,
 * measured honestly"), which is stricter than the JMH benchmark: every side runs in <em>one</em>
 * JVM, so the JIT sees the raw OkHttp calls and ours through the same call sites (JMH forks a JVM
 * per benchmark, where each side's code is compiled for it alone), and the sides alternate in
 * rounds, so that drift in the machine falls on both. After {@value #WARMUP_ROUNDS} rounds of
 * warm-up, {@value #ROUNDS} rounds of {@value #CALLS} blocking deletes per side, the order of the
 * sides switching each round; the time ratio is the median of the per-round ratios, allocation is
 * counted on the calling thread.
 *
 * <p>Run alone: {@code java -cp target/test-classes:target/classes:<test classpath>
 * dev.cloudflare4j.bench.AlternatingDelete [raw|facade|generatedApi]}; with a side's name, that
 * side alone, for comparing one JVM per side (JMH's arrangement) with this one.
 */
final class AlternatingDelete {

  static final int WARMUP_ROUNDS = 5;
  static final int ROUNDS = 9;
  static final int CALLS = 4_000;

  /** One side's figures against the baseline's, from the same rounds. */
  record Result(
      String side,
      String baseline,
      double ratio,
      List<Double> roundRatios,
      double nanosPerCall,
      double baselineNanosPerCall,
      double bytesPerCall,
      double baselineBytesPerCall) {

    double allocationRatio() {
      return bytesPerCall / baselineBytesPerCall;
    }

    /** The ratio of the two sides' median rounds: the other way to read the same rounds. */
    double medianRoundRatio() {
      return nanosPerCall / baselineNanosPerCall;
    }

    /**
     * The greater of the two time ratios: on a noisy machine the median of per-round ratios and the
     * ratio of median rounds disagree (0.95× against 1.11× in one run), and the kinder one is not
     * reported alone.
     */
    double strictRatio() {
      return Math.max(ratio, medianRoundRatio());
    }
  }

  private AlternatingDelete() {}

  /**
   * Measures the facade and the generated interface against the hand-written Retrofit client (the
   * floor of this stack) and raw OkHttp, in one JVM: each side's result against the first, then
   * against the second.
   */
  static List<Result> run() throws Exception {
    long[][][] figures = rounds(List.of("raw", "retrofit", "facade", "generatedApi"));
    return List.of(
        result("facade", figures[2], "retrofit", figures[1]),
        result("generatedApi", figures[2 + 1], "retrofit", figures[1]),
        result("facade", figures[2], "raw", figures[0]),
        result("generatedApi", figures[2 + 1], "raw", figures[0]),
        result("retrofit", figures[1], "raw", figures[0]));
  }

  /**
   * The given sides ({@code raw}, {@code retrofit}, {@code facade}, {@code generatedApi}) warmed up
   * and measured in alternating rounds in this JVM: per side, its nanoseconds and bytes in each
   * round.
   */
  private static long[][][] rounds(List<String> names) throws Exception {
    try (CannedServer server = new CannedServer();
        CloudflareClient client = server.client();
        HandRetrofit retrofit = new HandRetrofit(server.baseUrl(), DeleteBenchmark.API_TOKEN)) {
      OkHttpClient okHttp = new OkHttpClient();
      try {
        TokenDeleteParams params =
            TokenDeleteParams.builder().accountId(DeleteBenchmark.ACCOUNT).build();
        AccountOwnedApiTokensApi api = client.api(AccountOwnedApiTokensApi.class);
        Map<String, Callable<?>> all =
            Map.of(
                "raw",
                () -> rawDelete(okHttp, server.baseUrl()),
                "retrofit",
                () -> retrofit.delete(DeleteBenchmark.ACCOUNT, DeleteBenchmark.TOKEN),
                "facade",
                () -> client.accounts().tokens().delete(DeleteBenchmark.TOKEN, params),
                "generatedApi",
                () ->
                    api.accountApiTokensDeleteToken(DeleteBenchmark.ACCOUNT, DeleteBenchmark.TOKEN)
                        .execute());
        List<Callable<?>> sides = new ArrayList<>();
        for (String name : names) {
          sides.add(Objects.requireNonNull(all.get(name), () -> "no side " + name));
        }
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
          for (Callable<?> side : sides) {
            measure(side);
          }
        }
        long[][][] figures = new long[sides.size()][2][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
          for (int i = 0; i < sides.size(); i++) {
            // Each round starts with another side, so no side always follows the same one.
            int side = (i + round) % sides.size();
            long[] measured = measure(sides.get(side));
            figures[side][0][round] = measured[0];
            figures[side][1][round] = measured[1];
          }
        }
        return figures;
      } finally {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
      }
    }
  }

  /** The raw side: the request built for this delete, the envelope parsed with JsonReader. */
  private static HandParse.Envelope rawDelete(OkHttpClient okHttp, String baseUrl)
      throws IOException {
    Request request = DeleteBenchmark.rawRequest(baseUrl);
    try (Response response = okHttp.newCall(request).execute()) {
      HandParse.Envelope envelope = HandParse.parse(response.body().source());
      if (!response.isSuccessful() || !envelope.success()) {
        throw new IOException("HTTP " + response.code());
      }
      return envelope;
    }
  }

  /** {@value #CALLS} calls: nanoseconds and bytes allocated on this thread, in all. */
  private static long[] measure(Callable<?> side) throws Exception {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    Object last = null;
    long bytesBefore = threads.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    for (int call = 0; call < CALLS; call++) {
      last = side.call();
    }
    long elapsed = System.nanoTime() - start;
    long allocated = threads.getThreadAllocatedBytes(thread) - bytesBefore;
    if (last == null) {
      throw new IllegalStateException("a delete answered nothing");
    }
    return new long[] {elapsed, allocated};
  }

  private static Result result(String name, long[][] figures, String baseName, long[][] base) {
    long[] nanos = figures[0];
    long[] bytes = figures[1];
    long[] baseNanos = base[0];
    long[] baseBytes = base[1];
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      ratios.add(nanos[round] / (double) baseNanos[round]);
    }
    List<Double> sorted = new ArrayList<>(ratios);
    sorted.sort(null);
    return new Result(
        name,
        baseName,
        sorted.get(ROUNDS / 2),
        List.copyOf(ratios),
        perCall(nanos),
        perCall(baseNanos),
        perCall(bytes),
        perCall(baseBytes));
  }

  /** The median round, per call. */
  private static double perCall(long[] rounds) {
    return BenchMain.median(rounds) / CALLS;
  }

  /**
   * With no argument, the sides against each other; with one side's name ({@code raw}, {@code
   * retrofit}, {@code facade}, {@code generatedApi}), that side alone in this JVM, as JMH measures
   * it in a fork of its own.
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 1) {
      long[][] alone = rounds(List.of(args[0]))[0];
      System.out.printf(
          "%s alone: %.1f µs, %.0f B per call%n",
          args[0], perCall(alone[0]) / 1e3, perCall(alone[1]));
      return;
    }
    for (Result result : run()) {
      List<String> rounds = new ArrayList<>();
      for (double ratio : result.roundRatios()) {
        rounds.add(String.format("%.2f", ratio));
      }
      System.out.printf(
          "%s against %s: %.2f× time (median of per-round ratios %.2f×, rounds %s; median rounds %.1f vs"
              + " %.1f µs), %.2f× bytes (%.0f vs %.0f B)%n",
          result.side(),
          result.baseline(),
          result.strictRatio(),
          result.ratio(),
          String.join(" ", rounds),
          result.nanosPerCall() / 1e3,
          result.baselineNanosPerCall() / 1e3,
          result.allocationRatio(),
          result.bytesPerCall(),
          result.baselineBytesPerCall());
    }
  }
}
