package dev.cloudflare4j.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Invocation;
import retrofit2.Retrofit;

/**
 * Lets generated methods return their response type directly. Retrofit only builds the request from
 * the method and its arguments; the {@link CallExecutor} sends it, with retries, and reads the
 * answer. {@link Operations#prepare} uses the same path to take the built request without sending
 * it, for the facade's own options, async and raw calls.
 */
public final class CloudflareCallAdapterFactory extends CallAdapter.Factory {

  /**
   * Per thread: whether {@link Operations#prepare} is asking for the request instead of the answer,
   * and the request the adapter built meanwhile. Kept, not set and removed per call, which would
   * allocate a thread-local entry every time.
   */
  static final class Capture {
    boolean active;
    PreparedCall<?> call;
  }

  static final ThreadLocal<Capture> CAPTURE = ThreadLocal.withInitial(Capture::new);

  private final Moshi moshi;
  private final CallExecutor executor;
  private final CallOptions defaults;
  private final OperationPlans plans;

  /** Creates the factory; {@code moshi} reads successful answers. */
  public CloudflareCallAdapterFactory(
      Moshi moshi, CallExecutor executor, CallOptions defaults, OperationPlans plans) {
    this.moshi = moshi;
    this.executor = executor;
    this.defaults = defaults;
    this.plans = plans;
  }

  @Override
  public CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
    if (getRawType(returnType) == Call.class) {
      return null;
    }
    JsonAdapter<?> adapter;
    if (returnType == Void.class) {
      adapter = null;
    } else if (returnType == ResponseBody.class) {
      adapter = RawBodyAdapter.BYTES;
    } else if (returnType == String.class && producesNoJson(annotations)) {
      adapter = RawBodyAdapter.TEXT;
    } else {
      adapter = moshi.adapter(returnType);
    }
    return new Adapter<>(adapter);
  }

  /** Whether the method's {@code Accept} (generated from what it produces) names no JSON type. */
  private static boolean producesNoJson(Annotation[] annotations) {
    String accept = TextConverterFactory.declaredHeader(annotations, "Accept");
    if (accept == null) {
      return false;
    }
    for (String type : accept.split(",", -1)) {
      MediaType media = MediaType.parse(type.trim());
      if (media == null || TextConverterFactory.isJson(media)) {
        return false;
      }
    }
    return true;
  }

  private final class Adapter<T> implements CallAdapter<ResponseBody, T> {
    private final JsonAdapter<T> adapter;

    Adapter(JsonAdapter<T> adapter) {
      this.adapter = adapter;
    }

    @Override
    public Type responseType() {
      return ResponseBody.class;
    }

    @Override
    public T adapt(Call<ResponseBody> call) {
      Request request = call.request();
      Invocation invocation = request.tag(Invocation.class);
      Credentials.Scheme scheme =
          invocation == null ? null : plans.get(invocation.method()).scheme();
      PreparedCall<T> prepared = new PreparedCall<>(request, adapter, scheme);
      CloudflareCallAdapterFactory.Capture capture = CAPTURE.get();
      if (capture.active) {
        capture.call = prepared;
        return null;
      }
      return executor.execute(prepared, defaults).value();
    }
  }
}
