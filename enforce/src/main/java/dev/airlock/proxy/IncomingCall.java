package dev.airlock.proxy;

import java.io.InputStream;

/**
 * One request as the endpoint received it, before any check.
 *
 * @param authority the host (and port) the client was talking to: the CONNECT target inside a
 *     tunnel, else the request's absolute URI or Host header
 * @param secure whether it arrived over TLS (a CONNECT tunnel), for {@code aws:SecureTransport}
 * @param body the request body with its HTTP framing removed; read it at most once
 */
public record IncomingCall(String authority, boolean secure, HttpHead head, String method, String rawPath,
        String rawQuery, String clientIp, InputStream body) {}
