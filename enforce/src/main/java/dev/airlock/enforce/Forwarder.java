package dev.airlock.enforce;

import dev.airlock.callmap.Outbound;
import dev.airlock.proxy.HttpHead;
import dev.airlock.proxy.IncomingCall;
import dev.airlock.proxy.Verdict;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.Checksums;
import dev.airlock.sigv4.Headers;
import dev.airlock.sigv4.PayloadHash;
import dev.airlock.sigv4.RequestView;
import dev.airlock.sigv4.SigV4Signer;
import dev.airlock.sigv4.SigningKeyCache;
import dev.airlock.sigv4.SigningResult;
import dev.airlock.sigv4.SigningTarget;
import dev.airlock.sigv4.Verified;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns an allowed call into the request sent upstream, built from what the gate evaluated: the
 * route's host and path, the {@link Outbound}'s query, headers and rebuilt body. The agent's
 * signature, token and any aws-chunked framing are removed, a body the gate did not read is passed
 * on as it is verified, and the request is signed again with the upstream credentials.
 */
final class Forwarder {

    /** Headers that belong to the agent's signature or to this hop, never forwarded. */
    private static final Set<String> DROPPED = Set.of("authorization", "x-amz-date", "x-amz-security-token",
            "x-amz-content-sha256", "x-amz-decoded-content-length", "x-amz-trailer", "host", "expect",
            "proxy-authorization", "proxy-connection", "connection", "keep-alive", "transfer-encoding", "content-length",
            "te", "trailer", "upgrade",
            // The agent's trailing checksum is verified here and not forwarded, so neither is its announcement.
            "x-amz-sdk-checksum-algorithm");
    private static final String CHECKSUM = "x-amz-checksum-";

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
     * @param buffered the raw body when the gate buffered it to verify its signature; forwarded when
     *     the outbound request has no rebuilt body
     * @param streamed the verified body otherwise, signed as UNSIGNED-PAYLOAD
     */
    Verdict.Forward forward(IncomingCall call, Verified verified, Route route, Headers headers, Outbound outbound,
            Optional<byte[]> buffered, InputStream streamed, OptionalLong streamedLength, Instant now,
            Verdict.Meter meter) {
        Optional<byte[]> known = outbound.body().or(() -> buffered);
        Headers out = forwardedHeaders(headers, route.hostHeader(), outbound, verified.scope().service());
        PayloadHash hash = known.map(PayloadHash::ofBody).orElse(PayloadHash.unsigned());
        InputStream body = known.<InputStream>map(ByteArrayInputStream::new).orElse(streamed);
        OptionalLong length = known.map(b -> OptionalLong.of(b.length)).orElse(streamedLength);
        AwsCredentials creds = upstream.credentials().get();
        String query = outbound.rawQuery();
        SigningResult signed = signer.sign(new RequestView(call.method(), route.path(), query, out), creds,
                new SigningTarget(verified.scope().region(), verified.scope().service()), now, hash);
        return new Verdict.Forward(route.target(), head(call.method(), route.path(), query, signed.applyTo(out)), body,
                length, meter);
    }

    private static Headers forwardedHeaders(Headers in, String host, Outbound outbound, String service) {
        Optional<byte[]> rebuilt = outbound.body();
        Set<String> algorithms = rebuilt.isPresent() ? declaredChecksums(in) : Set.of();
        Headers.Builder b = Headers.builder();
        in.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean replaced = outbound.headers().containsKey(lower)
                    || (rebuilt.isPresent() && (lower.equals("content-md5") || lower.startsWith(CHECKSUM)));
            if (DROPPED.contains(lower) || replaced) {
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
        outbound.headers().forEach(b::add);
        if (rebuilt.isPresent()) {
            byte[] body = rebuilt.get();
            if (service.equals("s3") || in.contains("content-md5")) {
                b.add("Content-MD5", Checksums.contentMd5(body));
            }
            for (String algorithm : algorithms) {
                Checksums.flexible(algorithm, body).ifPresent(v -> b.add(CHECKSUM + algorithm, v));
            }
        }
        b.add("Host", host);
        return b.build();
    }

    /**
     * The flexible checksums the client gave for the body it sent (as headers, as trailers or by
     * name), to be computed again over the body that is forwarded instead.
     */
    private static Set<String> declaredChecksums(Headers in) {
        Set<String> out = new TreeSet<>();
        for (String name : in.names()) {
            if (name.startsWith(CHECKSUM) && !name.equals(CHECKSUM + "type")) {
                out.add(name.substring(CHECKSUM.length()));
            }
        }
        for (String trailer : in.all("x-amz-trailer")) {
            for (String t : trailer.split(",")) {
                String name = t.trim().toLowerCase(Locale.ROOT);
                if (name.startsWith(CHECKSUM)) {
                    out.add(name.substring(CHECKSUM.length()));
                }
            }
        }
        in.first("x-amz-sdk-checksum-algorithm").ifPresent(a -> out.add(a.trim().toLowerCase(Locale.ROOT)));
        return out;
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

    private static HttpHead head(String method, String path, String query, Headers headers) {
        List<HttpHead.Header> lines = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(v -> lines.add(new HttpHead.Header(name, v))));
        return new HttpHead(method + " " + path + (query.isEmpty() ? "" : "?" + query) + " HTTP/1.1", lines);
    }
}
