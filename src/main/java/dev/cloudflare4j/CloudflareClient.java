package dev.cloudflare4j;

import com.squareup.moshi.Moshi;
import dev.cloudflare4j.internal.MoshiSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * A client for Cloudflare's REST API. Thread-safe: build one and share it; close it when done.
 *
 * <pre>{@code
 * try (CloudflareClient client = CloudflareClient.fromEnv()) {
 *   Optional<TokenDeleteResponse> deleted =
 *       client.accounts().tokens().delete(
 *           "ed17574386854bf78a67040be0a770b0",
 *           TokenDeleteParams.builder().accountId("023e105f4ecef8ad9ca31a8372d0c353").build());
 * }
 * }</pre>
 *
 * <p>Every operation of the spec is also callable through its generated interface, with the same
 * authentication, validation and errors: {@code client.api(AccountOwnedApiTokensApi.class)}.
 */
public final class CloudflareClient implements AutoCloseable {

  /** Cloudflare's API endpoint, used unless {@link Builder#baseUrl} says otherwise. */
  public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

  /** This library's version, as built. */
  public static final String VERSION = loadVersion();

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final int DEFAULT_MAX_RETRIES = 2;
  private static final int MAX_RATE_LIMIT_REQUESTS = 100_000;
  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private final HttpUrl baseUrl;
  private final Credentials credentials;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final RetryTimer retryTimer;
  private final CallOptions defaults;
  private final CallExecutor executor;
  private final GeneratedApis apis;
  private final AccountsService accounts;
  private final UserService user;
  private final AtomicBoolean closed = new AtomicBoolean();

  private CloudflareClient(Builder builder) {
    this.baseUrl = parseBaseUrl(builder.baseUrl);
    this.credentials =
        Credentials.of(
            builder.apiToken,
            builder.apiEmail,
            builder.apiKey,
            builder.userServiceKey,
            builder.fromEnvironment ? Credentials.Names.ENVIRONMENT : Credentials.Names.BUILDER);
    this.defaults = new CallOptions(builder.timeout, builder.maxRetries, Map.of());
    this.ownsHttp = builder.okHttpClient == null;
    this.retryTimer = builder.retryTimer != null ? builder.retryTimer : new DefaultRetryTimer();
    OkHttpClient base =
        ownsHttp ? ownHttpClient(builder.timeout, baseUrl.isHttps()) : builder.okHttpClient;
    // After the caller's interceptors: the client's headers and credential, then their log.
    OkHttpClient.Builder calls =
        base.newBuilder()
            .addInterceptor(new OutgoingHeaders(credentials, userAgent()))
            .addInterceptor(new HeaderLoggingInterceptor());
    // Retries are the CallExecutor's alone, so that every request on the wire is an attempt it
    // counts, logs, paces and judges by the method's rule: OkHttp's own repeats (redirects,
    // challenges, a 408 or a 503 with Retry-After: 0, connection retries) are off.
    this.http = OkHttpFollowUps.disable(calls, base).build();
    RetryPolicy retryPolicy =
        new RetryPolicy(builder.clock, () -> ThreadLocalRandom.current().nextDouble());
    this.executor =
        new CallExecutor(
            http,
            new ResponseHandler(MoshiSupport.lenient(), retryPolicy, credentials),
            retryPolicy,
            retryTimer,
            builder.rateLimitRequests == 0
                ? null
                : new Pacer(builder.rateLimitRequests, builder.rateLimitWindow, builder.ticker),
            builder.paceByServerHeaders ? new ServerQuota(builder.ticker, builder.clock) : null,
            builder.maxServerWait,
            builder.onWait);
    Moshi strict = MoshiSupport.strict();
    Retrofit retrofit =
        new Retrofit.Builder()
            .baseUrl(baseUrl)
            .callFactory(new RequestOnlyCallFactory())
            .addCallAdapterFactory(new CloudflareCallAdapterFactory(this, credentials, strict))
            .addConverterFactory(new ParamRuleConverterFactory())
            .addConverterFactory(new TextConverterFactory())
            // Only request bodies go through the converter: answers are read by the call adapter.
            .addConverterFactory(MoshiConverterFactory.create(MoshiSupport.requests()))
            .build();
    this.apis = new GeneratedApis(retrofit);
    this.accounts = new AccountsService(this);
    this.user = new UserService(this);
  }

  /** The HTTP client a client builds when none is given: package-private for its test. */
  static OkHttpClient ownHttpClient(Duration timeout, boolean https) {
    Dispatcher dispatcher = new Dispatcher();
    // Every call goes to one host: let asynchronous callers keep as many in flight per host as
    // OkHttp allows in all (64 by default), not 5.
    dispatcher.setMaxRequestsPerHost(dispatcher.getMaxRequests());
    Duration connect = Collections.min(List.of(timeout, MAX_CONNECT_TIMEOUT));
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectTimeout(connect)
            .readTimeout(timeout)
            .writeTimeout(timeout);
    if (!https) {
      // Every call goes to the base URL, here a loopback one over plain HTTP (a sandbox, a test
      // server): OkHttp then sets up no TLS context nor loads the platform's trust store, which
      // is about a quarter of a cold start.
      http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    return http.build();
  }

  /** Starts building a client. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a client from Cloudflare's SDK environment variables: {@code CLOUDFLARE_API_TOKEN},
   * {@code CLOUDFLARE_API_KEY} with {@code CLOUDFLARE_EMAIL}, {@code
   * CLOUDFLARE_API_USER_SERVICE_KEY}, and {@code CLOUDFLARE_BASE_URL}.
   *
   * @throws IllegalStateException if none of the credential variables is set
   * @throws IllegalArgumentException if a variable holds an unusable value
   */
  public static CloudflareClient fromEnv() {
    return builder().fromEnv().build();
  }

  /** Operations under {@code /accounts}. */
  public AccountsService accounts() {
    return accounts;
  }

  /** Operations under {@code /user}: the user the credential belongs to. */
  public UserService user() {
    return user;
  }

  /** Whether the client's API token is account-owned ({@code cfat_}), by its prefix. */
  boolean hasAccountOwnedToken() {
    return credentials.apiTokenIsAccountOwned();
  }

  /**
   * The client's implementation of a generated API interface from {@code dev.cloudflare4j.api},
   * with the client's authentication, argument checks, envelope handling and exceptions. Its
   * methods check their arguments and return a {@link CloudflareCall}, which sends nothing until it
   * is run: {@code client.api(AccountOwnedApiTokensApi.class).accountApiTokensDeleteToken(
   * accountId, tokenId).execute()}. One instance per interface and client, Retrofit's own: its
   * {@code equals}, {@code hashCode} and {@code toString} are Retrofit's (its {@code equals}
   * compares with Retrofit's handler, so that an instance equals nothing, itself included); keep
   * and reuse it rather than compare it.
   *
   * @throws IllegalArgumentException if the class is not a generated API interface
   */
  public <T> T api(Class<T> generatedApi) {
    return apis.api(generatedApi);
  }

  /**
   * Closes the client: calls made afterwards fail, and so, promptly, do pending ones (futures
   * complete exceptionally, attempts in flight are cancelled, callers waiting to retry wake), with
   * an {@link IllegalStateException}. Releases the HTTP client's threads and connections, unless it
   * was given through {@link Builder#okHttpClient}, which stays open.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.close();
    if (retryTimer instanceof DefaultRetryTimer timer) {
      timer.close();
    }
    if (ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** The HTTP client calls go through (the given one, with the client's interceptors added). */
  OkHttpClient httpClient() {
    return http;
  }

  /** The timer retries and paced calls wait on. */
  RetryTimer retryTimer() {
    return retryTimer;
  }

  /** Fails when the client is closed: before a call is built. */
  void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this CloudflareClient is closed");
    }
  }

  CallExecutor executor() {
    return executor;
  }

  /** The options of a call before any of its own: the client's. */
  CallOptions defaults() {
    return defaults;
  }

  static Duration checkTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout must not be null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive (was " + timeout + ")");
    }
    return timeout;
  }

  static int checkMaxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more (was " + maxRetries + ")");
    }
    return maxRetries;
  }

  /** Describes the client: endpoint and credential schemes, never a secret. */
  @Override
  public String toString() {
    return "CloudflareClient{baseUrl="
        + baseUrl
        + ", credentials="
        + credentials.configured()
        + "}";
  }

  static String userAgent() {
    return "cloudflare4j/" + VERSION + " (Java " + System.getProperty("java.version") + ")";
  }

  private static HttpUrl parseBaseUrl(String url) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException("baseUrl must be an absolute http:// or https:// URL");
    }
    if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
      throw new IllegalArgumentException("baseUrl must not hold a user name or password");
    }
    if (parsed.query() != null || parsed.fragment() != null) {
      throw new IllegalArgumentException("baseUrl must not hold a query or fragment");
    }
    if (!parsed.isHttps() && !isLoopback(parsed.host())) {
      throw new IllegalArgumentException(
          "baseUrl must use https://: the credential would travel in cleartext (http:// is"
              + " allowed only for loopback hosts: 127.0.0.0/8, ::1, localhost)");
    }
    // Retrofit resolves operation paths against the base URL as a directory.
    return parsed.encodedPath().endsWith("/")
        ? parsed
        : parsed.newBuilder().addPathSegment("").build();
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("::1") || IPV4_LOOPBACK.matcher(host).matches();
  }

  private static String loadVersion() {
    try (InputStream in = CloudflareClient.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds a {@link CloudflareClient}. Credentials are checked by {@link #build()}. */
  public static final class Builder {

    private String apiToken;
    private String apiEmail;
    private String apiKey;
    private String userServiceKey;
    // Whether the credentials came from fromEnv(): messages then name the variables to set.
    private boolean fromEnvironment;
    private String baseUrl = DEFAULT_BASE_URL;
    private OkHttpClient okHttpClient;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private RetryTimer retryTimer;
    private Clock clock = Clock.systemUTC();
    private int rateLimitRequests;
    private Duration rateLimitWindow;
    private LongSupplier ticker = System::nanoTime;
    private boolean paceByServerHeaders = true;
    private Duration maxServerWait = RetryPolicy.DEFAULT_MAX_SERVER_WAIT;
    private Consumer<Wait> onWait;

    private Builder() {}

    /**
     * The timeout of each attempt: connecting, sending, waiting and reading together; default 60 s.
     * Connecting alone is also bounded by 10 s when the client makes its own HTTP client.
     */
    public Builder timeout(Duration timeout) {
      this.timeout = checkTimeout(timeout);
      return this;
    }

    /**
     * How many times a failed attempt is retried (connection failures, timeouts, 408, 409, 429,
     * 5xx); default 2, so 3 attempts. 0 turns retries off.
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = checkMaxRetries(maxRetries);
      return this;
    }

    /** Replaces how the client waits between attempts: for tests, which must not sleep. */
    Builder retryTimer(RetryTimer retryTimer) {
      this.retryTimer = Objects.requireNonNull(retryTimer, "retryTimer");
      return this;
    }

    /**
     * Spaces the client's requests so that at most {@code requests} reach Cloudflare in any {@code
     * window}, shared by every call of the client, blocking and asynchronous, retries included: a
     * bulk job then stays within Cloudflare's rate limit (1,200 requests per 5 minutes per user,
     * all clients together: {@code rateLimit(1200, Duration.ofMinutes(5))}) instead of being
     * refused. Each request holds one of {@code requests} places until its answer comes, and the
     * place is free again a window later: counted from the answer, a request that waited in the
     * HTTP client's queue before it left still counts where Cloudflare counts it. A 429 still waits
     * what its {@code Retry-After} asks. Off by default.
     *
     * @throws IllegalArgumentException if {@code requests} is not 1 to 100,000 or {@code window} is
     *     not positive
     */
    public Builder rateLimit(int requests, Duration window) {
      if (requests < 1 || requests > MAX_RATE_LIMIT_REQUESTS) {
        throw new IllegalArgumentException(
            "rateLimit requests must be 1 to "
                + MAX_RATE_LIMIT_REQUESTS
                + " (was "
                + requests
                + "): the budget remembers that many starts");
      }
      Objects.requireNonNull(window, "rateLimit window must not be null");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException(
            "rateLimit window must be positive (was " + window + ")");
      }
      this.rateLimitRequests = requests;
      this.rateLimitWindow = window;
      return this;
    }

    /**
     * Whether the client spaces its requests by the rate-limit headers of Cloudflare's answers
     * ({@code Ratelimit}, {@code Ratelimit-Policy}, or the older {@code X-RateLimit-*}); default
     * true. The requests that remain in the window are spread until it resets, less a reserve (2%
     * of the quota, at least one) that is never spent, so that the client does not trip
     * Cloudflare's block (every call of the user refused for five minutes) however many requests
     * the user's other clients spend meanwhile. Until the first answer, one request goes at a time.
     * A 429's wait holds every call of the client. Answers without these headers are not paced.
     * {@link #rateLimit} adds a fixed bound on top.
     */
    public Builder paceByServerHeaders(boolean pace) {
      this.paceByServerHeaders = pace;
      return this;
    }

    /**
     * The longest wait the client accepts from the server (a 429's or 503's {@code Retry-After}, a
     * 429 body's {@code retry_after}) before retrying; default 60 s. A call asked to wait longer
     * fails at once with the wait in its exception. A batch job that should wait out Cloudflare's
     * five-minute block sets five minutes or more.
     *
     * @throws IllegalArgumentException if the wait is negative
     */
    public Builder maxServerWait(Duration maxServerWait) {
      Objects.requireNonNull(maxServerWait, "maxServerWait must not be null");
      if (maxServerWait.isNegative()) {
        throw new IllegalArgumentException(
            "maxServerWait must not be negative (was " + maxServerWait + ")");
      }
      this.maxServerWait = maxServerWait;
      return this;
    }

    /**
     * Tells {@code listener} of every wait before it starts: a request that waits for Cloudflare's
     * rate limit or the client's own, and the wait before a retry (see {@link Wait.Reason}). A long
     * job can then say what it waits for, and for how long (the DEBUG log has the waits for
     * Cloudflare's rate limit and for retries, not the listener's detail). The listener runs on the
     * thread that decides the wait (the caller's for blocking calls, OkHttp's or the timer's for
     * asynchronous ones), so it must be quick; what it throws fails the call. None by default.
     */
    public Builder onWait(Consumer<Wait> listener) {
      this.onWait = Objects.requireNonNull(listener, "onWait listener must not be null");
      return this;
    }

    /** Replaces the time source the rate limit spaces requests by: for tests. */
    Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Replaces the clock that {@code Retry-After} dates are compared with: for tests. */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Authenticates with an API token ({@code Authorization: Bearer}); preferred. */
    public Builder apiToken(String apiToken) {
      this.apiToken = apiToken;
      this.fromEnvironment = false;
      return this;
    }

    /** The account email of the legacy API key; goes with {@link #apiKey}. */
    public Builder apiEmail(String apiEmail) {
      this.apiEmail = apiEmail;
      this.fromEnvironment = false;
      return this;
    }

    /** Authenticates with the legacy global API key; goes with {@link #apiEmail}. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      this.fromEnvironment = false;
      return this;
    }

    /** Authenticates with an Origin CA user service key ({@code X-Auth-User-Service-Key}). */
    public Builder userServiceKey(String userServiceKey) {
      this.userServiceKey = userServiceKey;
      this.fromEnvironment = false;
      return this;
    }

    /** The API endpoint; default {@value CloudflareClient#DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * Shares the given HTTP client's connection pool, dispatcher and settings; the client's {@link
     * CloudflareClient#close()} then leaves it open. What would make OkHttp send or skip requests
     * on its own is not used for the client's calls: redirects, 401 challenges (its {@code
     * authenticator}), 407 challenges other than an HTTPS tunnel's, repeats of a 408 or of a 503
     * with {@code Retry-After: 0}, connection retries and its cache. Every request is an attempt of
     * the client's, counted in {@code attempts()}, logged, paced and retried by its rules.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = okHttpClient;
      return this;
    }

    /**
     * Sets what Cloudflare's SDK environment variables give; see {@link
     * CloudflareClient#fromEnv()}.
     */
    public Builder fromEnv() {
      return fromEnv(System::getenv);
    }

    /**
     * Sets what Cloudflare's SDK environment variables give, read through {@code env} (such as a
     * {@code Map::get}) instead of the process environment; an empty value counts as unset.
     */
    public Builder fromEnv(Function<String, String> env) {
      String token = env.apply("CLOUDFLARE_API_TOKEN");
      String key = env.apply("CLOUDFLARE_API_KEY");
      String email = env.apply("CLOUDFLARE_EMAIL");
      String serviceKey = env.apply("CLOUDFLARE_API_USER_SERVICE_KEY");
      String url = env.apply("CLOUDFLARE_BASE_URL");
      if (isSet(token)) {
        apiToken(token);
      }
      if (isSet(key)) {
        apiKey(key);
      }
      if (isSet(email)) {
        apiEmail(email);
      }
      if (isSet(serviceKey)) {
        userServiceKey(serviceKey);
      }
      if (isSet(url)) {
        baseUrl(url);
      }
      fromEnvironment = true;
      return this;
    }

    private static boolean isSet(String value) {
      return value != null && !value.isEmpty();
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException if no credential was given
     * @throws IllegalArgumentException if a credential is blank, holds a control character or other
     *     character that cannot travel in a header, the key and email are not given together, or
     *     the base URL is not an absolute http(s) URL; messages never hold a secret
     */
    public CloudflareClient build() {
      return new CloudflareClient(this);
    }

    /** Describes the builder: endpoint and which credentials are set, never a secret. */
    @Override
    public String toString() {
      List<String> set = new ArrayList<>();
      if (apiToken != null) {
        set.add("apiToken");
      }
      if (apiEmail != null) {
        set.add("apiEmail");
      }
      if (apiKey != null) {
        set.add("apiKey");
      }
      if (userServiceKey != null) {
        set.add("userServiceKey");
      }
      return "CloudflareClient.Builder{baseUrl=" + baseUrl + ", credentials=" + set + "}";
    }
  }
}
