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
import retrofit2.Invocation;
import retrofit2.Retrofit;

/**
 * Makes what a generated method returns: Retrofit hands the factory each method's return type and
 * annotations once, and the factory works out the method's {@link OperationPlan} (its credential
 * scheme and how its answer is read); for each invocation, the adapter has Retrofit build the
 * request (converting, and so checking, each argument), checks what conversion could not, and
 * returns the {@link CloudflareCall}. Nothing is sent here.
 */
final class CloudflareCallAdapterFactory extends CallAdapter.Factory {

  private final CloudflareClient client;
  private final Credentials credentials;
  private final Moshi moshi;

  /** Creates the factory of a client; {@code moshi} reads successful answers. */
  CloudflareCallAdapterFactory(CloudflareClient client, Credentials credentials, Moshi moshi) {
    this.client = client;
    this.credentials = credentials;
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
    Operation operation = operationOf(annotations);
    if (operation == null) {
      throw new IllegalArgumentException("not a generated cloudflare4j operation (no @Operation)");
    }
    Type value = getParameterUpperBound(0, parameterized);
    Class<?> envelope = operation.envelope();
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
    return new Adapter(client, OperationPlan.of(operation, credentials, reader));
  }

  private static Operation operationOf(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (annotation instanceof Operation operation) {
        return operation;
      }
    }
    return null;
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

  private static final class Adapter implements CallAdapter<ResponseBody, CloudflareCall<?>> {
    private final CloudflareClient client;
    private final OperationPlan plan;

    Adapter(CloudflareClient client, OperationPlan plan) {
      this.client = client;
      this.plan = plan;
    }

    @Override
    public Type responseType() {
      return ResponseBody.class;
    }

    @Override
    public CloudflareCall<?> adapt(Call<ResponseBody> call) {
      Request request;
      try {
        request = call.request(); // Retrofit converts, and so checks, each argument here
      } catch (IllegalArgumentException e) {
        throw plan.explain(e);
      }
      plan.checkArguments(request.tag(Invocation.class));
      client.checkOpen();
      return new CloudflareCall<>(
          client,
          new PreparedCall<>(plan.operationId(), request, plan.reader(), plan.scheme(), null),
          client.defaults());
    }
  }
}
