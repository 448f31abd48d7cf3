package dev.airlock.enforce;

import dev.airlock.proxy.Bodies;
import dev.airlock.proxy.HttpHead;
import dev.airlock.proxy.HttpHeadReader;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.Headers;
import dev.airlock.sigv4.PayloadHash;
import dev.airlock.sigv4.RequestView;
import dev.airlock.sigv4.SigV4Signer;
import dev.airlock.sigv4.SigningKeyCache;
import dev.airlock.sigv4.SigningTarget;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-signed request for the red-team tests, more liberal than {@link AgentRequest}: a header
 * may be given several times, extra raw header lines can be added after signing, the body framing
 * is the test's choice, and several requests can be written on one connection.
 */
final class RedTeamRaw {

    private static final SigV4Signer SIGNER = new SigV4Signer(new SigningKeyCache(16));

    String method = "GET";
    /** The Host header; null for none. */
    String host;
    String rawPath = "/";
    String rawQuery = "";
    String service = "s3";
    String region = "us-east-1";
    String httpVersion = "HTTP/1.1";
    final List<String[]> headers = new ArrayList<>();
    /** Header lines added after signing, written as they are. */
    final List<String> unsignedLines = new ArrayList<>();
    byte[] body = new byte[0];
    /** The x-amz-content-sha256 to sign with; null: UNSIGNED-PAYLOAD for S3, the body's hash otherwise. */
    PayloadHash hash;
    /** Write Content-Length (else the test frames the body itself through unsignedLines). */
    boolean contentLength = true;
    boolean close = true;
    /** Rewrites the Authorization value after signing (the signature stays the one computed). */
    java.util.function.UnaryOperator<String> authorization = a -> a;

    static RedTeamRaw s3(String method, String host, String rawPath, String rawQuery) {
        RedTeamRaw r = new RedTeamRaw();
        r.method = method;
        r.host = host;
        r.rawPath = rawPath;
        r.rawQuery = rawQuery;
        return r;
    }

    RedTeamRaw header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    RedTeamRaw body(String text) {
        body = text.getBytes(StandardCharsets.UTF_8);
        hash = PayloadHash.ofBody(body);
        return this;
    }

    RedTeamRaw keepAlive() {
        close = false;
        return this;
    }

    /** The request's bytes, signed with {@code creds} now. */
    byte[] bytes(AwsCredentials creds) {
        Headers.Builder h = Headers.builder();
        if (host != null) {
            h.add("Host", host);
        }
        headers.forEach(kv -> h.add(kv[0], kv[1]));
        Headers unsigned = h.build();
        PayloadHash payload = hash != null ? hash : service.equals("s3") ? PayloadHash.unsigned()
                : PayloadHash.ofBody(body);
        var signed = SIGNER.sign(new RequestView(signingMethod(), rawPath, rawQuery, unsigned), creds,
                new SigningTarget(region, service), Instant.now(), payload);
        StringBuilder head = new StringBuilder(method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery)
                + " " + httpVersion + "\r\n");
        if (host != null) {
            head.append("Host: ").append(host).append("\r\n");
        }
        for (String[] kv : headers) {
            head.append(kv[0]).append(": ").append(kv[1]).append("\r\n");
        }
        signed.headersToSet().forEach((n, v) -> head.append(n).append(": ")
                .append(n.equalsIgnoreCase("Authorization") ? authorization.apply(v) : v).append("\r\n"));
        unsignedLines.forEach(l -> head.append(l).append("\r\n"));
        if (contentLength) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The method as signed: the method token as sent (SigV4 signs it as it is). */
    private String signingMethod() {
        return method;
    }

    /** One answer read off a connection. */
    record Answer(int status, String head, String body) {}

    /** Sends the request on a connection of its own and reads one answer. */
    Answer send(int port, AwsCredentials creds) throws IOException {
        return exchange(port, List.of(bytes(creds)), 1).get(0);
    }

    /** Writes {@code writes} in order on one connection, then reads up to {@code answers} answers. */
    static List<Answer> exchange(int port, List<byte[]> writes, int answers) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(15_000);
            s.setTcpNoDelay(true);
            for (byte[] w : writes) {
                s.getOutputStream().write(w);
            }
            s.getOutputStream().flush();
            InputStream in = new BufferedInputStream(s.getInputStream());
            List<Answer> out = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                Answer a;
                try {
                    a = read(in, false);
                } catch (SocketTimeoutException | java.net.SocketException e) {
                    break;
                }
                if (a == null) {
                    break;
                }
                out.add(a);
            }
            return out;
        }
    }

    static Answer read(InputStream in, boolean head) throws IOException {
        var answer = HttpHeadReader.read(in);
        if (answer.isEmpty()) {
            return null;
        }
        HttpHead h = answer.get();
        int status = Integer.parseInt(h.startLine().split(" ")[1]);
        if (status == 100) {
            return read(in, head);
        }
        String text = head ? "" : new String(Bodies.of(h, in).readAllBytes(), StandardCharsets.UTF_8);
        return new Answer(status, new String(h.bytes(), StandardCharsets.ISO_8859_1), text);
    }
}
