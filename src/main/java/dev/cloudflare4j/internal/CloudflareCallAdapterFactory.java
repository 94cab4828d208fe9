package dev.cloudflare4j.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.cloudflare4j.errors.CloudflareIoException;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Response;
import retrofit2.Retrofit;

/**
 * Lets generated methods return their response type directly: the call is executed, and its answer
 * goes through the {@link ResponseHandler}. Network failures become {@link CloudflareIoException}.
 * Retrofit hands over the raw body, so the handler sees status, headers and body together.
 */
public final class CloudflareCallAdapterFactory extends CallAdapter.Factory {

  private final Moshi moshi;
  private final ResponseHandler handler;

  /** Creates the factory; {@code moshi} reads successful answers. */
  public CloudflareCallAdapterFactory(Moshi moshi, ResponseHandler handler) {
    this.moshi = moshi;
    this.handler = handler;
  }

  @Override
  public CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
    if (getRawType(returnType) == Call.class) {
      return null;
    }
    JsonAdapter<?> adapter = returnType == Void.class ? null : moshi.adapter(returnType);
    return new SyncAdapter<>(adapter);
  }

  private final class SyncAdapter<T> implements CallAdapter<ResponseBody, T> {
    private final JsonAdapter<T> adapter;

    SyncAdapter(JsonAdapter<T> adapter) {
      this.adapter = adapter;
    }

    @Override
    public Type responseType() {
      return ResponseBody.class;
    }

    @Override
    public T adapt(Call<ResponseBody> call) {
      Response<ResponseBody> response;
      try {
        response = call.execute();
      } catch (IOException e) {
        Request request = call.request();
        throw new CloudflareIoException(
            request.method() + " " + request.url().encodedPath() + " failed: " + e, e);
      }
      if (response.isSuccessful()) {
        return handler.success(response.code(), response.headers(), response.body(), adapter);
      }
      throw handler.failure(response.code(), response.headers(), response.errorBody());
    }
  }
}
