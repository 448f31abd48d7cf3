package dev.airlock.enforce;

import dev.airlock.proxy.HttpHead;
import dev.airlock.proxy.IncomingCall;
import dev.airlock.proxy.Verdict;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.Headers;
import dev.airlock.sigv4.PayloadHash;
import dev.airlock.sigv4.RequestView;
import dev.airlock.sigv4.SigV4Signer;
import dev.airlock.sigv4.SigningKeyCache;
import dev.airlock.sigv4.SigningResult;
import dev.airlock.sigv4.SigningTarget;
import dev.airlock.sigv4.Verified;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns an allowed call into the request sent upstream: the agent's signature, token and any
 * aws-chunked framing are removed, the body is passed on decoded, and the request is signed again
 * with the upstream credentials for the upstream host.
 */
final class Forwarder {

    /** Headers that belong to the agent's signature or to this hop, never forwarded. */
    private static final Set<String> DROPPED = Set.of("authorization", "x-amz-date", "x-amz-security-token",
            "x-amz-content-sha256", "x-amz-decoded-content-length", "x-amz-trailer", "host", "expect",
            "proxy-authorization", "proxy-connection", "connection", "keep-alive", "transfer-encoding", "content-length",
            // The agent's trailing checksum is verified here and not forwarded, so neither is its announcement.
            "x-amz-sdk-checksum-algorithm");
    private static final Set<String> PRESIGN_PARAMS = Set.of("x-amz-algorithm", "x-amz-credential", "x-amz-date",
            "x-amz-expires", "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token");

    private final Upstream upstream;
    private final SigV4Signer signer;

    Upstream upstream() {
        return upstream;
    }

    Forwarder(Upstream upstream, SigningKeyCache keys) {
        this.upstream = upstream;
        this.signer = new SigV4Signer(keys);
    }

    /**
     * @param buffered the body when the gate buffered it (API calls): its hash is signed; otherwise
     *     {@code streamed} is passed on as it is verified, signed as UNSIGNED-PAYLOAD
     */
    Verdict.Forward forward(IncomingCall call, Verified verified, Route route, Headers headers,
            java.util.Optional<byte[]> buffered, InputStream streamed, OptionalLong length, Instant now,
            Verdict.Meter meter) {
        String path = route.pathPrefix() + call.rawPath();
        String query = withoutPresignParams(call.rawQuery());
        Headers out = forwardedHeaders(headers, route.hostHeader());
        PayloadHash hash = buffered.map(PayloadHash::ofBody).orElse(PayloadHash.unsigned());
        InputStream body = buffered.<InputStream>map(java.io.ByteArrayInputStream::new).orElse(streamed);
        AwsCredentials creds = upstream.credentials().get();
        SigningResult signed = signer.sign(new RequestView(call.method(), path, query, out), creds,
                new SigningTarget(verified.scope().region(), verified.scope().service()), now, hash);
        return new Verdict.Forward(route.target(), head(call.method(), path, query, signed.applyTo(out)), body, length, meter);
    }

    private static Headers forwardedHeaders(Headers in, String host) {
        Headers.Builder b = Headers.builder();
        in.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (DROPPED.contains(lower)) {
                return;
            }
            for (String v : values) {
                if (lower.equals("content-encoding")) {
                    v = withoutAwsChunked(v);
                    if (v.isEmpty()) {
                        continue;
                    }
                }
                b.add(name, v);
            }
        });
        b.add("Host", host);
        return b.build();
    }

    private static String withoutAwsChunked(String encoding) {
        List<String> kept = new ArrayList<>();
        for (String part : encoding.split(",")) {
            if (!part.trim().equalsIgnoreCase("aws-chunked") && !part.isBlank()) {
                kept.add(part.trim());
            }
        }
        return String.join(",", kept);
    }

    private static String withoutPresignParams(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return rawQuery;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (!PRESIGN_PARAMS.contains(name)) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    private static HttpHead head(String method, String path, String query, Headers headers) {
        List<HttpHead.Header> lines = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(v -> lines.add(new HttpHead.Header(name, v))));
        return new HttpHead(method + " " + path + (query.isEmpty() ? "" : "?" + query) + " HTTP/1.1", lines);
    }
}
