package dev.cloudflare4j.bench;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.sandbox.CloudflareSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Bulk revocation under a rate budget: the sandbox admits {@value #BUDGET} requests per {@link
 * #WINDOW} and answers 429 with {@code Retry-After} beyond it, as Cloudflare does (scaled down from
 * 1,200 per 5 minutes). {@value #TOKENS} tokens are revoked at once with {@code deleteAsync}, by a
 * client with Cloudflare's default retries, with and without the same budget as its own {@code
 * rateLimit}. The floor is what the budget allows at best: the last of the requests can start
 * {@code (ceil(TOKENS / BUDGET) - 1)} windows after the first. Wall-clock time from the first call
 * to the last answer, as a ratio to that floor, and the deletes that failed.
 *
 * <p>Each run first revokes {@value #BUDGET} other tokens with another client, before the sandbox
 * limits anything, as a JMH warm-up would: in a fresh JVM the first request is answered about 0.45
 * s after the call (class loading, JIT, connections), and that one-off start-up, measured by the
 * cold-start rows, would otherwise shift the whole schedule and read as 5% of pacing cost. What
 * stays in the figure: each slot's chain of answer latencies (a slot is free a window after its
 * answer) and the time the sandbox takes to answer the last window's burst.
 */
final class PacedRevocation {

  static final int TOKENS = 500;
  static final int BUDGET = 100;
  static final Duration WINDOW = Duration.ofSeconds(2);
  static final String ACCOUNT = DeleteBenchmark.ACCOUNT;

  /** What one run gave: how long it took, and how many deletes failed. */
  record Result(Duration elapsed, int failed, long refused) {}

  private PacedRevocation() {}

  /** The least time the budget allows for every request to start. */
  static Duration floor() {
    return floor(TOKENS, BUDGET, WINDOW);
  }

  static Duration floor(int tokens, int budget, Duration window) {
    long windows = ((long) tokens + budget - 1) / budget - 1;
    return window.multipliedBy(windows);
  }

  static Result run(boolean paced) {
    return run(paced, TOKENS, BUDGET, WINDOW);
  }

  /**
   * One run: {@code tokens} revoked under a sandbox budget of {@code budget} per {@code window}.
   */
  static Result run(boolean paced, int tokens, int budget, Duration window) {
    try (CloudflareSandbox sandbox = CloudflareSandbox.start()) {
      List<String> ids = createTokens(sandbox, tokens);
      warmUp(sandbox, budget);
      sandbox.rateLimit(budget, window);
      CloudflareClient.Builder builder =
          CloudflareClient.builder().apiToken(sandbox.apiToken()).baseUrl(sandbox.baseUrl());
      if (paced) {
        builder.rateLimit(budget, window);
      }
      try (CloudflareClient client = builder.build()) {
        long start = System.nanoTime();
        int failed = revoke(client, ids);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (sandbox.tokenIds(ACCOUNT).size() != failed) {
          throw new IllegalStateException(
              "the sandbox holds "
                  + sandbox.tokenIds(ACCOUNT).size()
                  + " tokens, "
                  + failed
                  + " deletes failed");
        }
        long refused = sandbox.requests().stream().filter(r -> r.status() == 429).count();
        return new Result(elapsed, failed, refused);
      }
    }
  }

  /** Revokes {@code count} tokens at once, with a client of its own, before the limit is set. */
  private static void warmUp(CloudflareSandbox sandbox, int count) {
    try (CloudflareClient client =
        CloudflareClient.builder()
            .apiToken(sandbox.apiToken())
            .baseUrl(sandbox.baseUrl())
            .build()) {
      int failed = revoke(client, createTokens(sandbox, count));
      if (failed > 0) {
        throw new IllegalStateException(failed + " deletes of the warm-up failed");
      }
    }
  }

  private static List<String> createTokens(CloudflareSandbox sandbox, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(sandbox.createToken(ACCOUNT));
    }
    return ids;
  }

  /** Deletes every token at once with {@code deleteAsync}; how many deletes failed. */
  private static int revoke(CloudflareClient client, List<String> ids) {
    TokenDeleteParams params = TokenDeleteParams.builder().accountId(ACCOUNT).build();
    List<CompletableFuture<?>> futures = new ArrayList<>();
    for (String id : ids) {
      futures.add(client.accounts().tokens().deleteAsync(id, params));
    }
    int failed = 0;
    for (CompletableFuture<?> future : futures) {
      try {
        future.join();
      } catch (CompletionException e) {
        failed++;
      }
    }
    return failed;
  }

  /**
   * Runs both, for a look without the rest of the bench; {@code TOKENS BUDGET WINDOW_SECONDS} as
   * arguments give another scale.
   */
  public static void main(String[] args) {
    int tokens = args.length == 3 ? Integer.parseInt(args[0]) : TOKENS;
    int budget = args.length == 3 ? Integer.parseInt(args[1]) : BUDGET;
    Duration window = args.length == 3 ? Duration.ofSeconds(Long.parseLong(args[2])) : WINDOW;
    Duration floor = floor(tokens, budget, window);
    for (boolean paced : new boolean[] {true, true, true, false}) {
      Result result = run(paced, tokens, budget, window);
      System.out.printf(
          "%s: %d ms (floor %d ms, %.3f×), %d failed, %d answered 429%n",
          paced ? "paced" : "unpaced",
          result.elapsed().toMillis(),
          floor.toMillis(),
          result.elapsed().toNanos() / (double) floor.toNanos(),
          result.failed(),
          result.refused());
    }
  }
}
