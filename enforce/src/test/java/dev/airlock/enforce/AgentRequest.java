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
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request signed by hand as an agent would sign it, sent to the endpoint as raw bytes: the tests
 * choose every byte of the Host, the target and the body.
 */
final class AgentRequest {

    private static final SigV4Signer SIGNER = new SigV4Signer(new SigningKeyCache(16));

    String method = "GET";
    String host;
    String rawPath = "/";
    String rawQuery = "";
    String service = "s3";
    String region = "us-east-1";
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = new byte[0];
    /** Sign the body's hash (else UNSIGNED-PAYLOAD for S3, the hash anyway for other services). */
    boolean signBody;

    AgentRequest(String host) {
        this.host = host;
    }

    static AgentRequest s3(String method, String host, String rawPath, String rawQuery) {
        AgentRequest r = new AgentRequest(host);
        r.method = method;
        r.rawPath = rawPath;
        r.rawQuery = rawQuery;
        return r;
    }

    AgentRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    AgentRequest body(String text) {
        body = text.getBytes(StandardCharsets.UTF_8);
        signBody = true;
        return this;
    }

    /** The answer to a request. */
    record Answer(int status, String body) {}

    /** The request's bytes, signed with {@code creds} now. */
    byte[] bytes(AwsCredentials creds) {
        Headers.Builder h = Headers.builder().add("Host", host);
        headers.forEach(h::add);
        Headers unsigned = h.build();
        PayloadHash hash = signBody || !service.equals("s3") ? PayloadHash.ofBody(body) : PayloadHash.unsigned();
        var signed = SIGNER.sign(new RequestView(method, rawPath, rawQuery, unsigned), creds,
                new SigningTarget(region, service), Instant.now(), hash);
        StringBuilder head = new StringBuilder(method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery)
                + " HTTP/1.1\r\n");
        signed.applyTo(unsigned).forEach((n, vs) -> vs.forEach(v -> head.append(n).append(": ").append(v).append("\r\n")));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Sends the request on a connection of its own and reads the whole answer. */
    Answer send(int port, AwsCredentials creds) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(20_000);
            s.setTcpNoDelay(true);
            s.getOutputStream().write(bytes(creds));
            s.getOutputStream().flush();
            var in = new BufferedInputStream(s.getInputStream());
            HttpHead answer = HttpHeadReader.read(in).orElseThrow(() -> new IOException("no answer"));
            String text = method.equals("HEAD") ? "" : new String(Bodies.of(answer, in).readAllBytes(),
                    StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(answer.startLine().split(" ")[1]), text);
        }
    }

    /** Sends the request and resets the connection at once, without reading any answer. */
    void sendAndReset(int port, AwsCredentials creds) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.getOutputStream().write(bytes(creds));
        s.getOutputStream().flush();
        s.setSoLinger(true, 0);
        s.close();
    }
}
