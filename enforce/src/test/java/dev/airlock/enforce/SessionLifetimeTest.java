package dev.airlock.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.proxy.Bodies;
import dev.airlock.proxy.HttpHead;
import dev.airlock.proxy.HttpHeadReader;
import dev.airlock.proxy.ProxyServer;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.Headers;
import dev.airlock.sigv4.IssuedCredentials;
import dev.airlock.sigv4.PayloadHash;
import dev.airlock.sigv4.RequestView;
import dev.airlock.sigv4.SigV4Signer;
import dev.airlock.sigv4.SigningKeyCache;
import dev.airlock.sigv4.SigningTarget;
import dev.airlock.testing.S3ProxyServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time and quantity limits of an enforced session, with requests signed by hand so their time and
 * count are exact: expired credentials, clock skew, and the per-session call limit.
 */
class SessionLifetimeTest {

    /** The agent's credentials, generated for this run; each test sets their expiry itself. */
    static final AwsCredentials AGENT = LocalCredentials.mint(Instant.now()).credentials();

    @TempDir
    Path dir;

    private record Setup(S3ProxyServer s3, ProxyServer endpoint, List<CallEvent> events) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            endpoint.close();
            s3.close();
        }
    }

    private Setup start(Instant expires, Limits limits) throws Exception {
        S3ProxyServer s3 = new S3ProxyServer(Files.createDirectories(dir.resolve("store")));
        s3.blobStore().createContainerInLocation(null, "bkt");
        s3.blobStore().putBlob("bkt", s3.blobStore().blobBuilder("k").payload("v").build());
        s3.blobStore().putBlob("bkt", s3.blobStore().blobBuilder("big").payload(new byte[8 << 20]).build());
        EnforcedSession session = new EnforcedSession("20261123T000000-life0000",
                new IssuedCredentials(AGENT, expires),
                Policy.parse("session", PolicyKind.IDENTITY, "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":"
                        + "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bkt/*\"}}"),
                "arn:aws:sts::111122223333:assumed-role/R/airlock", "111122223333", "aws",
                new Upstream.Fixed(s3.endpoint(), () -> AwsCredentials.permanent(S3ProxyServer.KEY, S3ProxyServer.SECRET)),
                limits, () -> false);
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        ProxyServer endpoint = ProxyServer.start(new EnforcingGate(session, events::add, Clock.systemUTC()),
                (s, h, in) -> {
                    throw new IOException("no TLS here");
                }, 8);
        return new Setup(s3, endpoint, events);
    }

    /** GET /bkt/k signed at {@code signedAt}; returns the status line and body. */
    private static String get(ProxyServer endpoint, Instant signedAt) throws IOException {
        return get(endpoint, signedAt, "/bkt/k");
    }

    private static String get(ProxyServer endpoint, Instant signedAt, String path) throws IOException {
        String host = "127.0.0.1:" + endpoint.port();
        Headers headers = Headers.builder().add("Host", host).build();
        var signed = new SigV4Signer(new SigningKeyCache(4)).sign(new RequestView("GET", path, "", headers),
                AGENT, new SigningTarget("us-east-1", "s3"), signedAt, PayloadHash.unsigned());
        StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
        signed.applyTo(headers).forEach((n, vs) -> vs.forEach(v -> req.append(n).append(": ").append(v).append("\r\n")));
        req.append("Connection: close\r\n\r\n");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            var in = new BufferedInputStream(s.getInputStream());
            HttpHead head = HttpHeadReader.read(in).orElseThrow();
            try {
                return head.startLine() + "\n" + new String(Bodies.of(head, in).readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException cutOff) {
                return head.startLine() + "\n(cut off: " + cutOff.getMessage() + ")";
            }
        }
    }

    /** The endpoint records a call after its response is flushed, so a client can be quicker than the record. */
    private static void awaitEvents(Setup s, int n) throws InterruptedException {
        for (int i = 0; i < 200 && s.events().size() < n; i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void expiredSessionCredentialsAreRefusedLocally() throws Exception {
        try (Setup s = start(Instant.now().minus(Duration.ofSeconds(1)), Limits.unlimited())) {
            String r = get(s.endpoint(), Instant.now());
            assertThat(r).startsWith("HTTP/1.1 400").contains("ExpiredToken");
            awaitEvents(s, 1);
            assertThat(s.events()).extracting(CallEvent::decision).containsExactly("refused");
        }
    }

    @Test
    void aRequestSignedOutsideTheAllowedClockSkewIsRefused() throws Exception {
        try (Setup s = start(Instant.now().plus(Duration.ofHours(1)), Limits.unlimited())) {
            assertThat(get(s.endpoint(), Instant.now())).startsWith("HTTP/1.1 200").endsWith("v");
            assertThat(get(s.endpoint(), Instant.now().minus(Duration.ofMinutes(20)))).startsWith("HTTP/1.1 403")
                    .contains("RequestTimeTooSkewed");
            assertThat(get(s.endpoint(), Instant.now().minus(Duration.ofMinutes(14)))).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void callsBeyondTheSessionsLimitAreRefused() throws Exception {
        try (Setup s = start(Instant.now().plus(Duration.ofHours(1)), new Limits(2, Long.MAX_VALUE))) {
            assertThat(get(s.endpoint(), Instant.now())).startsWith("HTTP/1.1 200");
            assertThat(get(s.endpoint(), Instant.now())).startsWith("HTTP/1.1 200");
            assertThat(get(s.endpoint(), Instant.now())).startsWith("HTTP/1.1 403").contains("reached its limit on calls");
        }
    }

    @Test
    void aDownloadIsCutOffWhenItTakesTheSessionOverItsByteLimit() throws Exception {
        try (Setup s = start(Instant.now().plus(Duration.ofHours(1)), new Limits(Long.MAX_VALUE, 1 << 20))) {
            String r = get(s.endpoint(), Instant.now(), "/bkt/big");
            assertThat(r).startsWith("HTTP/1.1 200").contains("cut off");
            awaitEvents(s, 1);
            assertThat(s.events()).anyMatch(e -> e.status() == ProxyServer.ABORTED);
            assertThat(get(s.endpoint(), Instant.now())).startsWith("HTTP/1.1 403").contains("reached its limit on bytes");
        }
    }
}
