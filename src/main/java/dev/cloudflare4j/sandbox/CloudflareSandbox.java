package dev.cloudflare4j.sandbox;

import com.squareup.moshi.JsonWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cloudflare4j.internal.ParamCheck;
import dev.cloudflare4j.internal.TokenIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okio.Buffer;
import okio.ByteString;

/**
 * An in-process, stateful fake of Cloudflare's API token endpoints, on 127.0.0.1, for testing code
 * that manages or revokes tokens without calling Cloudflare. Every answer is in Cloudflare's
 * envelope. Safe for concurrent requests.
 *
 * <pre>{@code
 * try (CloudflareSandbox sandbox = CloudflareSandbox.start();
 *     CloudflareClient client = CloudflareClient.builder()
 *         .apiToken(sandbox.apiToken()).baseUrl(sandbox.baseUrl()).build()) {
 *   SandboxToken leaked = sandbox.issueToken(accountId);
 *   client.accounts().tokens().revokeLeaked(accountId, leaked.value());
 *   assert !sandbox.hasToken(accountId, leaked.id());
 * }
 * }</pre>
 *
 * <p>What it holds: account-owned tokens (under {@code /accounts/{account_id}/tokens}) and the
 * user's tokens (under {@code /user/tokens}), each with an id, a secret value in Cloudflare's 2026
 * format ({@code cfat_} or {@code cfut_}, 40 characters, a checksum), a name, a status, dates and
 * whatever policies and condition it was created or updated with. Its routes: list (paged by {@code
 * page} and {@code per_page}, 5 to 50, default 20, with {@code result_info}), create (the answer
 * holds the value, once), details, update (keeps what it is sent), delete, roll ({@code PUT
 * .../value}: a new value; the old one stops verifying), verify (by the bearer presented), and a
 * small fixed catalog of permission groups.
 *
 * <p>How it answers, in this order:
 *
 * <ol>
 *   <li>an injected fault ({@link #failNext}, {@link #rateLimitNext}), whatever the request;
 *   <li>over its rate limit ({@link #rateLimit}), or blocked for exceeding it: 429, code 971, with
 *       {@code Retry-After}; with a rate limit set, every answer carries {@code Ratelimit} and
 *       {@code Ratelimit-Policy};
 *   <li>a path or method it does not serve: 404, code 7000 "No route for that URI";
 *   <li>verify: the token whose value is the bearer, if it is live and of that owner (the account
 *       in the path, or the user; the sandbox's own {@link #apiToken()} verifies as the user's);
 *       else 401, code 1000 "Invalid API Token";
 *   <li>any other route without {@code Authorization: Bearer} and the sandbox's {@link #apiToken()}
 *       (a wrong token, or another scheme such as {@code X-Auth-Key}): 403, code 10000
 *       "Authentication error", and nothing changes;
 *   <li>an account or token id that is not 32 hex characters: 400, code 7003 "Could not route to
 *       ..., perhaps your object identifier is invalid?";
 *   <li>a token the account (or user) does not have: 404, code 1003 "Invalid or missing token";
 *   <li>a create or an update without a name or policies, a list page out of range: 400, code 1001;
 *   <li>otherwise 200, after the change is made; with {@link #failNextAfterEffect} the change is
 *       made and the answer is a failure, as when Cloudflare's answer is lost.
 * </ol>
 *
 * <p>Codes 10000, 7003, 1000 and 971 are those Cloudflare is seen to send; the statuses that go
 * with them (403, 400, 401), code 7000's 404, code 1003 for an unknown token, code 1001 for a bad
 * body, the list's order (creation, reversed by {@code direction=desc}), how the rate limit counts
 * and blocks (see {@link #rateLimit}), a create past the token quotas (500 account tokens per
 * account, 50 user tokens: documented) refused with 400, code 1001, and the checksum's form (CRC32,
 * 8 hex digits) are assumptions, not documented Cloudflare behaviour. Its request log ({@link
 * #requests()}) never holds a token's value: a bearer is logged as {@code Bearer [token <id>]}, or
 * {@code [redacted]} when it is no token.
 */
public final class CloudflareSandbox implements AutoCloseable {

  /** How many account-owned API tokens an account holds at most: Cloudflare's quota. */
  public static final int ACCOUNT_TOKEN_QUOTA = 500;

  /** How many user API tokens a user holds at most: Cloudflare's quota. */
  public static final int USER_TOKEN_QUOTA = 50;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String apiToken;
  private final SandboxApi api;
  private final List<SandboxRequest> requests = new CopyOnWriteArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private int limit;
  private long windowNanos;
  private long windowStart;
  private long spent;
  private long blockedUntil;
  // The rate limit's clock: System.nanoTime, or a test's.
  private java.util.function.LongSupplier ticker = System::nanoTime;

  private record Fault(int status, Duration retryAfter, boolean afterEffect) {}

  private CloudflareSandbox(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
    this.apiToken = SandboxApi.mint("cfut_");
    this.api = new SandboxApi(apiToken);
  }

  /**
   * Starts a sandbox on 127.0.0.1, on a free port.
   *
   * @throws UncheckedIOException if no port can be bound
   */
  public static CloudflareSandbox start() {
    // The JDK's server writes an answer's headers and its body apart; with Nagle's algorithm on,
    // each answer then waits for the client's delayed ACK (about 40 ms here), which made a run of
    // sequential calls 40 times slower than the calls. Read once, when the JDK's server is first
    // used in the JVM; a value set by the caller is kept.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor = Executors.newFixedThreadPool(16, CloudflareSandbox::daemon);
      CloudflareSandbox sandbox = new CloudflareSandbox(server, executor);
      server.createContext("/", sandbox::handle);
      server.setExecutor(executor);
      server.start();
      return sandbox;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox", e);
    }
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "cloudflare4j-sandbox");
    thread.setDaemon(true);
    return thread;
  }

  /** The API root to give the client: {@code http://127.0.0.1:<port>/client/v4}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/client/v4";
  }

  /**
   * The API token the sandbox accepts for every route but verify (a random {@code cfut_} value, not
   * a Cloudflare secret); it verifies as a user-owned token.
   */
  public String apiToken() {
    return apiToken;
  }

  /** Creates a token owned by the account and returns its new id (32 hex characters). */
  public String createToken(String accountId) {
    return issueToken(accountId).id();
  }

  /**
   * Creates a token with the given id, owned by the account.
   *
   * @throws IllegalArgumentException if an id breaks the client's rule for it (its length in the
   *     spec; ASCII letters, digits, {@code -} and {@code _}), or is taken
   */
  public void createToken(String accountId, String tokenId) {
    requireId(TokenIds.ACCOUNT_ID, "accountId", accountId);
    requireId(TokenIds.TOKEN_ID, "tokenId", tokenId);
    api.issue(accountId, tokenId, "sandbox token");
  }

  /**
   * Creates a token owned by the account, with a secret value ({@code cfat_...}) that verifies at
   * the account's endpoint until the token is rolled or deleted.
   *
   * @throws IllegalArgumentException if the account id breaks the client's rule for it
   */
  public SandboxToken issueToken(String accountId) {
    requireId(TokenIds.ACCOUNT_ID, "accountId", accountId);
    return api.issue(accountId, SandboxApi.randomHex(16), "sandbox token");
  }

  /** Creates a user-owned token, with a secret value ({@code cfut_...}). */
  public SandboxToken issueUserToken() {
    return api.issue(null, SandboxApi.randomHex(16), "sandbox user token");
  }

  /** Whether the account still owns the token. */
  public boolean hasToken(String accountId, String tokenId) {
    return accountId != null && api.has(accountId, tokenId);
  }

  /** Whether the user still owns the token. */
  public boolean hasUserToken(String tokenId) {
    return api.has(null, tokenId);
  }

  /** The ids of the account's tokens, in the order they were created. */
  public List<String> tokenIds(String accountId) {
    return api.ids(Objects.requireNonNull(accountId, "accountId must not be null"));
  }

  /** The requests received so far, in order of arrival (bearers logged by token id, not value). */
  public List<SandboxRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * Answers the next {@code count} requests with {@code status} and a failure envelope (code
   * 10001), and {@code retry-after-ms: 0} so that a client retries without sleeping.
   */
  public void failNext(int count, int status) {
    checkFault(count, status);
    addFaults(count, new Fault(status, null, false));
  }

  /**
   * Carries out the next {@code count} requests, then answers each with {@code status} and a
   * failure envelope instead of its result: what a client sees when Cloudflare's answer is lost
   * after the change was made.
   */
  public void failNextAfterEffect(int count, int status) {
    checkFault(count, status);
    addFaults(count, new Fault(status, null, true));
  }

  private static void checkFault(int count, int status) {
    if (count < 0 || status < 400 || status > 599) {
      throw new IllegalArgumentException("count must be 0 or more and status 400 to 599");
    }
  }

  /** Answers the next {@code count} requests with 429 and {@code Retry-After} in whole seconds. */
  public void rateLimitNext(int count, Duration retryAfter) {
    if (count < 0 || retryAfter.isNegative()) {
      throw new IllegalArgumentException("count and retryAfter must not be negative");
    }
    addFaults(count, new Fault(429, retryAfter, false));
  }

  /**
   * Limits the user as Cloudflare does (1,200 requests per 5 minutes, blocked for 5 minutes once
   * exceeded), at any scale: {@code rateLimit(100, Duration.ofSeconds(2))} for a fast test. Every
   * request counts, from every client, whatever its credential (the sandbox has one user), and so
   * does what {@link #spendElsewhere} spends. Every answer then says what remains: {@code
   * Ratelimit: "default";r=<remaining>;t=<seconds until the window resets>} and {@code
   * Ratelimit-Policy: "default";q=<requests>;w=<window seconds>}. The request past the quota starts
   * the block: it and every request until the block ends (one window long) are answered 429, code
   * 971, with {@code Retry-After} the whole seconds left; the next window starts when it ends.
   * Windows are fixed, the first starting now.
   *
   * <p>Assumptions, not documented Cloudflare behaviour: fixed windows, the block lasting one
   * window (documented: five minutes, the window's length), seconds rounded up, one quota shared by
   * every credential, requests answered 429 not counted.
   *
   * @throws IllegalArgumentException if {@code requests} is less than 1 or the window not positive
   */
  public synchronized void rateLimit(int requests, Duration window) {
    if (requests < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("requests must be 1 or more and window positive");
    }
    this.limit = requests;
    this.windowNanos = window.toNanos();
    this.windowStart = ticker.getAsLong();
    this.spent = 0;
    this.blockedUntil = windowStart;
  }

  /** Replaces the rate limit's clock (nanoseconds, as System.nanoTime): for tests. */
  synchronized void ticker(java.util.function.LongSupplier ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /**
   * Spends requests of the current window as another client of the same user would (a dashboard
   * session, a Terraform run): past the quota, the block starts, for every client.
   *
   * @throws IllegalStateException if no rate limit is set
   * @throws IllegalArgumentException if {@code requests} is negative
   */
  public synchronized void spendElsewhere(int requests) {
    if (limit == 0) {
      throw new IllegalStateException("no rate limit is set: call rateLimit(...) first");
    }
    if (requests < 0) {
      throw new IllegalArgumentException("requests must not be negative (was " + requests + ")");
    }
    long now = ticker.getAsLong();
    if (now < blockedUntil) {
      return;
    }
    roll(now);
    spent += requests;
    if (spent > limit) {
      block(now);
    }
  }

  /** What the rate limit says of one request: refused or not, and what remains. */
  private record Limit(
      boolean refused, long remaining, long resetSeconds, int quota, long window) {}

  /** Counts a request against the rate limit; null when none is set. */
  private synchronized Limit count() {
    if (limit == 0) {
      return null;
    }
    long now = ticker.getAsLong();
    long windowSeconds = seconds(windowNanos);
    if (now < blockedUntil) {
      return new Limit(true, 0, seconds(blockedUntil - now), limit, windowSeconds);
    }
    roll(now);
    spent++;
    if (spent > limit) {
      block(now);
      return new Limit(true, 0, seconds(blockedUntil - now), limit, windowSeconds);
    }
    return new Limit(
        false, limit - spent, seconds(windowStart + windowNanos - now), limit, windowSeconds);
  }

  /** Moves on to the window that holds {@code now}. */
  private void roll(long now) {
    if (now - windowStart >= windowNanos) {
      windowStart += (now - windowStart) / windowNanos * windowNanos;
      spent = 0;
    }
  }

  /** Blocks the user for one window; the next window starts when the block ends. */
  private void block(long now) {
    blockedUntil = now + windowNanos;
    windowStart = blockedUntil;
    spent = 0;
  }

  /** Whole seconds, rounded up. */
  private static long seconds(long nanos) {
    return (Math.max(0, nanos) + 999_999_999L) / 1_000_000_000L;
  }

  private synchronized void addFaults(int count, Fault fault) {
    for (int i = 0; i < count; i++) {
      faults.addLast(fault);
    }
  }

  private synchronized Fault nextFault() {
    return faults.pollFirst();
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Answer answer = answer(exchange, body);
      Map<String, List<String>> headers = new java.util.HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization != null) {
        headers.put("authorization", List.of(api.describeBearer(authorization)));
      }
      requests.add(
          new SandboxRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath()
                  + (exchange.getRequestURI().getRawQuery() == null
                      ? ""
                      : "?" + exchange.getRequestURI().getRawQuery()),
              headers,
              answer.status()));
      byte[] bytes = answer.body().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("cf-ray", SandboxApi.randomHex(8) + "-SBX");
      if (answer.retryAfter() != null) {
        exchange
            .getResponseHeaders()
            .set("Retry-After", Long.toString(answer.retryAfter().toSeconds()));
      } else if (answer.injected()) {
        // Ask clients to retry at once, so that tests of retry handling do not sleep.
        exchange.getResponseHeaders().set("retry-after-ms", "0");
      }
      Limit limit = answer.limit();
      if (limit != null) {
        exchange
            .getResponseHeaders()
            .set("Ratelimit", "\"default\";r=" + limit.remaining() + ";t=" + limit.resetSeconds());
        exchange
            .getResponseHeaders()
            .set("Ratelimit-Policy", "\"default\";q=" + limit.quota() + ";w=" + limit.window());
      }
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /**
   * An answer to send: status, body, the wait it asks for, whether it is an injected fault, and
   * what the rate limit says (null without one).
   */
  private record Answer(
      int status, ByteString body, Duration retryAfter, boolean injected, Limit limit) {

    Answer with(Limit limit) {
      return new Answer(status, body, retryAfter, injected, limit);
    }
  }

  private Answer answer(HttpExchange exchange, String body) throws IOException {
    Fault fault = nextFault();
    if (fault != null && !fault.afterEffect()) {
      return injected(fault);
    }
    Limit limit = fault == null ? count() : null;
    if (limit != null && limit.refused()) {
      return written(
              SandboxApi.failure(
                  429, 971, "Please wait and consider throttling your request speed"),
              Duration.ofSeconds(limit.resetSeconds()),
              false)
          .with(limit);
    }
    SandboxApi.Answer answer =
        api.answer(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            query(exchange.getRequestURI().getRawQuery()),
            exchange.getRequestHeaders().getFirst("Authorization"),
            body);
    return fault != null ? injected(fault) : written(answer, null, false).with(limit);
  }

  private Answer injected(Fault fault) throws IOException {
    SandboxApi.Answer failure =
        fault.status() == 429
            ? SandboxApi.failure(429, 971, "Please wait and consider throttling your request speed")
            : SandboxApi.failure(fault.status(), 10001, "Injected failure");
    return written(failure, fault.retryAfter(), true);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new java.util.LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&", -1)) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        query.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  private static Answer written(SandboxApi.Answer answer, Duration retryAfter, boolean injected)
      throws IOException {
    Buffer out = new Buffer();
    try (JsonWriter json = JsonWriter.of(out)) {
      json.setSerializeNulls(true); // the failure envelope's result is a required null
      JSON.toJson(json, answer.envelope());
    }
    return new Answer(answer.status(), out.readByteString(), retryAfter, injected, null);
  }

  private static final com.squareup.moshi.JsonAdapter<Object> JSON =
      new com.squareup.moshi.Moshi.Builder().build().adapter(Object.class);

  /** Checks an id by the client's rule for it (from the spec), named as the caller knows it. */
  private static void requireId(ParamCheck rule, String name, String id) {
    java.util.Objects.requireNonNull(id, name + " must not be null");
    rule.check(id);
  }

  /** Describes the sandbox's address; never its token. */
  @Override
  public String toString() {
    return "CloudflareSandbox{baseUrl=" + baseUrl() + ", requests=" + requests.size() + "}";
  }
}
