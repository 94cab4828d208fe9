package dev.cloudflare4j;

import dev.cloudflare4j.errors.CloudflareException;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.errors.RateLimitException;
import dev.cloudflare4j.internal.Failures;
import dev.cloudflare4j.internal.Redaction;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs prepared calls with retries, synchronously or asynchronously, by one set of rules (see
 * {@link RetryPolicy}). Each attempt is a fresh OkHttp call with its own timeout; its answer goes
 * through the {@link ResponseHandler}. Each attempt's request carries what it sends (credential
 * scheme, extra headers) as its {@link OutgoingHeaders.Attempt} tag, which the client's interceptor
 * turns into headers after the caller's interceptors. Asynchronous calls never block a thread:
 * attempts are enqueued on OkHttp's dispatcher and waits are scheduled on the {@link RetryTimer};
 * cancelling the returned future cancels the attempt in flight. Logs one DEBUG line per attempt.
 */
final class CallExecutor {

  private static final Logger LOG = System.getLogger("dev.cloudflare4j");

  private final OkHttpClient http;
  private final ResponseHandler handler;
  private final RetryPolicy policy;
  private final RetryTimer timer;
  private final Pacer pacer;
  private final ServerQuota quota;
  private final Duration maxServerWait;
  private final Consumer<Wait> onWait;
  // What close() ends: the attempts of blocking calls in flight, and every asynchronous call.
  private final Set<Call> blockingInFlight = ConcurrentHashMap.newKeySet();
  private final Set<AsyncAttempts<?, ?>> asyncPending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Creates an executor sending through the given client, whose interceptors include the client's
   * {@link OutgoingHeaders}.
   *
   * @param pacer the client's request budget, or null for none
   * @param quota the pacing by the server's rate-limit headers, or null for none
   * @param maxServerWait the longest wait the server may ask for; past it the call fails at once
   * @param onWait told of every wait before it starts, or null
   */
  public CallExecutor(
      OkHttpClient http,
      ResponseHandler handler,
      RetryPolicy policy,
      RetryTimer timer,
      Pacer pacer,
      ServerQuota quota,
      Duration maxServerWait,
      Consumer<Wait> onWait) {
    this.http = http;
    this.handler = handler;
    this.policy = policy;
    this.timer = timer;
    this.pacer = pacer;
    this.quota = quota;
    this.maxServerWait = maxServerWait;
    this.onWait = onWait;
  }

  /** What one attempt came to. */
  private sealed interface Outcome<T> {}

  private record Done<T>(RawResponse<T> response) implements Outcome<T> {}

  private record Retry<T>(Duration delay, Wait.Reason reason) implements Outcome<T> {}

  private record Failed<T>(CloudflareException error) implements Outcome<T> {}

  /**
   * Ends every pending call, promptly: asynchronous ones complete exceptionally, attempts in flight
   * are cancelled, blocking callers waiting to retry fail when the timer wakes them, and nothing is
   * started or scheduled afterwards. Each fails with an {@link IllegalStateException}.
   */
  public void close() {
    closed = true;
    for (Call call : blockingInFlight) {
      call.cancel();
    }
    for (AsyncAttempts<?, ?> pending : asyncPending) {
      pending.abandon();
    }
  }

  private static IllegalStateException closedDuring(Request request) {
    return new IllegalStateException(
        "this CloudflareClient was closed while " + describe(request) + " was pending");
  }

  /**
   * Runs the call, retrying as the policy allows, and blocks until it is done.
   *
   * @throws CloudflareException the failure of the last attempt
   * @throws IllegalStateException if the client is closed before the call is done
   */
  public <T> RawResponse<T> execute(PreparedCall<T> call, CallOptions options) {
    int maxAttempts = options.maxRetries() + 1;
    Request request = call.request();
    OutgoingHeaders.Sends sends = sends(call, options);
    for (int attempt = 1; ; attempt++) {
      int slot = takeSlot(request, attempt);
      long pass;
      try {
        pass = takePass(request, attempt);
      } catch (RuntimeException e) {
        giveBack(slot);
        throw e;
      }
      Call attemptCall = newCall(request, options, sends);
      blockingInFlight.add(attemptCall);
      long start = System.nanoTime();
      Outcome<T> outcome;
      boolean answered = false;
      try (Response response = send(attemptCall)) {
        answered = true;
        answered(pass, response);
        outcome = judgeResponse(call, response, attempt, maxAttempts, start);
      } catch (IOException e) {
        if (closed) {
          throw closedDuring(attemptCall.request());
        }
        outcome = judgeFailure(attemptCall.request(), e, attempt, maxAttempts, start);
      } finally {
        blockingInFlight.remove(attemptCall);
        giveBack(slot);
        if (!answered) {
          ended(pass);
        }
      }
      if (outcome instanceof Done<T> done) {
        return done.response();
      }
      if (outcome instanceof Failed<T> failed) {
        throw failed.error();
      }
      Retry<T> retry = (Retry<T>) outcome;
      await(retry.delay(), request, attempt, retry.reason(), attempt + 1);
    }
  }

  /**
   * Waits (blocking) for a slot of the client's budget; -1 without one. A caller that stops waiting
   * (closed, interrupted) leaves the budget's queue.
   */
  private int takeSlot(Request request, int attempt) {
    if (pacer == null) {
      return -1;
    }
    boolean again = false;
    while (true) {
      Pacer.Turn turn = pacer.take(again);
      if (turn.granted()) {
        return turn.slot();
      }
      again = true;
      try {
        await(turn.delay(), request, attempt, Wait.Reason.CLIENT_BUDGET, attempt);
      } catch (RuntimeException e) {
        pacer.leave();
        throw e;
      }
    }
  }

  /**
   * Waits (blocking) until the server's quota lets a request go; 0 without pacing. A caller that
   * stops waiting (closed, interrupted) leaves the queue.
   */
  private long takePass(Request request, int attempt) {
    if (quota == null) {
      return 0;
    }
    boolean again = false;
    while (true) {
      ServerQuota.Pass pass = quota.take(again);
      if (pass.granted()) {
        return pass.seq();
      }
      logQuotaWait(request, pass.delay(), again);
      again = true;
      try {
        await(pass.delay(), request, attempt, Wait.Reason.SERVER_QUOTA, attempt);
      } catch (RuntimeException e) {
        quota.leave();
        throw e;
      }
    }
  }

  /** Logs at DEBUG that a request waits for the user's rate limit (its first wait only). */
  private static void logQuotaWait(Request request, Duration wait, boolean again) {
    if (!again && LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          describe(request)
              + " waits "
              + wait.toMillis()
              + " ms for the user's rate limit (Cloudflare's Ratelimit headers, or a 429's wait)");
    }
  }

  /** Tells the pacing what an answer said of the quota. */
  private void answered(long pass, Response response) {
    if (quota != null) {
      quota.answered(pass, response.headers());
    }
  }

  /** Tells the pacing that a request it let through got no answer. */
  private void ended(long pass) {
    if (quota != null && pass > 0) {
      quota.ended(pass);
    }
  }

  /** Gives a budget slot back once its attempt is over. */
  private void giveBack(int slot) {
    if (slot >= 0) {
      pacer.giveBack(slot);
    }
  }

  /** Tells the listener of a wait that is about to start, if there is one. */
  private void tell(Wait.Reason reason, Duration delay, Request request, int next) {
    if (onWait != null) {
      onWait.accept(new Wait(reason, delay, describe(request), next));
    }
  }

  /**
   * Waits before a blocking call's next attempt (its retry delay, or its turn in the budget).
   *
   * @param attempts the attempts made so far, for the exception
   * @param next the attempt that goes after the wait, for the listener
   * @throws IllegalStateException if the client is closed before or meanwhile
   * @throws CloudflareException if the thread is interrupted; its flag is kept
   */
  private void await(Duration delay, Request request, int attempts, Wait.Reason reason, int next) {
    if (closed) {
      throw closedDuring(request);
    }
    tell(reason, delay, request, next);
    try {
      timer.sleep(delay); // close() cuts the default timer's sleep short
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException cause = new InterruptedIOException("interrupted between attempts");
      throw Failures.build().io(describe(request) + " was interrupted", cause, attempts, false);
    }
    if (closed) {
      throw closedDuring(request);
    }
  }

  /** Sends one attempt of a blocking call; cancelled at once if the client closed meanwhile. */
  private Response send(Call attemptCall) throws IOException {
    if (closed) {
      attemptCall.cancel();
    }
    return attemptCall.execute();
  }

  /**
   * Starts the call, retrying as the policy allows; the future completes with the mapped value, or
   * exceptionally with the exception the synchronous call would throw (an {@link
   * IllegalStateException} if the client is closed first).
   */
  public <T, R> CompletableFuture<R> executeAsync(
      PreparedCall<T> call, CallOptions options, Function<RawResponse<T>, R> mapper) {
    AtomicReference<Call> inFlight = new AtomicReference<>();
    CompletableFuture<R> future =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            Call current = inFlight.get();
            if (cancelled && current != null) {
              current.cancel();
            }
            return cancelled;
          }
        };
    AsyncAttempts<T, R> attempts =
        new AsyncAttempts<>(call, sends(call, options), options, mapper, future, inFlight);
    asyncPending.add(attempts);
    // However it completes (done, failed, cancelled, abandoned), close() need not end it any more.
    CompletableFuture<R> unused =
        future.whenComplete((value, error) -> asyncPending.remove(attempts));
    attempts.start(1);
    return future;
  }

  private final class AsyncAttempts<T, R> {
    private final PreparedCall<T> call;
    private final OutgoingHeaders.Sends sends;
    private final CallOptions options;
    private final Function<RawResponse<T>, R> mapper;
    private final CompletableFuture<R> future;
    private final AtomicReference<Call> inFlight;

    AsyncAttempts(
        PreparedCall<T> call,
        OutgoingHeaders.Sends sends,
        CallOptions options,
        Function<RawResponse<T>, R> mapper,
        CompletableFuture<R> future,
        AtomicReference<Call> inFlight) {
      this.call = call;
      this.sends = sends;
      this.options = options;
      this.mapper = mapper;
      this.future = future;
      this.inFlight = inFlight;
    }

    /** Completes the future as closed, and cancels the attempt in flight, if any. */
    void abandon() {
      future.completeExceptionally(closedDuring(call.request()));
      Call current = inFlight.get();
      if (current != null) {
        current.cancel();
      }
    }

    /** Starts the attempt when the client's budget allows: now, or by the timer. */
    void start(int attempt) {
      ask(attempt, false);
    }

    /** Asks the budget for a slot: sends with it, or asks again after the wait it says. */
    private void ask(int attempt, boolean again) {
      if (closed || future.isDone()) {
        if (again) {
          pacer.leave();
        }
        if (closed) {
          abandon();
        }
        return;
      }
      if (pacer == null) {
        pass(attempt, -1, false);
        return;
      }
      Pacer.Turn turn = pacer.take(again);
      if (turn.granted()) {
        pass(attempt, turn.slot(), false);
      } else if (!later(
          () -> ask(attempt, true), turn.delay(), Wait.Reason.CLIENT_BUDGET, attempt)) {
        pacer.leave();
      }
    }

    /** Asks the server's quota for a pass: sends with it, or asks again after the wait it says. */
    private void pass(int attempt, int slot, boolean again) {
      if (quota == null) {
        send(attempt, slot, 0);
        return;
      }
      if (closed || future.isDone()) {
        if (again) {
          quota.leave();
        }
        giveBack(slot);
        if (closed) {
          abandon();
        }
        return;
      }
      ServerQuota.Pass pass = quota.take(again);
      if (pass.granted()) {
        send(attempt, slot, pass.seq());
        return;
      }
      logQuotaWait(call.request(), pass.delay(), again);
      if (!later(
          () -> pass(attempt, slot, true), pass.delay(), Wait.Reason.SERVER_QUOTA, attempt)) {
        quota.leave();
        giveBack(slot);
      }
    }

    /**
     * Runs the task after the wait; a failure to schedule, of the listener or of the task fails the
     * call.
     *
     * @param next the attempt that goes after the wait, for the listener
     * @return whether the task was scheduled
     */
    private boolean later(Runnable task, Duration wait, Wait.Reason reason, int next) {
      try {
        tell(reason, wait, call.request(), next);
        timer.schedule(
            () -> {
              try {
                task.run();
              } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
              }
            },
            wait);
        return true;
      } catch (RuntimeException e) {
        future.completeExceptionally(closed ? closedDuring(call.request()) : e);
        return false;
      }
    }

    private void send(int attempt, int slot, long pass) {
      if (closed) {
        giveBack(slot);
        ended(pass);
        abandon();
        return;
      }
      if (future.isDone()) {
        giveBack(slot);
        ended(pass);
        return;
      }
      Call attemptCall = newCall(call.request(), options, sends);
      inFlight.set(attemptCall);
      if (future.isDone()) {
        // Cancelled, or abandoned by close() since the check above.
        attemptCall.cancel();
        giveBack(slot);
        ended(pass);
        return;
      }
      int maxAttempts = options.maxRetries() + 1;
      long start = System.nanoTime();
      attemptCall.enqueue(
          new Callback() {
            @Override
            public void onResponse(Call c, Response response) {
              giveBack(slot);
              try (response) {
                answered(pass, response);
                settle(judgeResponse(call, response, attempt, maxAttempts, start), attempt);
              } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
              }
            }

            @Override
            public void onFailure(Call c, IOException e) {
              giveBack(slot);
              ended(pass);
              if (!future.isDone()) {
                settle(judgeFailure(c.request(), e, attempt, maxAttempts, start), attempt);
              }
            }
          });
    }

    private void settle(Outcome<T> outcome, int attempt) {
      if (outcome instanceof Done<T> done) {
        future.complete(mapper.apply(done.response()));
      } else if (outcome instanceof Failed<T> failed) {
        future.completeExceptionally(failed.error());
      } else if (closed) {
        abandon();
      } else {
        Retry<T> retry = (Retry<T>) outcome;
        boolean unused =
            later(() -> start(attempt + 1), retry.delay(), retry.reason(), attempt + 1);
      }
    }
  }

  /** What the call's attempts send: credential scheme, headers. */
  private static OutgoingHeaders.Sends sends(PreparedCall<?> call, CallOptions options) {
    return new OutgoingHeaders.Sends(call.scheme(), options.headers(), call.bearer());
  }

  /** A new attempt: its request is tagged with what it sends, and one request may go out. */
  private Call newCall(Request request, CallOptions options, OutgoingHeaders.Sends sends) {
    Call attemptCall = http.newCall(OutgoingHeaders.Attempt.tag(request, sends));
    attemptCall.timeout().timeout(options.timeout().toNanos(), TimeUnit.NANOSECONDS);
    return attemptCall;
  }

  private <T> Outcome<T> judgeResponse(
      PreparedCall<T> call, Response response, int attempt, int maxAttempts, long start) {
    int status = response.code();
    Outcome<T> outcome;
    try {
      if (response.isSuccessful()) {
        Object read = handler.success(response, call.reader().body(), attempt);
        T value = call.reader().value(read);
        outcome =
            new Done<>(
                new RawResponse<>(
                    status, response.headers(), value, attempt, ResponseReader.envelope(read)));
      } else {
        outcome = retryOrFail(response, attempt, maxAttempts);
      }
    } catch (CloudflareException e) {
      outcome = new Failed<>(e);
    } catch (IOException e) {
      // The body of a successful answer was cut off: a network failure like any other.
      return judgeFailure(response.request(), e, attempt, maxAttempts, start);
    }
    if (LOG.isLoggable(Level.DEBUG)) {
      log(
          response.request(),
          "HTTP " + status,
          attempt,
          maxAttempts,
          start,
          response.header("cf-ray"),
          outcome);
    }
    return outcome;
  }

  private <T> Outcome<T> retryOrFail(Response response, int attempt, int maxAttempts) {
    String method = response.request().method();
    boolean retryable =
        attempt < maxAttempts && policy.isRetryable(method, response.code(), response.headers());
    if (response.code() == 429) {
      // Read first: the wait may be in the body. It holds every request of the client.
      CloudflareServiceException refused = handler.failure(response, attempt, null);
      Duration asked =
          refused instanceof RateLimitException limited ? limited.retryAfter().orElse(null) : null;
      boolean waitable = asked == null || asked.compareTo(maxServerWait) <= 0;
      if (asked != null && waitable && quota != null) {
        quota.block(asked);
      }
      if (retryable && waitable) {
        return new Retry<>(
            asked == null ? policy.backoff(attempt) : asked, Wait.Reason.RATE_LIMITED);
      }
      return new Failed<>(refused);
    }
    if (retryable) {
      Duration asked = policy.serverDelay(response.headers());
      if (asked == null) {
        return new Retry<>(policy.backoff(attempt), Wait.Reason.RETRY_BACKOFF);
      }
      if (asked.compareTo(maxServerWait) <= 0) {
        return new Retry<>(asked, Wait.Reason.RETRY_ASKED);
      }
      // The server asks for a longer wait than the client will sleep: fail now, and say how long.
    }
    boolean unknown = policy.isOutcomeUnknown(method, response.code());
    return new Failed<>(
        handler.failure(response, attempt, unknown ? outcomeUnknown(method) : null));
  }

  /** What a failure that may have taken effect adds to its message. */
  private static String outcomeUnknown(String method) {
    return method
        + " is not retried once it may have reached Cloudflare: whether it took effect is unknown;"
        + " check (for a token: list the account's tokens) before calling again";
  }

  private <T> Outcome<T> judgeFailure(
      Request request, IOException error, int attempt, int maxAttempts, long start) {
    String method = request.method();
    boolean unknown = policy.isOutcomeUnknown(method, error);
    Outcome<T> outcome =
        attempt < maxAttempts && policy.isRetryable(method, error)
            ? new Retry<>(policy.backoff(attempt), Wait.Reason.RETRY_BACKOFF)
            : new Failed<>(
                Failures.build()
                    .io(
                        describe(request)
                            + " failed"
                            + (attempt > 1 ? " after " + attempt + " attempts" : "")
                            + ": "
                            + error
                            + (unknown ? "; " + outcomeUnknown(method) : ""),
                        error,
                        attempt,
                        unknown));
    if (LOG.isLoggable(Level.DEBUG)) {
      log(request, error.getClass().getSimpleName(), attempt, maxAttempts, start, null, outcome);
    }
    return outcome;
  }

  private static String describe(Request request) {
    return request.method() + " " + request.url().encodedPath();
  }

  /** Logs an attempt's outcome at DEBUG; callers check the level first, so no line is built. */
  private static void log(
      Request request,
      String result,
      int attempt,
      int maxAttempts,
      long start,
      String rayId,
      Outcome<?> outcome) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    String next =
        outcome instanceof Retry<?> retry
            ? "; retrying in " + retry.delay().toMillis() + " ms"
            : "";
    String line =
        describe(request)
            + " -> "
            + result
            + " (attempt "
            + attempt
            + " of "
            + maxAttempts
            + ", "
            + millis
            + " ms, cf-ray "
            + (rayId == null ? "none" : rayId)
            + ")"
            + next;
    LOG.log(Level.DEBUG, Redaction.redact(line));
  }
}
