package dev.cloudflare4j;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings for calls that override the client's: timeout per attempt, retries, extra headers.
 * Options layer: the client's settings, then a service's ({@code tokens.withOptions(...)}), then a
 * call's own; each layer overrides only what it sets, and headers accumulate, a later one replacing
 * one of the same name.
 *
 * <pre>{@code
 * RequestOptions.builder().timeout(Duration.ofSeconds(5)).maxRetries(5).build()
 * }</pre>
 */
public final class RequestOptions {

  private static final RequestOptions NONE = builder().build();

  private final Duration timeout;
  private final Integer maxRetries;
  private final Map<String, String> headers;

  private RequestOptions(Builder builder) {
    this.timeout = builder.timeout;
    this.maxRetries = builder.maxRetries;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
  }

  /** Starts building options. */
  public static Builder builder() {
    return new Builder();
  }

  /** No overrides: the client's settings apply. */
  public static RequestOptions none() {
    return NONE;
  }

  /**
   * These options with {@code later} over them, as a call given both applies them: {@code later}
   * overrides only what it sets, and its headers are added, each replacing one of the same name.
   */
  RequestOptions then(RequestOptions later) {
    Objects.requireNonNull(later, "options must not be null");
    if (later == NONE) {
      return this;
    }
    if (this == NONE) {
      return later;
    }
    Builder layered = builder();
    layered.timeout = later.timeout != null ? later.timeout : timeout;
    layered.maxRetries = later.maxRetries != null ? later.maxRetries : maxRetries;
    layered.headers.putAll(CallOptions.layered(headers, later.headers));
    return layered.build();
  }

  /** The timeout of each attempt, if overridden. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** The number of retries after the first attempt, if overridden. */
  public OptionalInt maxRetries() {
    return maxRetries == null ? OptionalInt.empty() : OptionalInt.of(maxRetries);
  }

  /** Extra headers to send, by name. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Describes the options; header values are left out, as they may be private. */
  @Override
  public String toString() {
    return "RequestOptions{timeout="
        + timeout
        + ", maxRetries="
        + maxRetries
        + ", headers="
        + headers.keySet()
        + "}";
  }

  /** Builds {@link RequestOptions}. */
  public static final class Builder {

    private Duration timeout;
    private Integer maxRetries;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {}

    /** The timeout of each attempt (connect, send, wait and read); must be positive. */
    public Builder timeout(Duration timeout) {
      this.timeout = CloudflareClient.checkTimeout(timeout);
      return this;
    }

    /** How many times to retry after the first attempt; 0 for none. */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = CloudflareClient.checkMaxRetries(maxRetries);
      return this;
    }

    /**
     * Adds a header to send, replacing one of the same name the client would send (such as {@code
     * User-Agent}).
     *
     * @throws IllegalArgumentException for a credential header ({@code Authorization}, {@code
     *     X-Auth-*}, {@code Cookie}), which only the client's authentication sets, or a name or
     *     value that cannot travel in HTTP
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name must not be null");
      Objects.requireNonNull(value, "header value must not be null");
      // Only the client's own authentication sets these.
      if (Credentials.isSecretHeader(name)) {
        throw new IllegalArgumentException(
            "header "
                + name
                + " carries credentials and cannot be set through RequestOptions: configure"
                + " the client's credential instead");
      }
      if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
        throw new IllegalArgumentException("header name " + name + " is not a valid HTTP name");
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c != '\t' && (c < 0x20 || c > 0x7e)) {
          // The value is not echoed: it may be private.
          throw new IllegalArgumentException(
              "header " + name + " value holds a control or non-ASCII character at index " + i);
        }
      }
      // HTTP names are case-insensitive: a second header of the same name replaces the first.
      headers.keySet().removeIf(set -> set.equalsIgnoreCase(name));
      headers.put(name, value);
      return this;
    }

    /** Builds the options. */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
