package dev.cloudflare4j;

import com.squareup.moshi.Moshi;
import dev.cloudflare4j.internal.Operation;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Retrofit;

/**
 * Retrofit's side of a generated method that returns {@link CloudflareCall}: Retrofit builds the
 * request from the method and its arguments, and the adapter hands it back, {@link Built}, with the
 * {@link ResponseReader} for the method's answer (worked out once per method, when Retrofit first
 * sees it). Nothing is sent here: the client wraps what Retrofit returns into the call.
 */
final class CloudflareCallAdapterFactory extends CallAdapter.Factory {

  /**
   * A generated method's request as Retrofit built it, and how to read its answer.
   *
   * @param request the request, without the client's headers
   * @param reader reads a successful answer
   * @param <R> the call's value
   */
  public record Built<R>(Request request, ResponseReader<R> reader) {}

  private final Moshi moshi;

  /** Creates the factory; {@code moshi} reads successful answers. */
  public CloudflareCallAdapterFactory(Moshi moshi) {
    this.moshi = moshi;
  }

  @Override
  public CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
    if (getRawType(returnType) != CloudflareCall.class) {
      return null;
    }
    if (!(returnType instanceof ParameterizedType parameterized)) {
      throw new IllegalArgumentException("a CloudflareCall must name the type it yields");
    }
    Type value = getParameterUpperBound(0, parameterized);
    Class<?> envelope = envelopeOf(annotations);
    ResponseReader<?> reader;
    if (envelope != Void.class) {
      if (!Envelope.class.isAssignableFrom(envelope)) {
        throw new IllegalArgumentException(envelope.getName() + " is not an Envelope");
      }
      reader = new ResponseReader<>(moshi.adapter(envelope), true);
    } else if (value == Void.class) {
      reader = new ResponseReader<>(null, false);
    } else if (value == ResponseBody.class) {
      reader = new ResponseReader<>(RawBodyAdapter.BYTES, false);
    } else if (value == String.class) {
      reader =
          new ResponseReader<>(
              RawBodyAdapter.textOrJson(moshi.adapter(String.class), !producesNoJson(annotations)),
              false);
    } else {
      reader = new ResponseReader<>(moshi.adapter(value), false);
    }
    return new Adapter(reader);
  }

  private static Class<?> envelopeOf(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (annotation instanceof Operation operation) {
        return operation.envelope();
      }
    }
    return Void.class;
  }

  /**
   * Whether the method's {@code Accept} (generated from what it produces) names no JSON type: then
   * an answer that gives no {@code Content-Type} is read as text.
   */
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

  private static final class Adapter implements CallAdapter<ResponseBody, Built<?>> {
    private final ResponseReader<?> reader;

    Adapter(ResponseReader<?> reader) {
      this.reader = reader;
    }

    @Override
    public Type responseType() {
      return ResponseBody.class;
    }

    @Override
    public Built<?> adapt(Call<ResponseBody> call) {
      return new Built<>(call.request(), reader);
    }
  }
}
