package dev.cloudflare4j.sandbox;

import java.util.List;
import java.util.Map;

/**
 * A request the {@link CloudflareSandbox} received, for assertions in tests.
 *
 * @param method the HTTP method
 * @param path the raw (still percent-encoded) path, query included
 * @param headers the request headers by lower-case name
 * @param status the status the sandbox answered with
 */
public record SandboxRequest(
    String method, String path, Map<String, List<String>> headers, int status) {

  /** Copies the headers. */
  public SandboxRequest {
    headers = Map.copyOf(headers);
  }

  /** The first value of a header (by any case of its name), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Describes method, path and status; headers are left out, as they hold the credential. */
  @Override
  public String toString() {
    return method + " " + path + " -> " + status;
  }
}
