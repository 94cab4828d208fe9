package dev.cloudflare4j.bench;

import dev.cloudflare4j.CloudflareClient;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Bulk revocation measured as {@link AlternatingDelete} measures the warm delete: raw OkHttp {@code
 * enqueue} and the client's {@code deleteAsync} in <em>one</em> JVM, alternating in rounds of
 * {@value BulkBenchmark#COUNT} deletes with {@value BulkBenchmark#IN_FLIGHT} in flight, the order
 * switching each round. The JMH row compares one fork per side, and its error bars on this machine
 * are wider than the figure. Throughput ratio: the lesser of the median of per-round ratios and the
 * ratio of the median rounds.
 *
 * <p>Run alone: {@code java -cp target/test-classes:target/classes:<test classpath>
 * dev.cloudflare4j.bench.AlternatingBulk}.
 */
final class AlternatingBulk {

  static final int WARMUP_ROUNDS = 3;
  static final int ROUNDS = 9;

  /**
   * The figures: deletes per second in the median round of each side, and the strict ratio.
   *
   * @param ratio the lesser of the two readings of the same rounds
   */
  record Result(
      double deletesPerSecond,
      double baselineDeletesPerSecond,
      double ratio,
      List<Double> roundRatios) {}

  private AlternatingBulk() {}

  static Result run() throws Exception {
    try (CannedServer server = new CannedServer();
        CloudflareClient client = server.client()) {
      OkHttpClient okHttp = Bulk.okHttp(BulkBenchmark.IN_FLIGHT);
      try {
        Round oursSide = () -> Bulk.ours(client, BulkBenchmark.COUNT, BulkBenchmark.IN_FLIGHT);
        Round rawSide =
            () -> Bulk.raw(okHttp, server.baseUrl(), BulkBenchmark.COUNT, BulkBenchmark.IN_FLIGHT);
        long[] ours = new long[ROUNDS];
        long[] raw = new long[ROUNDS];
        for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
          // Each round starts with the other side than the round before.
          boolean rawFirst = (round & 1) == 0;
          long first = time(rawFirst ? rawSide : oursSide);
          long second = time(rawFirst ? oursSide : rawSide);
          if (round >= 0) {
            raw[round] = rawFirst ? first : second;
            ours[round] = rawFirst ? second : first;
          }
        }
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
          // Throughput ratio: the baseline's time over ours.
          ratios.add(raw[round] / (double) ours[round]);
        }
        List<Double> sorted = new ArrayList<>(ratios);
        sorted.sort(null);
        double oursRate = rate(BenchMain.median(ours));
        double rawRate = rate(BenchMain.median(raw));
        double ratio = Math.min(sorted.get(ROUNDS / 2), oursRate / rawRate);
        return new Result(oursRate, rawRate, ratio, List.copyOf(ratios));
      } finally {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
      }
    }
  }

  /** Runs one side's round; fails unless every delete succeeded. */
  private static long time(Round round) throws InterruptedException {
    long start = System.nanoTime();
    int ok = round.run();
    long elapsed = System.nanoTime() - start;
    if (ok != BulkBenchmark.COUNT) {
      throw new IllegalStateException(ok + " of " + BulkBenchmark.COUNT + " deletes succeeded");
    }
    return elapsed;
  }

  private static double rate(double nanos) {
    return BulkBenchmark.COUNT / (nanos / 1e9);
  }

  @FunctionalInterface
  private interface Round {
    int run() throws InterruptedException;
  }

  public static void main(String[] args) throws Exception {
    Result result = run();
    List<String> rounds = new ArrayList<>();
    for (double ratio : result.roundRatios()) {
      rounds.add(String.format("%.2f", ratio));
    }
    System.out.printf(
        "bulk: %.2f× throughput (rounds %s; median rounds %.0f vs %.0f deletes/s)%n",
        result.ratio(),
        String.join(" ", rounds),
        result.deletesPerSecond(),
        result.baselineDeletesPerSecond());
  }
}
