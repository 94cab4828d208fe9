package dev.cloudflare4j.internal;

import com.squareup.moshi.JsonAdapter;
import okhttp3.Request;

/**
 * A checked, built request of a generated operation, not yet sent, with the adapter that reads its
 * successful answer (null when the operation returns nothing).
 *
 * @param request the request Retrofit built from the generated method and its arguments
 * @param adapter reads the answer's body as the operation's response type
 * @param scheme the one credential scheme to send (from the operation's plan), or null for none
 * @param <T> the operation's response type
 */
public record PreparedCall<T>(Request request, JsonAdapter<T> adapter, Credentials.Scheme scheme) {}
