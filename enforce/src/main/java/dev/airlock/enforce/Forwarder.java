package dev.airlock.enforce;

import dev.airlock.proxy.HttpHead;
import dev.airlock.proxy.IncomingCall;
import dev.airlock.proxy.Verdict;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.Headers;
import dev.airlock.sigv4.PayloadHash;
import dev.airlock.sigv4.PayloadMode;
import dev.airlock.sigv4.RequestView;
import dev.airlock.sigv4.SigV4Signer;
import dev.airlock.sigv4.SigningKeyCache;
import dev.airlock.sigv4.SigningResult;
import dev.airlock.sigv4.SigningTarget;
import dev.airlock.sigv4.Verified;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an allowed call into the request sent upstream: the agent's signature, token and any
 * aws-chunked framing are removed, the body is passed on decoded, and the request is signed again
 * with the upstream credentials for the upstream host.
 */
final class Forwarder {

    /** Headers that belong to the agent's signature or to this hop, never forwarded. */
    private static final Set<String> DROPPED = Set.of("authorization", "x-amz-date", "x-amz-security-token",
            "x-amz-content-sha256", "x-amz-decoded-content-length", "x-amz-trailer", "host", "expect",
            "proxy-authorization", "proxy-connection", "connection", "keep-alive", "transfer-encoding", "content-length");
    private static final Set<String> PRESIGN_PARAMS = Set.of("x-amz-algorithm", "x-amz-credential", "x-amz-date",
            "x-amz-expires", "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token");
    private static final Pattern VIRTUAL_HOST = Pattern.compile("(.+)\\.s3(?:[.-][a-z0-9-]+)*\\.amazonaws\\.com(?::\\d+)?");

    private final Upstream upstream;
    private final SigV4Signer signer;

    Forwarder(Upstream upstream, SigningKeyCache keys) {
        this.upstream = upstream;
        this.signer = new SigV4Signer(keys);
    }

    Verdict.Forward forward(IncomingCall call, Verified verified, Headers headers, InputStream body, OptionalLong length,
            Instant now) {
        String host = call.head().first("Host").orElse(call.authority());
        String path = call.rawPath();
        URI target;
        if (upstream instanceof Upstream.Fixed fixed) {
            target = fixed.endpoint();
            Matcher m = VIRTUAL_HOST.matcher(host.toLowerCase(Locale.ROOT));
            if (verified.scope().service().equals("s3") && m.matches()) {
                path = "/" + m.group(1) + path;
            }
            host = fixed.endpoint().getAuthority();
        } else {
            host = stripDefaultPort(host);
            if (host.startsWith("127.") || host.startsWith("localhost") || host.startsWith("[::1]")) {
                // A client configured with AWS_ENDPOINT_URL names the endpoint, not the service.
                host = awsHost(verified.scope().service(), verified.scope().region());
            }
            target = URI.create("https://" + host);
        }
        String query = withoutPresignParams(call.rawQuery());
        Headers out = forwardedHeaders(headers, host, length);
        boolean knownBody = verified.payloadMode() == PayloadMode.SIGNED && verified.payload().decodedContentLength().isEmpty()
                && body instanceof java.io.ByteArrayInputStream;
        PayloadHash hash = knownBody ? PayloadHash.ofBody(readAll(body)) : PayloadHash.unsigned();
        if (knownBody) {
            body = new java.io.ByteArrayInputStream(lastRead);
        }
        AwsCredentials creds = upstream.credentials().get();
        SigningResult signed = signer.sign(new RequestView(call.method(), path, query, out), creds,
                new SigningTarget(verified.scope().region(), verified.scope().service()), now, hash);
        Headers finalHeaders = signed.applyTo(out);
        return new Verdict.Forward(target, head(call.method(), path, query, finalHeaders), body, length);
    }

    private byte[] lastRead = new byte[0];

    private byte[] readAll(InputStream in) {
        try {
            lastRead = in.readAllBytes();
            return lastRead;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Headers forwardedHeaders(Headers in, String host, OptionalLong length) {
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

    /** The regional endpoint of a service, which is where nearly every service answers. */
    static String awsHost(String service, String region) {
        if (service.equals("iam")) {
            return "iam.amazonaws.com";
        }
        return service + "." + region + ".amazonaws.com";
    }

    private static String stripDefaultPort(String host) {
        return host.endsWith(":443") ? host.substring(0, host.length() - 4) : host;
    }

    private static HttpHead head(String method, String path, String query, Headers headers) {
        List<HttpHead.Header> lines = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(v -> lines.add(new HttpHead.Header(name, v))));
        return new HttpHead(method + " " + path + (query.isEmpty() ? "" : "?" + query) + " HTTP/1.1", lines);
    }
}
