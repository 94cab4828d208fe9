package dev.cloudflare4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/**
 * The pacing by the server's headers on its own, on a clock that moves only when told: each grant
 * and each wait to the nanosecond. {@link ServerRateLimitTest} shows the same rules on the wire.
 */
class ServerQuotaTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  private static final Duration POLL = ServerQuota.FIRST_ANSWER_POLL;

  // Below zero, as System.nanoTime() may be: its origin is arbitrary.
  private final AtomicLong now = new AtomicLong(-100 * SECOND);
  private final ServerQuota quota =
      new ServerQuota(now::get, Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));

  private static Headers limit(int remaining, int reset, int max, int window) {
    return Headers.of(
        "Ratelimit", "\"default\";r=" + remaining + ";t=" + reset,
        "Ratelimit-Policy", "\"default\";q=" + max + ";w=" + window);
  }

  private void advance(long nanos) {
    now.addAndGet(nanos);
  }

  private static void granted(ServerQuota.Pass pass, long seq) {
    assertThat(pass).isEqualTo(new ServerQuota.Pass(seq, Duration.ZERO));
    assertThat(pass.granted()).isTrue();
  }

  private static void told(ServerQuota.Pass pass, Duration wait) {
    assertThat(pass).isEqualTo(new ServerQuota.Pass(0, wait));
    assertThat(pass.granted()).isFalse();
  }

  /** The first request, granted and answered with these headers. */
  private void firstAnswered(Headers headers) {
    granted(quota.take(false), 1);
    quota.answered(1, headers);
  }

  @Test
  void beforeTheFirstAnswerOneRequestGoesAndTheOthersQueueBehindIt() {
    granted(quota.take(false), 1);
    told(quota.take(false), POLL);
    told(quota.take(false), POLL.multipliedBy(2)); // behind the first waiter

    advance(POLL.toNanos());
    told(quota.take(true), POLL); // the probe is still out
    quota.ended(1); // it failed: another request may probe
    granted(quota.take(true), 2);
    told(quota.take(true), POLL); // and the last waits for that one
    quota.ended(1); // not the probe any more: nothing changes
    told(quota.take(true), POLL);
  }

  @Test
  void anAnswerWithoutTheHeadersLeavesEveryRequestUnpacedQueueOrNot() {
    granted(quota.take(false), 1);
    told(quota.take(false), POLL);

    quota.answered(1, Headers.of());

    granted(quota.take(false), 2); // ahead of the waiter: nothing is paced
    granted(quota.take(true), 3);
    granted(quota.take(false), 4);
  }

  @Test
  void theRequestsThatRemainAreSpreadUntilTheResetLessTheReserve() {
    // 9 remain of 10; one is the reserve: 8 to spread over 10 s, in 9 gaps.
    firstAnswered(limit(9, 10, 10, 10));

    told(quota.take(false), Duration.ofNanos(10 * SECOND / 9));
    // A second caller is placed behind the first, a gap later.
    told(quota.take(false), Duration.ofNanos(10 * SECOND / 9 + 10 * SECOND / 9));

    advance(10 * SECOND / 9);
    granted(quota.take(true), 2);
    // 7 left to spread over what remains of the window, from this grant.
    long left = 10 * SECOND - 10 * SECOND / 9;
    told(quota.take(true), Duration.ofNanos(left / 8));
  }

  @Test
  void aSpentQuotaWaitsForTheResetAndTheNextWindowStartsWhole() {
    // 1 remains: the reserve. Nothing goes before the reset, 10 s away.
    firstAnswered(limit(1, 10, 10, 10));

    told(quota.take(false), Duration.ofSeconds(10));
    // The next caller, a window's average spacing (10 s / 10) later.
    told(quota.take(false), Duration.ofSeconds(11));

    advance(10 * SECOND);
    granted(quota.take(true), 2); // the window reset: 9 of 10 may go
    // 8 left over the new window of 10 s, from this grant: 9 gaps.
    told(quota.take(true), Duration.ofNanos(10 * SECOND / 9));
  }

  @Test
  void requestsLetThroughSinceTheAnsweredOneCountAsSpent() {
    // 4 remain of 100 (the reserve is 2): two more may go.
    firstAnswered(limit(4, 10, 100, 10));
    advance(10 * SECOND / 3);
    granted(quota.take(false), 2);
    advance(10 * SECOND / 3);
    granted(quota.take(false), 3);

    // Answers to 2 and 3 have not come: both count against the 4.
    told(quota.take(false), Duration.ofNanos(10 * SECOND - 2 * (10 * SECOND / 3)));
  }

  @Test
  void aReadingOlderThanTheOneHeldIsIgnoredAndAFresherOneOnlyBringsTheResetEarlier() {
    firstAnswered(limit(50, 30, 100, 60));
    advance(SECOND);
    granted(quota.take(false), 2);
    advance(SECOND);
    granted(quota.take(false), 3);

    quota.answered(3, limit(40, 28, 100, 60));
    Duration held = quota.take(false).delay();
    quota.leave();
    // The answer to 2 came after the answer to 3, and says less: it is older.
    quota.answered(2, limit(39, 28, 100, 60));
    assertThat(quota.take(false).delay()).isEqualTo(held);
    quota.leave();

    // A fresher reading with a later reset does not push the reset back: 2 s gone, 28 left.
    quota.answered(3, limit(40, 29, 100, 60));
    assertThat(quota.take(false).delay()).isEqualTo(held);
    quota.leave();
    // 38 requests available until the reset, 28 s away: 39 gaps.
    assertThat(held).isEqualTo(Duration.ofNanos(28 * SECOND / 39));
  }

  @Test
  void aReadingWithMoreRemainingIsANewWindow() {
    firstAnswered(limit(3, 2, 100, 60));
    told(quota.take(false), Duration.ofNanos(2 * SECOND / 2));
    quota.leave();

    // More than before: the window reset; its own reset time replaces the older one.
    quota.answered(1, limit(90, 60, 100, 60));

    told(quota.take(false), Duration.ofNanos(60 * SECOND / 89));
  }

  @Test
  void a429sWaitHoldsEveryRequestAndALongOneIsCutToADay() {
    firstAnswered(Headers.of());
    quota.block(Duration.ofSeconds(5));

    told(quota.take(false), Duration.ofSeconds(5));
    // Unpaced otherwise: the callers behind it go when it ends, not one by one.
    told(quota.take(false), Duration.ofSeconds(5));
    advance(5 * SECOND);
    granted(quota.take(false), 2); // at its very end, ahead of those waiting: nothing is paced
    granted(quota.take(true), 3);
    granted(quota.take(true), 4);

    quota.block(Duration.ofDays(400));
    told(quota.take(false), Duration.ofDays(1));
    // A shorter wait does not end a longer one.
    quota.block(Duration.ofSeconds(1));
    told(quota.take(true), Duration.ofDays(1));
  }

  @Test
  void whenA429sWaitEndsTheQuotaStillRules() {
    // Spent until the reset, 10 s away; a 429 asks for 3 s.
    firstAnswered(limit(1, 10, 10, 10));
    quota.block(Duration.ofSeconds(3));
    told(quota.take(false), Duration.ofSeconds(3));

    advance(3 * SECOND);
    told(quota.take(true), Duration.ofSeconds(7));
  }

  @Test
  void withAQuotaButNoResetASpentQuotaLetsOneRequestASecond() {
    firstAnswered(Headers.of("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "1"));

    told(quota.take(false), Duration.ofSeconds(1));
    advance(SECOND);
    granted(quota.take(true), 2);
    told(quota.take(false), Duration.ofSeconds(1));
  }

  @Test
  void withAQuotaLeftButNoResetRequestsGoAtOnce() {
    firstAnswered(Headers.of("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "5"));

    granted(quota.take(false), 2);
    granted(quota.take(false), 3);
  }

  @Test
  void aQuotaOfOneKeepsNoReserve() {
    firstAnswered(limit(1, 10, 1, 10));

    told(quota.take(false), Duration.ofNanos(10 * SECOND / 2));
  }

  @Test
  void aCallerThatLeavesTheQueueNoLongerDelaysTheNext() {
    firstAnswered(limit(1, 10, 10, 10));
    told(quota.take(false), Duration.ofSeconds(10));
    quota.leave();

    told(quota.take(false), Duration.ofSeconds(10));
  }
}
