package dev.airlock.callmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the mapper sees of one HTTP request, independent of any HTTP library: exactly the bytes the
 * enforcing endpoint will forward, before any normalisation.
 *
 * @param method the request method exactly as it is forwarded, e.g. {@code GET}: never normalised, since
 *     methods are case-sensitive and the upstream reads the one it is sent ({@code head} is no HEAD)
 * @param host the {@code Host} header (or HTTP/2 {@code :authority}), possibly with a port
 * @param rawPath the request target's path, still percent-encoded, starting with {@code /}
 * @param rawQuery the request target's query without the {@code ?}, still percent-encoded; empty
 *     when there is none
 * @param headers header name (any case) to its values in arrival order
 * @param body the buffered request body when the caller read it (see
 *     {@link CallMapper#needsBody}); empty when it was not read
 */
public record HttpRequestView(String method, String host, String rawPath, String rawQuery,
        Map<String, List<String>> headers, Optional<byte[]> body) {

    public HttpRequestView {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(copy);
        body = body.map(b -> Arrays.copyOf(b, b.length));
    }

    /** The buffered body, copied; empty when the caller did not read it. */
    @Override
    public Optional<byte[]> body() {
        return body.map(b -> Arrays.copyOf(b, b.length));
    }

    /** A request without a body. */
    public static HttpRequestView of(String method, String host, String rawPath, String rawQuery,
            Map<String, List<String>> headers) {
        return new HttpRequestView(method, host, rawPath, rawQuery, headers, Optional.empty());
    }

    /** This request with {@code bytes} as its buffered body. */
    public HttpRequestView withBody(byte[] bytes) {
        return new HttpRequestView(method, host, rawPath, rawQuery, headers, Optional.of(bytes));
    }

    /** All values of a header, ignoring the name's case; empty when absent. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /**
     * The single value of a header. Several values are joined with {@code ","} as HTTP allows for
     * list-valued fields; callers that must not accept repeats use {@link #headerValues}.
     */
    public Optional<String> header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }

    @Override
    public String toString() {
        return method + " " + host + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpRequestView v && method.equals(v.method) && host.equals(v.host)
                && rawPath.equals(v.rawPath) && rawQuery.equals(v.rawQuery) && headers.equals(v.headers)
                && body.isPresent() == v.body.isPresent()
                && (body.isEmpty() || Arrays.equals(body.get(), v.body.get()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, host, rawPath, rawQuery, headers, body.map(Arrays::hashCode).orElse(0));
    }
}
