package dev.cloudflare4j;

import okhttp3.Request;

/**
 * A checked, built request of a generated operation, not yet sent, with what its answer is read as
 * and the credential its plan chose.
 *
 * @param operationId the operation's id in the spec
 * @param request the request Retrofit built from the generated method and its arguments, before the
 *     client's headers and credential are set ({@link OutgoingHeaders})
 * @param reader turns a successful answer into the call's value
 * @param scheme the one credential scheme to send (from the operation's plan), or null for none
 * @param bearer a token to send instead of the client's credential, or null: how a leaked token is
 *     verified with itself
 * @param <R> the call's value
 */
record PreparedCall<R>(
    String operationId,
    Request request,
    ResponseReader<R> reader,
    Credentials.Scheme scheme,
    dev.cloudflare4j.Secret bearer) {

  /** The same call with the request replaced. */
  public PreparedCall<R> withRequest(Request changed) {
    return new PreparedCall<>(operationId, changed, reader, scheme, bearer);
  }

  /** The same call, authenticated by the given token instead of the client's credential. */
  public PreparedCall<R> withBearer(dev.cloudflare4j.Secret token) {
    return new PreparedCall<>(operationId, request, reader, scheme, token);
  }
}
