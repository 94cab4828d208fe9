package dev.cloudflare4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import dev.cloudflare4j.internal.MoshiSupport;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import retrofit2.Converter;
import retrofit2.Retrofit;

/** The Moshi adapters and Retrofit converters that generated code relies on, piece by piece. */
class GeneratedShapesTest {

  private final Moshi moshi = MoshiSupport.strict();

  @Test
  void scalarTypesRoundTripAndNameThePathNotTheValueWhenRefused() throws IOException {
    JsonAdapter<BigDecimal> decimal = moshi.adapter(BigDecimal.class);
    assertThat(decimal.fromJson("12.50")).isEqualTo(new BigDecimal("12.50"));
    assertThat(decimal.toJson(new BigDecimal("12.50"))).isEqualTo("12.50");
    assertThat(decimal.fromJson("null")).isNull();
    assertThatThrownBy(() -> decimal.fromJson("\"twelve\""))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected a number at $");

    UUID uuid = UUID.fromString("3f0f5e6c-4b55-4a3e-9d57-2d0b9a7a3f10");
    assertThat(moshi.adapter(UUID.class).fromJson("\"" + uuid + "\"")).isEqualTo(uuid);
    assertThat(moshi.adapter(UUID.class).toJson(uuid)).isEqualTo("\"" + uuid + "\"");
    assertThatThrownBy(() -> moshi.adapter(UUID.class).fromJson("\"not-a-uuid\""))
        .hasMessage("Expected a UUID at $");
    assertThat(moshi.adapter(URI.class).fromJson("\"https://example.test/a\""))
        .isEqualTo(URI.create("https://example.test/a"));
    assertThatThrownBy(() -> moshi.adapter(URI.class).fromJson("\"a b\""))
        .hasMessage("Expected a URI at $");

    assertThat(moshi.adapter(LocalDate.class).toJson(LocalDate.of(2026, 11, 28)))
        .isEqualTo("\"2026-11-28\"");
    assertThat(
            moshi
                .adapter(OffsetDateTime.class)
                .toJson(OffsetDateTime.of(2026, 11, 28, 10, 0, 0, 0, ZoneOffset.ofHours(1))))
        .isEqualTo("\"2026-11-28T10:00:00+01:00\"");

    JsonAdapter<Secret> secret = moshi.adapter(Secret.class);
    assertThat(secret.fromJson("\"cfat_x\"").reveal()).isEqualTo("cfat_x");
    assertThatThrownBy(() -> secret.fromJson("{}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageNotContaining("cfat");
  }

  @Test
  void aSecretIsWrittenOnlyInTheClientsRequestBodies() throws IOException {
    Secret value = Secret.of("cfat_TheValueThatMustNotLeak");
    // The client's request bodies send it: they ask for it.
    assertThat(MoshiSupport.requests().adapter(Secret.class).toJson(value))
        .isEqualTo("\"cfat_TheValueThatMustNotLeak\"");
    // Any other Moshi, the client's own for answers and a plain one alike, refuses.
    for (Moshi other : new Moshi[] {MoshiSupport.strict(), new Moshi.Builder().build()}) {
      JsonAdapter<Secret> adapter = other.adapter(Secret.class);
      assertThat(adapter.fromJson("\"cfat_x\"")).isEqualTo(Secret.of("cfat_x"));
      assertThatThrownBy(() -> adapter.toJson(value))
          .isInstanceOf(JsonDataException.class)
          .hasMessage(
              "a Secret is not written to JSON (at $): write its reveal() where you mean to store"
                  + " the value")
          .hasMessageNotContaining("cfat");
    }
  }

  @Test
  void secretsCompareByValueAndNeverPrintIt() {
    assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
    assertThat(Secret.of("a")).isNotEqualTo("a");
    assertThat(Secret.of("a")).hasToString("Secret[redacted]");
    assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
  }

  private static RequestBody body(Converter<?, RequestBody> converter, String value)
      throws IOException {
    @SuppressWarnings("unchecked")
    Converter<String, RequestBody> strings = (Converter<String, RequestBody>) converter;
    return strings.convert(value);
  }

  /** Methods annotated as generated ones are. */
  interface Samples {
    @retrofit2.http.Headers({"Accept: application/json", "content-type: text/plain"})
    void plain();

    @retrofit2.http.Headers("Content-Type: application/json")
    void json();

    @retrofit2.http.Headers("Content-Type: application/vnd.cf+json")
    void vendorJson();

    @retrofit2.http.Multipart
    void multipart();
  }

  private static Annotation[] on(String method) {
    try {
      return Samples.class.getMethod(method).getAnnotations();
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void textBodiesAreTheTextWithTheDeclaredTypeAndJsonIsLeftToMoshi() throws IOException {
    TextConverterFactory factory = new TextConverterFactory();
    Retrofit retrofit = new Retrofit.Builder().baseUrl("http://127.0.0.1/").build();
    Annotation[] none = {};

    Converter<?, RequestBody> plain =
        factory.requestBodyConverter(String.class, none, on("plain"), retrofit);
    RequestBody text = body(plain, "a \"note\"");
    Buffer sent = new Buffer();
    text.writeTo(sent);
    assertThat(sent.readUtf8()).isEqualTo("a \"note\"");
    // UTF-8, as OkHttp writes strings (Retrofit then sends the declared Content-Type).
    assertThat(text.contentType()).isEqualTo(MediaType.get("text/plain; charset=utf-8"));

    assertThat(factory.requestBodyConverter(String.class, none, on("json"), retrofit)).isNull();
    assertThat(factory.requestBodyConverter(String.class, none, on("vendorJson"), retrofit))
        .isNull();
    assertThat(factory.requestBodyConverter(String.class, none, none, retrofit)).isNull();
    assertThat(factory.requestBodyConverter(Integer.class, none, on("plain"), retrofit)).isNull();
    assertThat(
            body(factory.requestBodyConverter(String.class, none, on("multipart"), retrofit), "x")
                .contentType())
        .isEqualTo(MediaType.get("text/plain; charset=utf-8"));
  }

  @Test
  void rawBodiesAreNeverReadAsJson() throws IOException {
    assertThat(RawBodyAdapter.TEXT.read(ByteString.encodeUtf8("é"), null)).isEqualTo("é");
    assertThat(
            RawBodyAdapter.TEXT.read(
                ByteString.of((byte) 0xe9), MediaType.get("text/csv; charset=iso-8859-1")))
        .isEqualTo("é");
    assertThatThrownBy(() -> RawBodyAdapter.TEXT.fromJson("\"x\""))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> RawBodyAdapter.BYTES.toJson(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
