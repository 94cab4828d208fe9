package dev.cloudflare4j;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.Request;

/**
 * One call of a generated operation, checked and built but not yet sent: what every method of a
 * generated API interface returns ({@code client.api(AccountOwnedApiTokensApi.class)}). Run it the
 * way you need: blocking ({@link #execute()}), without blocking ({@link #executeAsync()}), with the
 * answer's status, headers and envelope ({@link #executeRaw()}), and with its own timeout, retries
 * or headers ({@link #withOptions}). Every way gives the same authentication, retries and typed
 * exceptions.
 *
 * <p>The value is the {@code result} of the operation's answer envelope (null when Cloudflare
 * answers {@code result: null}); the envelope itself, with its {@code messages} and, for lists, its
 * {@code result_info}, is {@link RawResponse#envelope()}. An operation whose answer is not an
 * envelope (a CSV report, a binary download) yields the answer itself.
 *
 * <p>A call is an immutable value: each run sends the request anew (mind that for operations that
 * create something), and it may be run from any thread.
 *
 * <pre>{@code
 * AccountOwnedApiTokensApi tokens = client.api(AccountOwnedApiTokensApi.class);
 * TokenDeleteResponse deleted = tokens.accountApiTokensDeleteToken(accountId, tokenId).execute();
 * }</pre>
 *
 * @param <R> the value the call yields
 */
public final class CloudflareCall<R> {

  private final CloudflareClient client;
  private final PreparedCall<R> call;
  private final CallOptions options;

  CloudflareCall(CloudflareClient client, PreparedCall<R> call, CallOptions options) {
    this.client = client;
    this.call = call;
    this.options = options;
  }

  /**
   * Sends the call, retrying as the client's (or this call's) options allow, and waits for it.
   *
   * @return the answer's {@code result}, or the answer itself when it is not an envelope
   * @throws dev.cloudflare4j.errors.CloudflareServiceException if Cloudflare refuses the call
   * @throws dev.cloudflare4j.errors.CloudflareInvalidDataException if a successful answer is not
   *     what the spec describes
   * @throws dev.cloudflare4j.errors.CloudflareIoException if the call fails on the network
   * @throws IllegalStateException if the client is closed before the call is done
   */
  public R execute() {
    return executeRaw().value();
  }

  /** Like {@link #execute()}, with the answer's status, headers, ray id, attempts and envelope. */
  public RawResponse<R> executeRaw() {
    return client.executor().execute(call, options);
  }

  /**
   * Like {@link #execute()}, without blocking: no thread waits on the network or between retries.
   * The future fails with the exceptions {@link #execute()} throws; cancelling it cancels the
   * attempt in flight.
   */
  public CompletableFuture<R> executeAsync() {
    return executeAsync(RawResponse::value);
  }

  /** Like {@link #executeAsync()}, with the answer's details ({@link #executeRaw()}). */
  public CompletableFuture<RawResponse<R>> executeRawAsync() {
    return executeAsync(raw -> raw);
  }

  /**
   * Starts the call; the future completes with the mapped answer. Mapped here rather than by a
   * dependent future, so that cancelling the returned future cancels the call.
   */
  <V> CompletableFuture<V> executeAsync(Function<RawResponse<R>, V> mapper) {
    return client.executor().executeAsync(call, options, mapper);
  }

  /**
   * The same call with more options, over those it has (the client's, and any given before): they
   * override only what they set, and their headers are added, each replacing one of the same name.
   *
   * @throws NullPointerException if {@code options} is null
   */
  public CloudflareCall<R> withOptions(RequestOptions options) {
    Objects.requireNonNull(options, "options must not be null");
    if (options == RequestOptions.none()) {
      return this;
    }
    return new CloudflareCall<>(
        client,
        call,
        this.options.with(options.timeout(), options.maxRetries(), options.headers()));
  }

  /** The same call with one query parameter set (replaced): how a page asks for the next one. */
  CloudflareCall<R> withQueryParameter(String name, String value) {
    Request request = call.request();
    Request changed =
        request
            .newBuilder()
            .url(request.url().newBuilder().setQueryParameter(name, value).build())
            .build();
    return new CloudflareCall<>(client, call.withRequest(changed), options);
  }

  /** The value of the call's query parameter {@code name}, or null when it sends none. */
  String queryParameter(String name) {
    return call.request().url().queryParameter(name);
  }

  /** The same call, authenticated by {@code token} instead of the client's credential. */
  CloudflareCall<R> withBearer(Secret token) {
    return new CloudflareCall<>(client, call.withBearer(token), options);
  }

  /** The operation's {@code operationId} in Cloudflare's spec. */
  public String operationId() {
    return call.operationId();
  }

  /**
   * Names the operation and its HTTP method; never the URL, arguments or headers, which may hold
   * what a caller would not print.
   */
  @Override
  public String toString() {
    return "CloudflareCall{" + call.operationId() + ", " + call.request().method() + "}";
  }
}
