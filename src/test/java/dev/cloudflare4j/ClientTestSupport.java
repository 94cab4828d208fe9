package dev.cloudflare4j;

import java.io.IOException;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer and a client with an API token pointed at it, fresh for each test. */
abstract class ClientTestSupport {

  protected MockWebServer server;
  protected CloudflareClient client;

  @BeforeEach
  void startServerAndClient() throws IOException {
    server = new MockWebServer();
    server.start();
    client = clientBuilder().apiToken(Fixtures.API_TOKEN).build();
  }

  @AfterEach
  void stopServerAndClient() throws IOException {
    client.close();
    server.shutdown();
  }

  /** A builder pointed at the server, with no credential yet. */
  protected CloudflareClient.Builder clientBuilder() {
    return CloudflareClient.builder().baseUrl(server.url("/client/v4").toString());
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
