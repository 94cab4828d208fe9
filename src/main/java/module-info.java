/**
 * cloudflare4j, a Java client for Cloudflare's REST API, generated from Cloudflare's OpenAPI
 * description. Start at {@link dev.cloudflare4j.CloudflareClient}. The client's engine is
 * package-private in {@code dev.cloudflare4j}; {@code dev.cloudflare4j.internal}, not exported,
 * holds only what generated code and the library's other packages need public.
 */
module dev.cloudflare4j {
  // Types of OkHttp (and its okio) appear in the API: headers, bodies, a shared OkHttpClient;
  // generated interfaces and models carry Retrofit's and Moshi's annotations.
  requires transitive okhttp3;
  requires transitive okio;
  requires transitive retrofit2;
  requires transitive com.squareup.moshi;
  requires retrofit2.converter.moshi;
  requires jdk.httpserver;
  requires static info.picocli;

  exports dev.cloudflare4j;
  exports dev.cloudflare4j.api;
  exports dev.cloudflare4j.errors;
  exports dev.cloudflare4j.model;
  exports dev.cloudflare4j.sandbox;

  // Moshi makes the adapters generated for models, and Secret's, from their package-private
  // constructors.
  opens dev.cloudflare4j to
      com.squareup.moshi;
  opens dev.cloudflare4j.model to
      com.squareup.moshi;
  opens dev.cloudflare4j.internal to
      com.squareup.moshi;
  // The command line, run from its own jar, is picocli's to read.
  opens dev.cloudflare4j.cli to
      info.picocli;
}
