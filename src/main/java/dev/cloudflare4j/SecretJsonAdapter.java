package dev.cloudflare4j;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import dev.cloudflare4j.internal.ModelJson;
import java.io.IOException;

/**
 * How any Moshi reads and writes a {@link Secret} (found through its {@code @JsonClass}): a JSON
 * string read as the secret; written only by the client's request bodies, which ask for it. Any
 * other Moshi refuses to write one rather than leak its value or write something that is not it.
 */
final class SecretJsonAdapter extends JsonAdapter<Secret> {

  private final JsonAdapter<Secret> delegate;

  /** The adapter any Moshi builds: it reads secrets and writes none. */
  SecretJsonAdapter(Moshi moshi) {
    this(moshi, ModelJson.Mode.FAILURE);
  }

  /** The adapter of one of the client's Moshis: its request bodies write the value. */
  @SuppressWarnings("unchecked")
  SecretJsonAdapter(Moshi moshi, ModelJson.Mode mode) {
    this.delegate = (JsonAdapter<Secret>) ModelJson.formatAdapter(Secret.class, mode);
  }

  @Override
  public Secret fromJson(JsonReader reader) throws IOException {
    return delegate.fromJson(reader);
  }

  @Override
  public void toJson(JsonWriter writer, Secret value) throws IOException {
    delegate.toJson(writer, value);
  }

  @Override
  public String toString() {
    return "JsonAdapter(Secret)";
  }
}
