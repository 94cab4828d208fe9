package dev.cloudflare4j;

import com.squareup.moshi.JsonAdapter;
import dev.cloudflare4j.bench.CannedServer;
import dev.cloudflare4j.bench.HandParse;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.internal.MoshiSupport;
import dev.cloudflare4j.model.IamApiResponseSingleId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Envelope handling alone, without the network: the client's ResponseHandler (model records through
 * Moshi, required-property checks, the success flag, the typed exception) against a hand-written
 * JsonReader parse of the same bytes. Both sides read the same input, an OkHttp {@link Response}
 * built per operation (its body is consumed), as a client gets it; the raw delete of {@link
 * DeleteBenchmark} reads its envelope the same way. The failure has a second baseline: the hand
 * parse that also reports the failure as an exception, as the raw delete does, since the client's
 * failure is an exception with a stack trace and the plain parse builds none.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnvelopeBenchmark {

  static final byte[] SUCCESS = CannedServer.BODY.getBytes(StandardCharsets.UTF_8);
  static final byte[] FAILURE =
      ("{\"result\":null,\"success\":false,\"errors\":[{\"code\":1003,\"message\":\"Invalid or"
              + " missing token\"}],\"messages\":[]}")
          .getBytes(StandardCharsets.UTF_8);
  private static final MediaType JSON = MediaType.get("application/json");

  private ResponseHandler handler;
  private JsonAdapter<IamApiResponseSingleId> adapter;
  private Request request;

  /** Made by JMH. */
  public EnvelopeBenchmark() {}

  @Setup
  public void setUp() {
    handler =
        new ResponseHandler(
            MoshiSupport.lenient(),
            new RetryPolicy(Clock.systemUTC(), () -> 0.5),
            Credentials.of("BENCH-TOKEN-0123456789abcdef", null, null, null));
    adapter = MoshiSupport.strict().adapter(IamApiResponseSingleId.class);
    request = new Request.Builder().url("http://127.0.0.1/client/v4/x").build();
  }

  private Response response(int code, byte[] body) {
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(code)
        .message("")
        .body(ResponseBody.create(body, JSON))
        .build();
  }

  @Benchmark
  public IamApiResponseSingleId oursSuccess() throws IOException {
    return handler.success(response(200, SUCCESS), adapter, 1);
  }

  @Benchmark
  public Object handSuccess() throws IOException {
    return hand(response(200, SUCCESS));
  }

  @Benchmark
  public CloudflareServiceException oursFailure() {
    return handler.failure(response(404, FAILURE), 1, null);
  }

  @Benchmark
  public Object handFailure() throws IOException {
    return hand(response(404, FAILURE));
  }

  /** The hand parse, then the failure reported as an exception with the server's errors. */
  @Benchmark
  public IOException handFailureException() throws IOException {
    Response response = response(404, FAILURE);
    HandParse.Envelope envelope = hand(response);
    return new IOException("HTTP " + response.code() + " " + envelope.errors());
  }

  private static HandParse.Envelope hand(Response response) throws IOException {
    try (ResponseBody body = response.body()) {
      return HandParse.parse(body.source());
    }
  }
}
