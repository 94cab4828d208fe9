package dev.cloudflare4j.sandbox;

import com.squareup.moshi.JsonWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Buffer;
import okio.ByteString;

/**
 * An in-process, stateful fake of Cloudflare's account-owned API token endpoints, on 127.0.0.1, for
 * testing code that revokes tokens without calling Cloudflare. Every answer is in Cloudflare's
 * envelope. Safe for concurrent requests.
 *
 * <pre>{@code
 * try (CloudflareSandbox sandbox = CloudflareSandbox.start();
 *     CloudflareClient client = CloudflareClient.builder()
 *         .apiToken(sandbox.apiToken()).baseUrl(sandbox.baseUrl()).build()) {
 *   String tokenId = sandbox.createToken(accountId);
 *   client.accounts().tokens().delete(tokenId, TokenDeleteParams.builder().accountId(accountId).build());
 *   assert !sandbox.hasToken(accountId, tokenId);
 * }
 * }</pre>
 *
 * <p>How it answers, in this order:
 *
 * <ol>
 *   <li>an injected fault ({@link #failNext}, {@link #rateLimitNext}), whatever the request;
 *   <li>a path other than {@code /client/v4/accounts/{account_id}/tokens/{token_id}}, or a method
 *       other than DELETE on it: 404, code 7000 "No route for that URI";
 *   <li>no {@code Authorization: Bearer} header with the sandbox's {@link #apiToken()} (a wrong
 *       token, or another scheme such as {@code X-Auth-Key}): 403, code 10000 "Authentication
 *       error", and nothing changes;
 *   <li>an account or token id that is not 32 hex characters: 400, code 7003 "Could not route to
 *       ..., perhaps your object identifier is invalid?";
 *   <li>a token the account does not have: 404, code 1003 "Invalid or missing token";
 *   <li>otherwise the token is removed and the answer is 200 with {@code {"id": ...}}: a second
 *       delete of it is a 404.
 * </ol>
 *
 * <p>Codes 10000 and 7003 are those Cloudflare is seen to send; the statuses that go with them
 * (403, 400), code 7000's 404 and code 1003 for an unknown token are assumptions, not documented
 * Cloudflare behaviour.
 */
public final class CloudflareSandbox implements AutoCloseable {

  private static final Pattern TOKEN_PATH =
      Pattern.compile("/client/v4/accounts/([^/?#]*)/tokens/([^/?#]*)");
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final ExecutorService executor;
  private final String apiToken;
  private final Map<String, Set<String>> tokens = new ConcurrentHashMap<>();
  private final List<SandboxRequest> requests = new CopyOnWriteArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();

  private record Fault(int status, Duration retryAfter) {}

  private CloudflareSandbox(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
    this.apiToken = "sandbox-" + randomHex(20);
  }

  /**
   * Starts a sandbox on 127.0.0.1, on a free port.
   *
   * @throws UncheckedIOException if no port can be bound
   */
  public static CloudflareSandbox start() {
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

  /** The one API token the sandbox accepts (a random value, not a Cloudflare secret). */
  public String apiToken() {
    return apiToken;
  }

  /** Creates a token owned by the account and returns its new id (32 hex characters). */
  public String createToken(String accountId) {
    String tokenId = randomHex(16);
    createToken(accountId, tokenId);
    return tokenId;
  }

  /**
   * Creates a token with the given id, owned by the account.
   *
   * @throws IllegalArgumentException if an id is not 32 lower-case hex characters
   */
  public void createToken(String accountId, String tokenId) {
    requireId("accountId", accountId);
    requireId("tokenId", tokenId);
    tokens.computeIfAbsent(accountId, a -> ConcurrentHashMap.newKeySet()).add(tokenId);
  }

  /** Whether the account still owns the token. */
  public boolean hasToken(String accountId, String tokenId) {
    Set<String> owned = tokens.get(accountId);
    return owned != null && owned.contains(tokenId);
  }

  /** The requests received so far, in order of arrival. */
  public List<SandboxRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * Answers the next {@code count} requests with {@code status} and a failure envelope (code
   * 10001), and {@code retry-after-ms: 0} so that a client retries without sleeping.
   */
  public void failNext(int count, int status) {
    if (count < 0 || status < 400 || status > 599) {
      throw new IllegalArgumentException("count must be 0 or more and status 400 to 599");
    }
    addFaults(count, new Fault(status, null));
  }

  /** Answers the next {@code count} requests with 429 and {@code Retry-After} in whole seconds. */
  public void rateLimitNext(int count, Duration retryAfter) {
    if (count < 0 || retryAfter.isNegative()) {
      throw new IllegalArgumentException("count and retryAfter must not be negative");
    }
    addFaults(count, new Fault(429, retryAfter));
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
        InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
      Answer answer = answer(exchange);
      Map<String, List<String>> headers = new java.util.HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
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
      exchange.getResponseHeaders().set("cf-ray", randomHex(8) + "-SBX");
      if (answer.retryAfter() != null) {
        exchange
            .getResponseHeaders()
            .set("Retry-After", Long.toString(answer.retryAfter().toSeconds()));
      } else if (answer.injected()) {
        // Ask clients to retry at once, so that tests of retry handling do not sleep.
        exchange.getResponseHeaders().set("retry-after-ms", "0");
      }
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private record Answer(int status, ByteString body, Duration retryAfter, boolean injected) {}

  private Answer answer(HttpExchange exchange) throws IOException {
    Fault fault = nextFault();
    if (fault != null) {
      Answer failure =
          failure(
              fault.status(),
              fault.status() == 429 ? 971 : 10001,
              fault.status() == 429
                  ? "Please wait and consider throttling your request speed"
                  : "Injected failure",
              fault.retryAfter());
      return new Answer(failure.status(), failure.body(), failure.retryAfter(), true);
    }
    String path = exchange.getRequestURI().getRawPath();
    Matcher route = TOKEN_PATH.matcher(path);
    if (!route.matches() || !exchange.getRequestMethod().equals("DELETE")) {
      return failure(404, 7000, "No route for that URI", null);
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.equals("Bearer " + apiToken)) {
      return failure(403, 10000, "Authentication error", null);
    }
    String accountId = route.group(1);
    String tokenId = route.group(2);
    if (!ID.matcher(accountId).matches() || !ID.matcher(tokenId).matches()) {
      return failure(
          400,
          7003,
          "Could not route to " + path + ", perhaps your object identifier is invalid?",
          null);
    }
    Set<String> owned = tokens.get(accountId);
    if (owned == null || !owned.remove(tokenId)) {
      return failure(404, 1003, "Invalid or missing token", null);
    }
    Buffer out = new Buffer();
    try (JsonWriter json = JsonWriter.of(out)) {
      json.beginObject();
      json.name("result").beginObject().name("id").value(tokenId).endObject();
      json.name("success").value(true);
      json.name("errors").beginArray().endArray();
      json.name("messages").beginArray().endArray();
      json.endObject();
    }
    return new Answer(200, out.readByteString(), null, false);
  }

  private static Answer failure(int status, int code, String message, Duration retryAfter)
      throws IOException {
    Buffer out = new Buffer();
    try (JsonWriter json = JsonWriter.of(out)) {
      json.setSerializeNulls(true); // the failure envelope's result is a required null
      json.beginObject();
      json.name("result").nullValue();
      json.name("success").value(false);
      json.name("errors").beginArray();
      json.beginObject().name("code").value(code).name("message").value(message).endObject();
      json.endArray();
      json.name("messages").beginArray().endArray();
      json.endObject();
    }
    return new Answer(status, out.readByteString(), retryAfter, false);
  }

  private static void requireId(String name, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(name + " must be 32 lower-case hex characters");
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /** Describes the sandbox's address; never its token. */
  @Override
  public String toString() {
    return "CloudflareSandbox{baseUrl=" + baseUrl() + ", requests=" + requests.size() + "}";
  }
}
