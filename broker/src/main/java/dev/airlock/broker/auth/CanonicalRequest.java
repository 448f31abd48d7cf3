package dev.airlock.broker.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request target in the one form both the signature and the router read. Anything that two
 * readers could take differently is refused rather than normalised: percent-escapes (so no
 * {@code %2F}), empty and dot segments, a trailing slash, a lower-case method, duplicate or
 * unsorted query parameters, characters outside the unreserved set. A client that builds its
 * request from the API's own paths never meets these refusals.
 *
 * @param method upper-case, one of the API's methods
 * @param path from {@code /}, segments of unreserved characters only
 * @param query {@code k=v&k2=v2} sorted by key, or empty
 */
public record CanonicalRequest(String method, String path, String query) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "DELETE");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9._~-]*");
    private static final Pattern PARAM = Pattern.compile("([a-z][a-zA-Z0-9]*)=([A-Za-z0-9._~:-]*)");

    public CanonicalRequest {
        method(method);
        path(path);
        query(query);
    }

    /** Splits a request line's target ({@code /v1/x?a=b}) into path and query, refusing non-canonical ones. */
    public static CanonicalRequest of(String method, String target) {
        int q = target.indexOf('?');
        if (q == target.length() - 1) {
            throw new NonCanonicalException("an empty query: leave out the ?");
        }
        return q < 0 ? new CanonicalRequest(method, target, "")
                : new CanonicalRequest(method, target.substring(0, q), target.substring(q + 1));
    }

    private static void method(String method) {
        if (!METHODS.contains(method)) {
            throw new NonCanonicalException("method \"" + method + "\" is not one of GET, POST, DELETE (upper case)");
        }
    }

    private static void path(String path) {
        if (path.equals("/")) {
            return;
        }
        if (!path.startsWith("/") || path.endsWith("/")) {
            throw new NonCanonicalException("path must start with / and not end with one");
        }
        for (String segment : path.substring(1).split("/", -1)) {
            // A segment starting with a dot covers "." and ".."; "" is an empty segment (//).
            if (!SEGMENT.matcher(segment).matches()) {
                throw new NonCanonicalException("path segment \"" + segment + "\" is empty, a dot segment or holds "
                        + "characters outside A-Z a-z 0-9 - . _ ~ (no percent-escapes)");
            }
        }
    }

    private static void query(String query) {
        if (query.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (String pair : query.split("&", -1)) {
            var m = PARAM.matcher(pair);
            if (!m.matches()) {
                throw new NonCanonicalException("query parameter \"" + pair + "\" is not name=value of unreserved "
                        + "characters (no percent-escapes)");
            }
            String name = m.group(1);
            if (!seen.add(name)) {
                throw new NonCanonicalException("query parameter \"" + name + "\" given twice");
            }
            if (name.compareTo(previous) < 0) {
                throw new NonCanonicalException("query parameters must be sorted by name");
            }
            previous = name;
        }
    }

    /** The value of query parameter {@code name}, if given. */
    public java.util.Optional<String> param(String name) {
        if (query.isEmpty()) {
            return java.util.Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return java.util.Optional.of(pair.substring(eq + 1));
            }
        }
        return java.util.Optional.empty();
    }

    /** The lines signed for this request, with the caller's identity, time, nonce and body. */
    public String stringToSign(ClientId client, long timestampMillis, String nonce, byte[] body) {
        return String.join("\n", RequestSigner.ALGORITHM, client.value(), Long.toString(timestampMillis), nonce,
                method, path, query, sha256Hex(body));
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A target that is not in the canonical form; answered 400 and changes nothing. */
    public static final class NonCanonicalException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NonCanonicalException(String message) {
            super(message);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
