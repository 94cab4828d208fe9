package dev.cloudflare4j.bench;

import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.sandbox.CloudflareSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bulk revocation under Cloudflare's rate limit, scaled down from 1,200 per 5 minutes: the sandbox
 * admits {@value #BUDGET} requests per {@link #WINDOW} for the user, says what remains on every
 * answer ({@code Ratelimit}), and blocks the user for a window once that is exceeded. {@value
 * #TOKENS} tokens are revoked at once with {@code deleteAsync}, by a client with the default
 * retries, in one of the {@link Mode}s. In the shared modes another client of the same user spends
 * {@value #SHARED_PERCENT}% of every window, at a steady rate, from the start. The floor is what
 * the quota left to ours allows at best: the last request can start {@code (ceil(TOKENS / left) -
 * 1)} windows after the first. Wall-clock time from the first call to the last answer, as a ratio
 * to that floor, the deletes that failed and the answers 429.
 *
 * <p>Each run first revokes {@value #BUDGET} other tokens with another client, before the sandbox
 * limits anything, as a JMH warm-up would: in a fresh JVM the first request is answered about 0.45
 * s after the call (class loading, JIT, connections), and that one-off start-up, measured by the
 * cold-start rows, would otherwise shift the whole schedule and read as 5% of pacing cost.
 */
final class PacedRevocation {

  static final int TOKENS = 500;
  static final int BUDGET = 100;
  static final Duration WINDOW = Duration.ofSeconds(2);
  static final int SHARED_PERCENT = 30;
  static final String ACCOUNT = DeleteBenchmark.ACCOUNT;
  private static final int ACCOUNT_QUOTA = 500;
  // The warm-up's tokens: another account, as the sandbox holds at most 500 per account.
  private static final String WARM_UP_ACCOUNT = "123e105f4ecef8ad9ca31a8372d0c353";

  /** How the revoking client is set up, and whether another client shares the quota. */
  enum Mode {
    /** The default client, paced by the headers alone; another client spends its share. */
    SHARED_HEADERS(true, false, true, false),
    /**
     * The command line's {@code tokens delete} with its defaults (the headers' pacing, and its
     * {@code --rate-limit 1200/300}), one token after another; another client spends its share.
     */
    SHARED_CLI(true, false, true, true),
    /** The same as the default client's, with header pacing off: what it avoids. */
    SHARED_UNPACED(true, false, false, false),
    /** The quota to ourselves, paced by the headers. */
    HEADERS(false, false, true, false),
    /** The quota to ourselves, paced by the client's own budget ({@code rateLimit}) alone. */
    BUDGET(false, true, false, false),
    /** The quota to ourselves, no pacing of any kind. */
    UNPACED(false, false, false, false);

    final boolean shared;
    final boolean budget;
    final boolean headers;
    final boolean cli;

    Mode(boolean shared, boolean budget, boolean headers, boolean cli) {
      this.shared = shared;
      this.budget = budget;
      this.headers = headers;
      this.cli = cli;
    }
  }

  /** What one run gave: how long it took, how many deletes failed, how many answers were 429. */
  record Result(Duration elapsed, int failed, long refused) {}

  private PacedRevocation() {}

  /** The least time the quota left to the revoking client allows for every request to start. */
  static Duration floor(Mode mode) {
    return floor(TOKENS, left(BUDGET, mode), WINDOW);
  }

  static Duration floor(int tokens, int perWindow, Duration window) {
    long windows = ((long) tokens + perWindow - 1) / perWindow - 1;
    return window.multipliedBy(windows);
  }

  /** What the other client leaves of each window's quota. */
  static int left(int budget, Mode mode) {
    return mode.shared ? budget - budget * SHARED_PERCENT / 100 : budget;
  }

  static Result run(Mode mode) {
    return run(mode, TOKENS, BUDGET, WINDOW);
  }

  /** One run: {@code tokens} revoked under a sandbox quota of {@code budget} per {@code window}. */
  static Result run(Mode mode, int tokens, int budget, Duration window) {
    try (CloudflareSandbox sandbox = CloudflareSandbox.start()) {
      warmUp(sandbox, budget);
      List<Token> ids = createTokens(sandbox, ACCOUNT, tokens);
      CloudflareClient.Builder builder =
          CloudflareClient.builder()
              .apiToken(sandbox.apiToken())
              .baseUrl(sandbox.baseUrl())
              .paceByServerHeaders(mode.headers)
              .maxServerWait(window.multipliedBy(2));
      if (mode.budget) {
        builder.rateLimit(budget, window);
      }
      ScheduledExecutorService elsewhere = Executors.newSingleThreadScheduledExecutor();
      try (CloudflareClient client = builder.build()) {
        sandbox.rateLimit(budget, window);
        if (mode.shared) {
          // The other client's share, spent evenly through every window.
          int share = budget - left(budget, mode);
          long every = window.toNanos() / share;
          ScheduledFuture<?> unused =
              elsewhere.scheduleAtFixedRate(
                  () -> sandbox.spendElsewhere(1), 0, every, TimeUnit.NANOSECONDS);
        }
        long start = System.nanoTime();
        int failed =
            mode.cli ? revokeWithTheCli(sandbox, ids, window.multipliedBy(2)) : revoke(client, ids);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (held(sandbox, ids) != failed) {
          throw new IllegalStateException(
              "the sandbox holds " + held(sandbox, ids) + " tokens, " + failed + " deletes failed");
        }
        long refused = sandbox.requests().stream().filter(r -> r.status() == 429).count();
        return new Result(elapsed, failed, refused);
      } finally {
        elsewhere.shutdownNow();
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
      int failed = revoke(client, createTokens(sandbox, WARM_UP_ACCOUNT, count));
      if (failed > 0) {
        throw new IllegalStateException(failed + " deletes of the warm-up failed");
      }
    }
  }

  /** A token to revoke, and its account. */
  record Token(String account, String id) {}

  /**
   * Creates {@code count} tokens, 500 to an account (Cloudflare's quota): in {@code account}, then
   * in accounts named after it.
   */
  private static List<Token> createTokens(CloudflareSandbox sandbox, String account, int count) {
    List<Token> tokens = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String owner = accountFor(account, i / ACCOUNT_QUOTA);
      tokens.add(new Token(owner, sandbox.createToken(owner)));
    }
    return tokens;
  }

  /** The n-th account of a run: {@code account} itself, then its name with a counter at its end. */
  private static String accountFor(String account, int n) {
    return n == 0 ? account : account.substring(0, 28) + String.format("%04x", n);
  }

  /** Tokens the sandbox still holds, of the accounts the run's tokens are in. */
  private static int held(CloudflareSandbox sandbox, List<Token> tokens) {
    return (int)
        tokens.stream()
            .map(Token::account)
            .distinct()
            .mapToLong(account -> sandbox.tokenIds(account).size())
            .sum();
  }

  /** Deletes every token at once with {@code deleteAsync}; how many deletes failed. */
  private static int revoke(CloudflareClient client, List<Token> tokens) {
    List<CompletableFuture<?>> futures = new ArrayList<>();
    for (Token token : tokens) {
      futures.add(
          client
              .accounts()
              .tokens()
              .deleteAsync(
                  token.id(), TokenDeleteParams.builder().accountId(token.account()).build()));
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
   * Deletes the tokens with the command line's {@code tokens delete}, run in this JVM as a user
   * runs it (defaults, but the sandbox's address and a longest server wait of {@code
   * maxServerWait}), one run per account; how many deletes failed.
   */
  private static int revokeWithTheCli(
      CloudflareSandbox sandbox, List<Token> tokens, Duration maxServerWait) {
    java.util.Map<String, String> env =
        java.util.Map.of(
            "CLOUDFLARE_API_TOKEN", sandbox.apiToken(), "CLOUDFLARE_BASE_URL", sandbox.baseUrl());
    java.util.Map<String, List<String>> byAccount = new java.util.LinkedHashMap<>();
    for (Token token : tokens) {
      byAccount.computeIfAbsent(token.account(), a -> new ArrayList<>()).add(token.id());
    }
    java.io.PrintStream discard = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    int failed = 0;
    for (java.util.Map.Entry<String, List<String>> account : byAccount.entrySet()) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "tokens",
                  "delete",
                  "--max-server-wait",
                  Long.toString(maxServerWait.toSeconds()),
                  "--account-id",
                  account.getKey()));
      args.addAll(account.getValue());
      int exit =
          dev.cloudflare4j.cli.Main.run(args.toArray(new String[0]), env::get, discard, discard);
      if (exit != 0) {
        failed += sandbox.tokenIds(account.getKey()).size();
      }
    }
    return failed;
  }

  /**
   * Runs every mode, for a look without the rest of the bench; {@code TOKENS BUDGET WINDOW_MILLIS}
   * as arguments give another scale, and mode names after them run only those modes.
   */
  public static void main(String[] args) {
    boolean scaled = args.length >= 3;
    int tokens = scaled ? Integer.parseInt(args[0]) : TOKENS;
    int budget = scaled ? Integer.parseInt(args[1]) : BUDGET;
    Duration window = scaled ? Duration.ofMillis(Long.parseLong(args[2])) : WINDOW;
    List<Mode> modes = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      modes.add(Mode.valueOf(args[i]));
    }
    for (Mode mode : modes.isEmpty() ? List.of(Mode.values()) : modes) {
      Duration floor = floor(tokens, left(budget, mode), window);
      Result result = run(mode, tokens, budget, window);
      System.out.printf(
          "%s: %d ms (floor %d ms, %.3f×), %d failed, %d answered 429%n",
          mode,
          result.elapsed().toMillis(),
          floor.toMillis(),
          result.elapsed().toNanos() / (double) floor.toNanos(),
          result.failed(),
          result.refused());
    }
  }
}
