package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.API_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The credential never travels in cleartext to anything but the local machine. */
class TransportSafetyTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "http://api.cloudflare.com/client/v4",
        "http://10.0.0.1/client/v4",
        "http://128.0.0.1/",
        "http://localhost.example.com/",
        "http://[::2]/"
      })
  void plainHttpToAnotherHostIsRefused(String url) {
    assertThatThrownBy(() -> CloudflareClient.builder().apiToken(API_TOKEN).baseUrl(url).build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "baseUrl must use https://: the credential would travel in cleartext (http:// is"
                + " allowed only for loopback hosts: 127.0.0.0/8, ::1, localhost)");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/client/v4",
        "http://127.1.2.3/",
        "http://localhost:1234/client/v4",
        "http://[::1]:9000/client/v4",
        "https://api.cloudflare.com/client/v4",
        "https://example.com/"
      })
  void httpsAndLoopbackAreAccepted(String url) {
    try (CloudflareClient client =
        CloudflareClient.builder().apiToken(API_TOKEN).baseUrl(url).build()) {
      assertThat(client.toString()).startsWith("CloudflareClient{baseUrl=");
    }
  }
}
