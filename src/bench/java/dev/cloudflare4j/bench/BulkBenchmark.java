package dev.cloudflare4j.bench;

import dev.cloudflare4j.CloudflareClient;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Bulk revocation after a leak: 10,000 deletes, 64 in flight; throughput in deletes per second. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BulkBenchmark {

  static final int COUNT = 10_000;
  static final int IN_FLIGHT = 64;

  private CannedServer server;
  private CloudflareClient client;
  private OkHttpClient okHttp;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = new CannedServer();
    client =
        CloudflareClient.builder()
            .apiToken(DeleteBenchmark.API_TOKEN)
            .baseUrl(server.baseUrl())
            .build();
    okHttp = Bulk.okHttp(IN_FLIGHT);
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    client.close();
    okHttp.dispatcher().executorService().shutdown();
    server.close();
  }

  @Benchmark
  @OperationsPerInvocation(COUNT)
  public int oursDeleteAsync() throws InterruptedException {
    return check(Bulk.ours(client, COUNT, IN_FLIGHT));
  }

  @Benchmark
  @OperationsPerInvocation(COUNT)
  public int rawOkHttpEnqueue() throws InterruptedException {
    return check(Bulk.raw(okHttp, server.baseUrl(), COUNT, IN_FLIGHT));
  }

  private static int check(int ok) {
    if (ok != COUNT) {
      throw new IllegalStateException(ok + " of " + COUNT + " deletes succeeded");
    }
    return ok;
  }
}
