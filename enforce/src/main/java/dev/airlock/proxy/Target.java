package dev.airlock.proxy;

import java.util.Optional;

/**
 * Where a request line points: authority, raw path and raw query (both still percent-encoded).
 * Only printable US-ASCII is accepted in a target (RFC 3986), and no fragment. An absolute target
 * must name the same authority as the tunnel it arrives in, or, outside a tunnel, as its Host
 * header: a request that names two hosts is refused rather than read as either.
 */
record Target(String authority, String rawPath, String rawQuery) {

    static Target parse(String requestTarget, String tunnelHost, HttpHead head) throws HttpParseException {
        for (int i = 0; i < requestTarget.length(); i++) {
            char c = requestTarget.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                throw new HttpParseException(400, "the request target holds a character URLs do not allow");
            }
        }
        String rest = requestTarget;
        String authority;
        if (rest.startsWith("http://") || rest.startsWith("https://")) {
            int start = rest.indexOf("://") + 3;
            int slash = rest.indexOf('/', start);
            authority = slash < 0 ? rest.substring(start) : rest.substring(start, slash);
            rest = slash < 0 ? "/" : rest.substring(slash);
            int defaultPort = requestTarget.startsWith("https") ? 443 : 80;
            Authority named = Authority.parse(authority, defaultPort).orElseThrow(
                    () -> new HttpParseException(400, "malformed authority in the request target"));
            String other = tunnelHost != null ? tunnelHost : head.first("Host").orElse(authority);
            Optional<Authority> expected = Authority.parse(other, tunnelHost != null ? 443 : defaultPort);
            if (expected.isEmpty() || !expected.get().equals(named)) {
                throw new HttpParseException(400, "the request target names " + named + " but the "
                        + (tunnelHost != null ? "tunnel" : "Host header") + " names " + other);
            }
        } else if (rest.startsWith("/")) {
            authority = tunnelHost != null ? tunnelHost : head.first("Host")
                    .orElseThrow(() -> new HttpParseException(400, "request without a Host header"));
        } else {
            throw new HttpParseException(400, "unsupported request target");
        }
        if (head.all("Host").size() > 1) {
            throw new HttpParseException(400, "more than one Host header");
        }
        int q = rest.indexOf('?');
        return new Target(authority, q < 0 ? rest : rest.substring(0, q), q < 0 ? "" : rest.substring(q + 1));
    }
}
