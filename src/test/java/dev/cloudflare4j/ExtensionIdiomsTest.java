package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.cloudflare4j.internal.MoshiSupport;
import dev.cloudflare4j.testapi.IdiomsApi;
import dev.cloudflare4j.testmodel.Event;
import dev.cloudflare4j.testmodel.Labels;
import dev.cloudflare4j.testmodel.ScriptsUploadRequestPlacement;
import dev.cloudflare4j.testmodel.ScriptsUploadRequestUsageModel;
import dev.cloudflare4j.testmodel.TokenStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;

/**
 * Idioms of Cloudflare's whole spec that the three parts under src/test/cloudflare-spec do not use,
 * from the test-only spec src/test/openapi/extension.yaml: a oneOf with a discriminator, query
 * parameter names with dots, dates, text, binary and multipart bodies, additionalProperties.
 */
class ExtensionIdiomsTest extends ClientTestSupport {

  private IdiomsApi idioms() {
    return client.api(IdiomsApi.class);
  }

  @Test
  void queryParametersAreWrittenAsTheSpecMeansThem() throws Exception {
    server.enqueue(json(200, "report-events.json"));

    idioms()
        .reportsQuery(
            ACCOUNT_ID,
            "edge & core",
            LocalDate.of(2026, 11, 1),
            OffsetDateTime.of(2026, 11, 28, 0, 0, 0, 0, ZoneOffset.UTC),
            new BigDecimal("1E+1"),
            TokenStatus.ACTIVE,
            List.of("US", "GB"))
        .execute();

    assertThat(taken().getPath())
        .isEqualTo(
            "/client/v4/accounts/"
                + ACCOUNT_ID
                + "/reports?filter.name=edge%20%26%20core&since=2026-11-01"
                + "&until=2026-11-28T00%3A00%3A00Z&limit=10&status=active&location=US&location=GB");
  }

  @Test
  void aDiscriminatorPicksTheAlternativeItNamesAndAnUnknownOneKeepsItsJson() throws Exception {
    server.enqueue(json(200, "report-events.json"));

    List<Event> events =
        idioms().reportsQuery(ACCOUNT_ID, null, null, null, null, null, null).execute();

    // A login event has the shape of a rotation event too; its `type` decides.
    assertThat(events.get(0).isLoginEvent()).isTrue();
    assertThat(events.get(0).isRotationEvent()).isFalse();
    assertThat(events.get(0).asLoginEvent().ip()).isEqualTo("192.0.2.7");
    assertThat(events.get(1).isRotationEvent()).isTrue();
    assertThat(events.get(1).isLoginEvent()).isFalse();
    assertThat(events.get(2).isLoginEvent() || events.get(2).isRotationEvent()).isFalse();
    JsonAdapter<Event> adapter = MoshiSupport.strict().adapter(Event.class);
    assertThat(adapter.toJson(events.get(2)))
        .isEqualTo("{\"type\": \"a_kind_added_later\", \"at\": \"2026-11-28T09:31:00Z\"}");
    assertThat(adapter.fromJson("[]").json()).isEqualTo("[]");
    // The discriminator need not come first; one that is not a string names no alternative.
    Event late = adapter.fromJson("{\"token_id\":\"t\",\"at\":null,\"type\":\"rotation\"}");
    assertThat(late.isRotationEvent()).isTrue();
    assertThat(late.asRotationEvent().tokenId()).isEqualTo("t");
    Event numbered = adapter.fromJson("{\"type\":5,\"at\":\"2026-11-28T09:31:00Z\"}");
    assertThat(numbered.isLoginEvent() || numbered.isRotationEvent()).isFalse();
  }

  @Test
  void aJsonStringAnswerIsReadAsJsonWhenTheOperationProducesJson() throws Exception {
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody("\"a \\\"quoted\\\" note\""));

    assertThat(idioms().notesLatest(ACCOUNT_ID).execute()).isEqualTo("a \"quoted\" note");
    assertThat(taken().getHeader("Accept")).isEqualTo("application/json, text/plain");
  }

  @Test
  void anAnswerOfAnOperationThatProducesTextAndJsonIsReadAsItsContentTypeSays() throws Exception {
    // Cloudflare's Export DNS Records: text/plain answers, JSON failures (Accept names both).
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "text/plain")
            .setBody("www.example.com. 300 IN A 127.0.0.1\n\"x\""));
    server.enqueue(new MockResponse().setBody("\"no type: JSON, as the operation produces it\""));
    server.enqueue(
        new MockResponse().setHeader("Content-Type", "application/json").setBody("not JSON"));

    assertThat(idioms().notesLatest(ACCOUNT_ID).execute())
        .isEqualTo("www.example.com. 300 IN A 127.0.0.1\n\"x\"");
    assertThat(idioms().notesLatest(ACCOUNT_ID).execute())
        .isEqualTo("no type: JSON, as the operation produces it");
    assertThatThrownBy(() -> idioms().notesLatest(ACCOUNT_ID).execute())
        .isInstanceOf(dev.cloudflare4j.errors.CloudflareInvalidDataException.class);
  }

  @Test
  void aTextAnswerIsReadAsTextAndAsksForItsMediaType() throws Exception {
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "text/csv; charset=utf-8")
            .setBody("name,count\n\"größe\",1\n"));

    String csv = idioms().reportsExport(ACCOUNT_ID).execute();

    assertThat(csv).isEqualTo("name,count\n\"größe\",1\n");
    assertThat(taken().getHeader("Accept")).isEqualTo("text/csv");
  }

  @Test
  void aBinaryAnswerIsTheBytesThemselves() throws Exception {
    ByteString bytes = ByteString.of((byte) 0x1f, (byte) 0x8b, (byte) 0, (byte) 0xff);
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/octet-stream")
            .setBody(new Buffer().write(bytes)));

    try (ResponseBody archive = idioms().reportsArchive(ACCOUNT_ID).execute()) {
      assertThat(archive.byteString()).isEqualTo(bytes);
      assertThat(archive.contentType()).isEqualTo(MediaType.get("application/octet-stream"));
    }
    assertThat(taken().getHeader("Accept")).isEqualTo("application/octet-stream");
  }

  @Test
  void aMultipartBodySendsTextPartsAsTextAndBinaryPartsAsGiven() throws Exception {
    server.enqueue(json(200, "delete-token-success.json"));

    idioms()
        .scriptsUpload(
            ACCOUNT_ID,
            "worker",
            "{\"main_module\":\"worker.js\"}",
            RequestBody.create("export default {}", MediaType.get("application/javascript")),
            ScriptsUploadRequestUsageModel.UNBOUND,
            7,
            true,
            ScriptsUploadRequestPlacement.builder().mode("smart").build())
        .execute();

    RecordedRequest request = taken();
    assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    String body = request.getBody().readUtf8();
    assertThat(body)
        .contains("name=\"metadata\"")
        .contains("Content-Type: text/plain; charset=utf-8")
        // The text itself, not a JSON string of it.
        .contains("\r\n\r\n{\"main_module\":\"worker.js\"}\r\n")
        .contains("name=\"script\"")
        .contains("Content-Type: application/javascript; charset=utf-8\r\n")
        .contains("\r\n\r\nexport default {}\r\n");
    // Scalar parts are form fields: the text (an enum its word), not a JSON value in quotes; an
    // object part is JSON, as OpenAPI says of an object in a multipart body.
    assertThat(part(body, "usage_model")).isEqualTo("text/plain; charset=utf-8|unbound");
    assertThat(part(body, "priority")).isEqualTo("text/plain; charset=utf-8|7");
    assertThat(part(body, "logpush")).isEqualTo("text/plain; charset=utf-8|true");
    assertThat(part(body, "placement"))
        .isEqualTo("application/json; charset=UTF-8|{\"mode\":\"smart\"}");
  }

  /** A multipart body's part by name, as its Content-Type and its content: {@code type|content}. */
  private static String part(String body, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "name=\""
                    + name
                    + "\"\r\nContent-Transfer-Encoding: binary\r\nContent-Type: ([^\r]*)\r\n"
                    + "Content-Length: \\d+\r\n\r\n(.*?)\r\n--")
            .matcher(body);
    assertThat(m.find()).as("part " + name + " in " + body).isTrue();
    return m.group(1) + "|" + m.group(2);
  }

  @Test
  void aTextBodyIsSentAsTextWithItsMediaType() throws Exception {
    server.enqueue(json(200, "delete-token-success.json"));

    idioms().notesCreate(ACCOUNT_ID, "rotated \"deploy\" token").execute();

    RecordedRequest request = taken();
    assertThat(request.getHeader("Content-Type")).isEqualTo("text/plain");
    assertThat(request.getBody().readUtf8()).isEqualTo("rotated \"deploy\" token");
  }

  @Test
  void propertiesASchemaAllowsButDoesNotDeclareAreKeptAndWrittenBack() throws IOException {
    String json = "{\"owner\":\"ops\",\"team\":\"sre\",\"env\":\"prod\"}";

    Labels labels = MoshiSupport.strict().adapter(Labels.class).fromJson(json);

    assertThat(labels.owner()).isEqualTo("ops");
    assertThat(labels.additionalProperties())
        .containsExactly(Map.entry("team", "sre"), Map.entry("env", "prod"));
    assertThat(MoshiSupport.strict().adapter(Labels.class).toJson(labels)).isEqualTo(json);
    assertThat(MoshiSupport.requests().adapter(Labels.class).toJson(new Labels(null, null)))
        .isEqualTo("{}");
    // The schema types the undeclared properties (strings): an object is not one.
    assertThatThrownBy(
            () -> MoshiSupport.strict().adapter(Labels.class).fromJson("{\"team\":{\"a\":1}}"))
        .isInstanceOf(JsonDataException.class);
  }
}
