package dev.airlock.proxy;

/** Where a request line points: authority, raw path and raw query (both still percent-encoded). */
record Target(String authority, String rawPath, String rawQuery) {

    static Target parse(String requestTarget, String tunnelHost, HttpHead head) throws HttpParseException {
        String rest = requestTarget;
        String authority;
        if (rest.startsWith("http://") || rest.startsWith("https://")) {
            int start = rest.indexOf("://") + 3;
            int slash = rest.indexOf('/', start);
            authority = slash < 0 ? rest.substring(start) : rest.substring(start, slash);
            rest = slash < 0 ? "/" : rest.substring(slash);
        } else if (rest.startsWith("/")) {
            authority = tunnelHost != null ? tunnelHost : head.first("Host")
                    .orElseThrow(() -> new HttpParseException(400, "request without a Host header"));
        } else {
            throw new HttpParseException(400, "unsupported request target");
        }
        int q = rest.indexOf('?');
        return new Target(authority, q < 0 ? rest : rest.substring(0, q), q < 0 ? "" : rest.substring(q + 1));
    }
}
