package dev.cloudflare4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer on 127.0.0.1 and a client with an API token pointed at it, for each test. */
abstract class ClientTestSupport {

  protected MockWebServer server;
  protected CloudflareClient client;
  // The client's timer and ticker: waits are recorded, not slept, and move the ticker on.
  protected final FakeTime time = new FakeTime();
  protected final RecordingRetryTimer timer = time.recorder;

  @BeforeEach
  void startServerAndClient() throws IOException {
    server = new MockWebServer();
    // A request no test enqueued an answer for is answered at once (404, "failFast") instead of
    // waiting for one forever: a test that sends what it should not fails fast, not by a timeout.
    QueueDispatcher dispatcher = new QueueDispatcher();
    dispatcher.setFailFast(true);
    server.setDispatcher(dispatcher);
    server.start(InetAddress.getLoopbackAddress(), 0);
    client = clientBuilder().apiToken(Fixtures.API_TOKEN).build();
  }

  @AfterEach
  void stopServerAndClient() throws IOException {
    client.close();
    server.shutdown();
  }

  /** The next request the server received, waiting at most five seconds for it. */
  protected RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request within 5 s").isNotNull();
    return request;
  }

  /** The server's API root, as the client is given it. */
  protected String baseUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/client/v4";
  }

  /**
   * A builder pointed at the server, with no credential yet, no retries (most tests enqueue one
   * answer per call) and a timer that does not sleep (its waits move the client's ticker on).
   */
  protected CloudflareClient.Builder clientBuilder() {
    return CloudflareClient.builder()
        .baseUrl(baseUrl())
        .maxRetries(0)
        .retryTimer(time)
        .ticker(time);
  }

  /** A builder pointed at the server, holding every kind of credential. */
  protected CloudflareClient.Builder allCredentialsBuilder() {
    return clientBuilder()
        .apiToken(Fixtures.API_TOKEN)
        .apiEmail(Fixtures.API_EMAIL)
        .apiKey(Fixtures.API_KEY)
        .userServiceKey(Fixtures.USER_SERVICE_KEY);
  }
}
