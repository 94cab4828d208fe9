package dev.cloudflare4j;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;

/**
 * Retrofit's call factory in this client. Retrofit only builds requests here (the {@link
 * CallExecutor} sends them through the real OkHttp client), so the calls it makes just hold their
 * request: a real OkHttp call per request would be built and thrown away on every invocation.
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
