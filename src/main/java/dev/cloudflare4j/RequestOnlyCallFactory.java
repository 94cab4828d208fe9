package dev.cloudflare4j;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;

/**
 * Retrofit's call factory in this client. Retrofit only builds requests here: the call adapter asks
 * each call for its request ({@link CloudflareCallAdapterFactory}), and the {@link CallExecutor}
 * sends every attempt through the real OkHttp client, its request tagged with what it sends. Given
 * the real client, Retrofit would make an OkHttp call per invocation that never runs: a caller's
 * {@code EventListener.Factory} would be told of a call that never starts (and it would cost an
 * OkHttp call's allocations for nothing). So the calls made here just hold their request, and
 * cannot be run.
 */
final class RequestOnlyCallFactory implements Call.Factory {

  @Override
  public Call newCall(Request request) {
    return new RequestOnlyCall(request);
  }

  private static final class RequestOnlyCall implements Call {
    private final Request request;

    RequestOnlyCall(Request request) {
      this.request = request;
    }

    @Override
    public Request request() {
      return request;
    }

    @Override
    public Response execute() throws IOException {
      throw new UnsupportedOperationException("requests are sent by the CallExecutor");
    }

    @Override
    public void enqueue(Callback callback) {
      throw new UnsupportedOperationException("requests are sent by the CallExecutor");
    }

    @Override
    public void cancel() {}

    @Override
    public boolean isExecuted() {
      return false;
    }

    @Override
    public boolean isCanceled() {
      return false;
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public Call clone() {
      return new RequestOnlyCall(request);
    }
  }
}
