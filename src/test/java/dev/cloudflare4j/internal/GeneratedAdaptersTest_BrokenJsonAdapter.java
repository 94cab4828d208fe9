package dev.cloudflare4j.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;

/** The adapter of {@link GeneratedAdaptersTest.Broken}, named as Moshi looks for it: it fails. */
final class GeneratedAdaptersTest_BrokenJsonAdapter
    extends JsonAdapter<GeneratedAdaptersTest.Broken> {

  GeneratedAdaptersTest_BrokenJsonAdapter(Moshi moshi, ModelJson.Mode mode) {
    throw new IllegalStateException("no adapter for you");
  }

  @Override
  public GeneratedAdaptersTest.Broken fromJson(JsonReader reader) {
    throw new AssertionError("never built");
  }

  @Override
  public void toJson(JsonWriter writer, GeneratedAdaptersTest.Broken value) {
    throw new AssertionError("never built");
  }
}
