package dev.airlock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The socket side of the endpoint against a real local HTTP server: framing, streaming, refusals of
 * malformed input, and the connection limit. The gate here forwards everything except paths under
 * /deny, so these tests exercise only the plumbing.
 */
class ProxyServerTest {

    HttpServer upstream;
    ProxyServer proxy;
    final AtomicLong upstreamReceived = new AtomicLong();
    final AtomicLong upstreamRequests = new AtomicLong();
    final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CountDownLatch> slow =
            new java.util.concurrent.atomic.AtomicReference<>(new java.util.concurrent.CountDownLatch(0));
    Gate proxyGate;
    final List<Integer> completedStatuses = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", ex -> {
            upstreamRequests.incrementAndGet();
            if (ex.getRequestURI().getPath().startsWith("/slow")) {
                try {
                    slow.get().await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try (ex) {
                MessageDigest sha = sha256();
                long n = 0;
                byte[] buf = new byte[65536];
                int r;
                InputStream in = ex.getRequestBody();
                while ((r = in.read(buf)) >= 0) {
                    sha.update(buf, 0, r);
                    n += r;
                }
                upstreamReceived.set(n);
                if (ex.getRequestURI().getPath().startsWith("/big")) {
                    long size = Long.parseLong(ex.getRequestURI().getQuery());
                    ex.sendResponseHeaders(200, size);
                    try (OutputStream out = ex.getResponseBody()) {
                        byte[] chunk = new byte[65536];
                        for (long left = size; left > 0; left -= chunk.length) {
                            out.write(chunk, 0, (int) Math.min(chunk.length, left));
                        }
                    }
                    return;
                }
                byte[] body = (ex.getRequestMethod() + " " + ex.getRequestURI() + " " + n + " "
                        + HexFormat.of().formatHex(sha.digest())).getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        upstream.start();
        URI target = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
        Gate gate = new Gate() {
            @Override
            public Verdict decide(IncomingCall call) {
                if (call.rawPath().startsWith("/deny")) {
                    return new Verdict.Respond(403, "Forbidden", "application/xml",
                            "<Error><Code>AccessDenied</Code></Error>".getBytes(StandardCharsets.UTF_8));
                }
                OptionalLong length = call.head().contentLength().map(OptionalLong::of).orElse(OptionalLong.empty());
                return new Verdict.Forward(target, call.head(), call.body(), call.head().chunked() ? OptionalLong.empty() : length.isPresent() ? length : OptionalLong.of(0));
            }

            @Override
            public synchronized void completed(IncomingCall call, Verdict v, Gate.Completion done) {
                completedStatuses.add(done.status());
            }
        };
        proxyGate = gate;
        proxy = ProxyServer.start(gate, (s, h, in) -> {
            throw new IOException("no TLS in this test");
        }, 4);
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.stop(0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Socket client() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(20_000);
        return s;
    }

    private static String readHead(InputStream in) throws IOException {
        return HttpHeadReader.read(in).map(h -> h.startLine() + "\n" + h.headers()).orElse("");
    }

    @Test
    void forwardsRequestsOnOneKeptAliveConnection() throws IOException {
        try (Socket s = client()) {
            OutputStream out = s.getOutputStream();
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            for (int i = 0; i < 3; i++) {
                out.write(("PUT /bucket/key" + i + "?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                HttpHead head = HttpHeadReader.read(in).orElseThrow();
                assertThat(head.startLine()).isEqualTo("HTTP/1.1 200 OK");
                String body = new String(Bodies.of(head, in).readAllBytes(), StandardCharsets.UTF_8);
                assertThat(body).startsWith("PUT /bucket/key" + i + "?x=1 5 2cf24dba");
            }
        }
    }

    @Test
    void streamsAChunkedUploadAndALargeDownloadWithoutBuffering() throws IOException {
        long size = 256L * 1024 * 1024;
        try (Socket s = client()) {
            OutputStream out = s.getOutputStream();
            out.write("POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            Bodies.ChunkedOut chunked = new Bodies.ChunkedOut(out);
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                chunked.write(block, 0, block.length);
            }
            chunked.close();
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            HttpHead head = HttpHeadReader.read(in).orElseThrow();
            Bodies.drain(Bodies.of(head, in));
            assertThat(upstreamReceived.get()).isEqualTo(64L << 20);
            out.write(("GET /big?" + size + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            HttpHead big = HttpHeadReader.read(in).orElseThrow();
            long got = Bodies.copy(Bodies.of(big, in), OutputStream.nullOutputStream());
            assertThat(got).isEqualTo(size);
        }
    }

    @Test
    void aDeniedCallGetsTheGatesAnswerAndItsBodyIsNotForwarded() throws IOException {
        try (Socket s = client()) {
            s.getOutputStream().write("PUT /deny/x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            HttpHead head = HttpHeadReader.read(in).orElseThrow();
            assertThat(head.startLine()).isEqualTo("HTTP/1.1 403 Forbidden");
            assertThat(new String(Bodies.of(head, in).readAllBytes(), StandardCharsets.UTF_8)).contains("AccessDenied");
            assertThat(upstreamReceived.get()).isZero();
        }
    }

    @Test
    void malformedAndOversizedHeadsAreRefusedAndTheEndpointKeepsServing() throws IOException {
        assertThat(rawExchange("GET /x HTTP/1.1\r\nBad Header Line\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(rawExchange("GET /x HTTP/1.1\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n")).startsWith("HTTP/1.1 431");
        assertThat(rawExchange("NONSENSE\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(rawExchange("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(rawExchange("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\nabc"))
                .startsWith("HTTP/1.1 400");
        assertThat(rawExchange("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(rawExchange("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void aTruncatedBodyIsNotCompletedUpstream() throws Exception {
        try (Socket s = client()) {
            s.getOutputStream().write("PUT /t HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly-part".getBytes(StandardCharsets.ISO_8859_1));
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            assertThat(got.toString(StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/1.1 200");
        }
        assertThat(rawExchange("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    /**
     * A client that does not wait for 100-continue sends its whole body while the refusal is
     * written: it must still read the error, not a reset connection.
     */
    @Test
    void aRefusedUploadWhoseBodyComesAnywayStillGetsItsError() throws Exception {
        for (int round = 0; round < 5; round++) {
            try (Socket s = client()) {
                int size = 4 << 20;
                OutputStream out = s.getOutputStream();
                out.write(("PUT /deny/upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " + size
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                // A simple client: it sends its whole body, and only then reads the answer.
                Thread.sleep(50);
                out.write(new byte[size]);
                out.flush();
                InputStream in = new java.io.BufferedInputStream(s.getInputStream());
                HttpHead head = HttpHeadReader.read(in).orElseThrow();
                assertThat(head.startLine()).isEqualTo("HTTP/1.1 403 Forbidden");
                assertThat(new String(Bodies.of(head, in).readAllBytes(), StandardCharsets.UTF_8)).contains("AccessDenied");
            }
        }
        assertThat(upstreamRequests.get()).isZero();
    }

    @Test
    void idleAndSlowConnectionsNeverStarveARequest() throws IOException {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket idle = client();
                if (i % 2 == 0) {
                    // a head that never ends
                    idle.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\nX-A: ".getBytes(StandardCharsets.ISO_8859_1));
                }
                held.add(idle);
            }
            assertThat(rawExchange("GET /x HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void beyondItsConnectionCapTheLongestWaitingConnectionMakesRoom() throws Exception {
        try (ProxyServer small = ProxyServer.start(proxyGate, (s, h, in) -> {
            throw new IOException("no TLS");
        }, new ProxyServer.Settings(4, 8, 8, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(1)),
                host -> true, a -> false)) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    held.add(new Socket(InetAddress.getLoopbackAddress(), small.port()));
                }
                Thread.sleep(100);
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), small.port())) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    assertThat(readHead(new java.io.BufferedInputStream(s.getInputStream()))).startsWith("HTTP/1.1 200");
                }
                assertThat(small.evictedConnections()).isPositive();
                assertThat(held.get(0).getInputStream().read()).as("the oldest idle connection was closed").isEqualTo(-1);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aHeadThatDoesNotArriveInTimeIsDropped() throws Exception {
        try (ProxyServer strict = ProxyServer.start(proxyGate, (s, h, in) -> {
            throw new IOException("no TLS");
        }, new ProxyServer.Settings(4, 64, 64, Duration.ofMillis(300), Duration.ofSeconds(60), Duration.ofSeconds(1)),
                host -> true, a -> false); Socket s = new Socket(InetAddress.getLoopbackAddress(), strict.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /x HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            long t0 = System.nanoTime();
            int r = -2;
            try {
                for (int i = 0; i < 20 && r != -1; i++) {
                    out.write("X: y\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    Thread.sleep(100);
                    r = s.getInputStream().available() > 0 ? s.getInputStream().read() : r;
                }
                r = s.getInputStream().read();
            } catch (IOException reset) {
                r = -1;
            }
            assertThat(r).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void requestsBeyondTheExchangeLimitAreTurnedAwayWith503() throws Exception {
        slow.set(new java.util.concurrent.CountDownLatch(1));
        List<Thread> inFlight = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Thread t = new Thread(() -> {
                    try {
                        rawExchange("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
                    } catch (IOException ignored) {
                        // ended with the test
                    }
                });
                t.start();
                inFlight.add(t);
            }
            String busy = "";
            for (int attempt = 0; attempt < 50 && !busy.startsWith("HTTP/1.1 503"); attempt++) {
                Thread.sleep(20);
                busy = rawExchange("GET /x HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            assertThat(busy).startsWith("HTTP/1.1 503");
            assertThat(proxy.refusedConnections()).isPositive();
            awaitCompleted(503); // turned away unevaluated, and still recorded
        } finally {
            slow.get().countDown();
            for (Thread t : inFlight) {
                t.join(10_000);
            }
        }
        assertThat(rawExchange("GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    /**
     * Methods are case-sensitive: {@code head} is not HEAD, and an upstream that reads it as HEAD
     * sends no body where the endpoint, framing by the method it was sent, would wait for one.
     * Only the methods AWS APIs use are served; any other is answered 501 and recorded.
     */
    @ParameterizedTest
    @ValueSource(strings = {"head", "Get", "get", "pOST", "TRACE", "PROPFIND", "connect", "GET\t"})
    void methodsAreCaseSensitiveAndOnlyThoseAwsUsesAreServed(String method) throws Exception {
        assertThat(rawExchange(method + " /x HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 501");
        awaitCompleted(501);
        assertThat(upstreamRequests.get()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "PATCH"})
    void theMethodsAwsApisUseAreForwarded(String method) throws Exception {
        assertThat(rawExchange(method + " /x HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        assertThat(upstreamRequests.get()).isEqualTo(1);
    }

    /**
     * What the gate reads of a body before it decides (at the enforcing gate, a body the signature
     * covers: read before anything is verified) must arrive within the body timeout, so a client
     * that trickles one cannot hold an exchange slot; the call is answered RequestTimeout and
     * recorded once. A forwarded body streams for as long as it takes.
     */
    @Test
    void aBodyReadBeforeTheDecisionHasADeadlineButAForwardedOneDoesNot() throws Exception {
        Gate reading = new Gate() {
            @Override
            public Verdict decide(IncomingCall call) throws IOException {
                if (!call.rawPath().startsWith("/read")) {
                    return proxyGate.decide(call);
                }
                byte[] body = call.body().readAllBytes();
                return proxyGate.decide(new IncomingCall(call.authority(), call.secure(), call.head(), call.method(),
                        call.rawPath(), call.rawQuery(), call.clientIp(), new java.io.ByteArrayInputStream(body)));
            }

            @Override
            public void completed(IncomingCall call, Verdict v, Gate.Completion done) {
                proxyGate.completed(call, v, done);
            }
        };
        try (ProxyServer strict = ProxyServer.start(reading, (s, h, in) -> {
            throw new IOException("no TLS");
        }, new ProxyServer.Settings(1, 64, 64, Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofSeconds(60),
                Duration.ofSeconds(1)), host -> true, a -> false)) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), strict.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write("PUT /read/x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\na".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread trickle = new Thread(() -> {
                    try {
                        for (int i = 0; i < 20; i++) {
                            Thread.sleep(100);
                            out.write('a');
                            out.flush();
                        }
                    } catch (IOException | InterruptedException cut) {
                        // closed by the endpoint
                    }
                });
                trickle.start();
                long t0 = System.nanoTime();
                InputStream in = new java.io.BufferedInputStream(s.getInputStream());
                HttpHead head = HttpHeadReader.read(in).orElseThrow();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
                assertThat(head.startLine()).isEqualTo("HTTP/1.1 400 Bad Request");
                assertThat(new String(Bodies.of(head, in).readAllBytes(), StandardCharsets.UTF_8))
                        .contains("did not arrive within 300 ms");
                trickle.interrupt();
                trickle.join();
            }
            awaitCompleted(400);
            // The one exchange slot is free again, and a body that streams upstream has no such deadline.
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), strict.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write("PUT /stream/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                for (char c : "hello".toCharArray()) {
                    out.write(c);
                    out.flush();
                    Thread.sleep(150);
                }
                InputStream in = new java.io.BufferedInputStream(s.getInputStream());
                HttpHead head = HttpHeadReader.read(in).orElseThrow();
                assertThat(head.startLine()).isEqualTo("HTTP/1.1 200 OK");
                assertThat(new String(Bodies.of(head, in).readAllBytes(), StandardCharsets.UTF_8))
                        .startsWith("PUT /stream/x 5 2cf24dba");
            }
        }
        synchronized (proxyGate) {
            assertThat(completedStatuses).containsExactly(400, 200);
        }
    }

    private void awaitCompleted(int status) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            synchronized (proxyGate) {
                if (completedStatuses.contains(status)) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        synchronized (proxyGate) {
            assertThat(completedStatuses).contains(status);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /x HTTP/1.1\r\nHost: x\r\nX-Amz-Meta-A: v\rInjected: y\r\n\r\n",
        "GET /x HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n", "GET /x\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /x#frag HTTP/1.1\r\nHost: x\r\n\r\n", "GET http://other/x HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /x HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n"})
    void headsAnotherParserCouldReadDifferentlyAreRefused(String request) throws IOException {
        assertThat(rawExchange(request)).startsWith("HTTP/1.1 400");
        assertThat(upstreamReceived.get()).isZero();
        assertThat(upstreamRequests.get()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1,false", "[::1],false", "[::127.0.0.1],false", "[::ffff:127.0.0.1],false",
        "[64:ff9b::a9fe:a9fe],false", "[2002:7f00:1::],false", "169.254.169.254,false", "0.0.0.0,false",
        "10.1.2.3,false", "172.16.0.1,false", "192.168.1.1,false", "100.64.0.1,false", "[fd00::1],false",
        "[fe80::1],false", "203.0.113.9,true", "[2001:db8::1],true"})
    void relayedTunnelsGoToPublicAddressesOnly(String host, boolean relayed) {
        java.net.InetSocketAddress a = new java.net.InetSocketAddress(host.replace("[", "").replace("]", ""), 443);
        assertThat(Relay.publicDestination(a)).as(host).isEqualTo(relayed);
        boolean privateNet = host.startsWith("10.") || host.startsWith("172.") || host.startsWith("192.168")
                || host.startsWith("100.64") || host.startsWith("[fd");
        assertThat(Relay.publicOrPrivateDestination(a)).as(host).isEqualTo(relayed || privateNet);
    }

    private String rawExchange(String request) throws IOException {
        try (Socket s = client()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readHead(new java.io.BufferedInputStream(s.getInputStream()));
        }
    }

    @Test
    void tunnelsToHostsTheEndpointDoesNotCheckAreRelayedUntouched() throws IOException {
        try (ProxyServer relaying = ProxyServer.start((Gate) null, (s, h, in) -> {
            throw new IOException("must not end TLS for a relayed host");
        }, 4, ProxyServer::isAwsHost, a -> true); Socket s = new Socket(InetAddress.getLoopbackAddress(), relaying.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("CONNECT 127.0.0.1:" + upstream.getAddress().getPort() + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            assertThat(HttpHeadReader.read(in).orElseThrow().startLine()).isEqualTo("HTTP/1.1 200 Connection Established");
            out.write("GET /through HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            HttpHead head = HttpHeadReader.read(in).orElseThrow();
            assertThat(new String(Bodies.of(head, in).readAllBytes(), StandardCharsets.UTF_8)).startsWith("GET /through 0");
        }
        assertThat(ProxyServer.isAwsHost("bucket.s3.us-east-1.amazonaws.com")).isTrue();
        assertThat(ProxyServer.isAwsHost("pypi.org")).isFalse();
        assertThat(ProxyServer.isAwsHost("evilamazonaws.com")).isFalse();
        assertThat(Relay.publicDestination(new java.net.InetSocketAddress("127.0.0.1", 443))).isFalse();
        assertThat(Relay.publicDestination(new java.net.InetSocketAddress("169.254.169.254", 80))).isFalse();
        assertThat(Relay.publicDestination(new java.net.InetSocketAddress("203.0.113.9", 22))).isFalse();
        assertThat(Relay.publicDestination(new java.net.InetSocketAddress("203.0.113.9", 443))).isTrue();
    }

    @Test
    void byDefaultTunnelsToThisMachineAreNotRelayed() throws IOException {
        try (ProxyServer relaying = ProxyServer.start((Gate) null, (s, h, in) -> {
            throw new IOException("no TLS");
        }, 4, ProxyServer::isAwsHost); Socket s = new Socket(InetAddress.getLoopbackAddress(), relaying.port())) {
            s.getOutputStream().write(("CONNECT 127.0.0.1:" + relaying.port() + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(HttpHeadReader.read(new java.io.BufferedInputStream(s.getInputStream())).orElseThrow().startLine())
                    .isEqualTo("HTTP/1.1 403 Forbidden");
        }
    }
}
