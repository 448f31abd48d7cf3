package dev.airlock.sigv4;

import java.util.Optional;

/**
 * What SigV4 needs of an HTTP request, independent of any HTTP library.
 *
 * @param method the request method exactly as received (e.g. {@code GET})
 * @param rawPath the path exactly as received on the request line, still percent-encoded; {@code ""} means {@code /}
 * @param rawQuery the query exactly as received, without the {@code ?}; {@code ""} when there is none
 * @param headers the request headers
 */
public record RequestView(String method, String rawPath, String rawQuery, Headers headers) {

    public RequestView {
        if (method.isEmpty()) {
            throw new IllegalArgumentException("empty method");
        }
        if (rawQuery.startsWith("?")) {
            throw new IllegalArgumentException("rawQuery must not include the leading '?'");
        }
        if (!rawPath.isEmpty() && rawPath.charAt(0) != '/') {
            throw new IllegalArgumentException("rawPath must be origin-form (start with '/'): " + rawPath);
        }
    }

    /** Splits an origin-form request target ({@code /path?query}) as found on the request line. */
    public static RequestView of(String method, String requestTarget, Headers headers) {
        int q = requestTarget.indexOf('?');
        return q < 0
                ? new RequestView(method, requestTarget, "", headers)
                : new RequestView(method, requestTarget.substring(0, q), requestTarget.substring(q + 1), headers);
    }

    /** The payload hash claim: the value of {@code x-amz-content-sha256}, if any. */
    public Optional<String> payloadHashClaim() {
        return headers.first(SigV4.X_AMZ_CONTENT_SHA256);
    }

    public RequestView withHeaders(Headers replacement) {
        return new RequestView(method, rawPath, rawQuery, replacement);
    }
}
