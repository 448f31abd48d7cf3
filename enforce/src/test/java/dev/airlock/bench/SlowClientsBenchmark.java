package dev.airlock.bench;

import dev.airlock.enforce.EnforcedSession;
import dev.airlock.enforce.EnforcingGate;
import dev.airlock.enforce.Limits;
import dev.airlock.enforce.LocalCredentials;
import dev.airlock.enforce.Upstream;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jclouds.blobstore.BlobStore;

/**
 * Latency of legitimate calls through the enforcing endpoint while slow clients hold connections
 * open (issue 9), in one run against the same S3Proxy, in three phases: no slow clients; SLOW
 * connections that each send a request head one byte every 2 s (never finishing it, reconnecting
 * when dropped) plus SILENT ones that connect and send nothing; again after they are gone.
 *
 * <p>The endpoint is the real {@link ProxyServer}, started as {@code run --enforce} starts it
 * ({@code start(gate, tls, 256, ProxyServer::isAwsHost)}, default settings). Each phase makes CALLS
 * paced iterations (one every {@link #PERIOD_MS} ms) of two small GetObject calls, signed by
 * Airlock's own signer: one on a kept-alive connection, one on a new connection (what an SDK does
 * when its pool grows or its idle connection was closed). The slow clients run on one NIO thread of
 * this process. Only the endpoint API that existed before the fix is used, so the same file also
 * measures the pre-fix code ({@code bench/run-slow-clients.sh} with {@code AIRLOCK_CODE}). Run by
 * {@code bench/run-slow-clients.sh}; not a test.
 */
public final class SlowClientsBenchmark {

    /** The agent's credentials, generated for this run as the endpoint mints them. */
    static final IssuedCredentials AGENT = LocalCredentials.mint(Instant.now().plus(Duration.ofHours(1)));
    /** What {@code run --enforce} passes (EnforcedRun.MAX_CONNECTIONS). */
    static final int MAX_EXCHANGES = 256;
    /** One iteration (a kept-alive call and a new-connection call) is started every PERIOD_MS. */
    static final long PERIOD_MS = 10;
    /** How often a slow client sends the next byte of its head. */
    static final long DRIP_MS = 2000;
    /** Slow clients run this long before phase 2 is measured: longer than the 10 s head deadline. */
    static final long SETTLE_MS = 12_000;
    /** Legitimate calls give up after this: a hang is counted as an error, not waited out. */
    static final int CALL_TIMEOUT_MS = 5000;
    static final String OBJECT = "/bench/small.txt";

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int slow = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int silent = args.length > 2 ? Integer.parseInt(args[2]) : slow / 10;
        boolean bodies = args.length > 3 && args[3].equals("body");
        Thread bound = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(20));
                System.err.println("slow-clients benchmark: over 20 minutes, stopped");
                System.exit(2);
            } catch (InterruptedException done) {
                // finished in time
            }
        }, "bench-time-bound");
        bound.setDaemon(true);
        bound.start();
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory("airlock-slow-clients-bench");
        try (S3ProxyServer s3 = new S3ProxyServer(Files.createDirectories(dir.resolve("store")))) {
            BlobStore store = s3.blobStore();
            store.createContainerInLocation(null, "bench");
            store.putBlob("bench", store.blobBuilder("small.txt").payload("x".repeat(1024)).build());
            EnforcedSession session = new EnforcedSession("20261203T000000-slowbench",
                    AGENT,
                    Policy.parse("session", PolicyKind.IDENTITY, "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":"
                            + "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bench/*\"}}"),
                    "arn:aws:sts::111122223333:assumed-role/Bench/airlock-bench", "111122223333", "aws",
                    new Upstream.Fixed(s3.endpoint(), () -> AwsCredentials.permanent(S3ProxyServer.KEY, S3ProxyServer.SECRET)),
                    Limits.unlimited(), () -> false);
            try (ProxyServer endpoint = ProxyServer.start(new EnforcingGate(session, e -> { }, Clock.systemUTC()),
                    (s, h, in) -> {
                        throw new IOException("no TLS in this benchmark");
                    }, MAX_EXCHANGES, ProxyServer::isAwsHost)) {
                URI via = URI.create("http://127.0.0.1:" + endpoint.port());
                Client kept = new Client(via, AGENT.credentials(), true);
                Client fresh = new Client(via, AGENT.credentials(), false);
                for (int i = 0; i < 2000; i++) {
                    kept.call(OBJECT);
                    fresh.call(OBJECT);
                }
                System.out.printf(Locale.ROOT, "endpoint on 127.0.0.1:%d, maxExchanges %d, default settings; %d cores; "
                        + "%d iterations per phase, one every %d ms; %d slow (%s) + %d silent connections in phase 2%n",
                        endpoint.port(), MAX_EXCHANGES, Runtime.getRuntime().availableProcessors(), calls, PERIOD_MS,
                        slow, bodies ? "a whole head, then its body one byte every 2 s" : "a head one byte every 2 s",
                        silent);

                List<Row> rows = new ArrayList<>();
                rows.addAll(phase("1 no slow clients", calls, kept, fresh));

                Slowloris attack = new Slowloris(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.port()),
                        slow, silent, bodies);
                attack.start();
                Thread.sleep(SETTLE_MS);
                Slowloris.Counts before = attack.counts();
                int refusedBefore = endpoint.refusedConnections();
                long evictedBefore = evicted(endpoint);
                Sampler sampler = new Sampler(attack);
                sampler.start();
                rows.addAll(phase("2 with slow clients", calls, kept, fresh));
                sampler.stop();
                Slowloris.Counts during = attack.counts().minus(before);
                int refusedDuring = endpoint.refusedConnections() - refusedBefore;
                long evictedDuring = evicted(endpoint) < 0 ? -1 : evicted(endpoint) - evictedBefore;
                List<Long> lifetimes = attack.headLifetimesSince(before.headCut);
                Slowloris.Counts total = attack.counts();
                attack.close();
                Thread.sleep(2000);

                rows.addAll(phase("3 after they left", calls, kept, fresh));

                System.out.println();
                System.out.println("| phase | connection | ok | 503 | other errors | p50 | p90 | p99 | max |");
                System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
                for (Row r : rows) {
                    System.out.println(r.markdown());
                }
                System.out.println();
                System.out.printf(Locale.ROOT, "slow clients during phase 2's measurement (%.1f s): open connections "
                        + "mean %.0f, min %d, max %d (of %d); connections made %d%n",
                        sampler.seconds(), sampler.mean(), sampler.min(), sampler.max(), slow + silent, during.connected);
                System.out.printf(Locale.ROOT, "  slow %s cut by the endpoint without an answer: %d; time from "
                        + "first byte to cut: %s%n", bodies ? "bodies" : "heads", during.headCut, spread(lifetimes));
                System.out.printf(Locale.ROOT, "  silent connections closed by the endpoint: %d; slow connections "
                        + "answered 503: %d, answered otherwise: %d; reset: %d; failed to connect: %d%n",
                        during.silentCut, during.answered503, during.answeredOther, during.reset, during.connectFailed);
                System.out.printf(Locale.ROOT, "  endpoint: evicted %s, refused (503) %d%n",
                        evictedDuring < 0 ? "n/a (no such counter in this version)" : String.valueOf(evictedDuring),
                        refusedDuring);
                System.out.printf(Locale.ROOT, "slow clients over all of phase 2 (%.1f s, incl. the %d s before "
                        + "measuring): connections made %d, heads cut %d, answered 503 %d, bytes of head sent %d%n",
                        total.seconds, SETTLE_MS / 1000, total.connected, total.headCut, total.answered503, total.bytesSent);
                System.out.printf(Locale.ROOT, "total time %.0f s%n", (System.nanoTime() - started) / 1e9);
            }
        }
        bound.interrupt();
    }

    private static long evicted(ProxyServer endpoint) {
        try {
            return ((Number) ProxyServer.class.getMethod("evictedConnections").invoke(endpoint)).longValue();
        } catch (ReflectiveOperationException absent) {
            return -1; // the pre-fix endpoint had no eviction
        }
    }

    private static String spread(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "none";
        }
        List<Double> s = new ArrayList<>();
        nanos.forEach(n -> s.add(n / 1e9));
        return String.format(Locale.ROOT, "min %.1f s, median %.1f s, max %.1f s", pct(s, 0), pct(s, 50), pct(s, 100));
    }

    /** One phase: CALLS paced iterations of a kept-alive and a new-connection call. */
    private static List<Row> phase(String name, int calls, Client kept, Client fresh) throws InterruptedException {
        Row k = new Row(name, "kept-alive");
        Row f = new Row(name, "new connection");
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long due = t0 + TimeUnit.MILLISECONDS.toNanos(i * PERIOD_MS);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            k.record(kept);
            f.record(fresh);
        }
        System.out.printf(Locale.ROOT, "phase %s: %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
        return List.of(k, f);
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }

    /** The outcomes of one series of calls. */
    static final class Row {
        final String phase;
        final String connection;
        final List<Double> ok = new ArrayList<>();
        int unavailable;
        int errors;
        String firstError;

        Row(String phase, String connection) {
            this.phase = phase;
            this.connection = connection;
        }

        void record(Client c) {
            long t0 = System.nanoTime();
            try {
                int status = c.call(OBJECT);
                if (status == 200) {
                    ok.add((System.nanoTime() - t0) / 1e6);
                } else if (status == 503) {
                    unavailable++;
                } else {
                    errors++;
                    firstError = firstError != null ? firstError : "HTTP " + status;
                }
            } catch (IOException e) {
                errors++;
                firstError = firstError != null ? firstError : e.toString();
            }
        }

        String markdown() {
            String lat = ok.isEmpty() ? "| – | – | – | – |"
                    : String.format(Locale.ROOT, "| %.3f ms | %.3f ms | %.3f ms | %.1f ms |", pct(ok, 50), pct(ok, 90),
                            pct(ok, 99), pct(ok, 100));
            return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d %s", phase, connection, ok.size(), unavailable,
                    errors, lat) + (firstError == null ? "" : " first error: " + firstError);
        }
    }

    /** A minimal S3 client that signs with Airlock's own signer; kept-alive, or a new connection per call. */
    static final class Client {
        private final URI target;
        private final AwsCredentials creds;
        private final boolean keepAlive;
        private final SigV4Signer signer = new SigV4Signer(new SigningKeyCache(16));
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Client(URI target, AwsCredentials creds, boolean keepAlive) {
            this.target = target;
            this.creds = creds;
            this.keepAlive = keepAlive;
        }

        /** The response's status; the body is read. Any failure or non-200 answer ends the connection. */
        int call(String path) throws IOException {
            boolean done = false;
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.getPort()), CALL_TIMEOUT_MS);
                    socket.setSoTimeout(CALL_TIMEOUT_MS);
                    socket.setTcpNoDelay(true);
                    in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
                    out = socket.getOutputStream();
                }
                Headers headers = Headers.builder().add("Host", target.getAuthority()).build();
                var signed = signer.sign(new RequestView("GET", path, "", headers), creds,
                        new SigningTarget("us-east-1", "s3"), Instant.now(), PayloadHash.unsigned());
                StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
                signed.applyTo(headers).forEach((name, values) -> values.forEach(v -> req.append(name).append(": ")
                        .append(v).append("\r\n")));
                out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                HttpHead head = HttpHeadReader.read(in).orElseThrow(() -> new IOException("closed before an answer"));
                String[] parts = head.startLine().split(" ", 3);
                int status = Integer.parseInt(parts[1]);
                Bodies.copy(Bodies.of(head, in), OutputStream.nullOutputStream());
                done = status == 200 && keepAlive
                        && !head.first("Connection").map(v -> v.equalsIgnoreCase("close")).orElse(false);
                return status;
            } finally {
                if (!done && socket != null) {
                    socket.close();
                    socket = null;
                }
            }
        }
    }

    /**
     * SLOW connections that each send a request head one byte every {@link #DRIP_MS} (a head that
     * never ends: one header whose value goes on), and SILENT ones that send nothing, all on one NIO
     * thread. A connection the endpoint closes or answers is made again after 0.25 to 0.75 s. With
     * {@code bodies}, a slow connection sends a whole unsigned PutObject head (Content-Length 64 KiB)
     * at once instead, then its body one byte every {@link #DRIP_MS}.
     */
    static final class Slowloris implements AutoCloseable {

        /** Counters since the start. */
        record Counts(double seconds, long connected, long headCut, long silentCut, long answered503,
                long answeredOther, long reset, long connectFailed, long bytesSent) {
            Counts minus(Counts o) {
                return new Counts(seconds - o.seconds, connected - o.connected, headCut - o.headCut,
                        silentCut - o.silentCut, answered503 - o.answered503, answeredOther - o.answeredOther,
                        reset - o.reset, connectFailed - o.connectFailed, bytesSent - o.bytesSent);
            }
        }

        private final class Peer {
            final boolean silent;
            SocketChannel ch;
            boolean connected;
            long reconnectAt;
            long nextByteAt;
            long firstByteAt;
            int sent;

            Peer(boolean silent, long reconnectAt) {
                this.silent = silent;
                this.reconnectAt = reconnectAt;
            }
        }

        private final InetSocketAddress target;
        private final byte[] headStart;
        private final boolean bodies;
        private final List<Peer> peers = new ArrayList<>();
        private final Selector selector;
        private final Thread thread;
        private final long t0 = System.nanoTime();
        private volatile boolean running = true;
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicLong connected = new AtomicLong();
        private final AtomicLong headCut = new AtomicLong();
        private final AtomicLong silentCut = new AtomicLong();
        private final AtomicLong answered503 = new AtomicLong();
        private final AtomicLong answeredOther = new AtomicLong();
        private final AtomicLong reset = new AtomicLong();
        private final AtomicLong connectFailed = new AtomicLong();
        private final AtomicLong bytesSent = new AtomicLong();
        private final List<Long> headLifetimes = Collections.synchronizedList(new ArrayList<>());

        Slowloris(InetSocketAddress target, int slow, int silent, boolean bodies) throws IOException {
            this.target = target;
            this.bodies = bodies;
            this.headStart = (bodies
                    ? "PUT /bench/slow.txt HTTP/1.1\r\nHost: 127.0.0.1:" + target.getPort() + "\r\nContent-Length: 65536\r\n\r\n"
                    : "GET " + OBJECT + " HTTP/1.1\r\nHost: 127.0.0.1:" + target.getPort()
                            + "\r\nUser-Agent: slowloris\r\nX-Slow: ").getBytes(StandardCharsets.ISO_8859_1);
            this.selector = Selector.open();
            long now = System.nanoTime();
            int all = slow + silent;
            for (int i = 0; i < all; i++) {
                // the first connections spread over 2 s, the silent ones evenly among the slow
                boolean isSilent = (long) i * silent / all != (long) (i + 1) * silent / all;
                peers.add(new Peer(isSilent, now + TimeUnit.MILLISECONDS.toNanos(2000L * i / all)));
            }
            this.thread = new Thread(this::loop, "bench-slowloris");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        int open() {
            return open.get();
        }

        Counts counts() {
            return new Counts((System.nanoTime() - t0) / 1e9, connected.get(), headCut.get(), silentCut.get(),
                    answered503.get(), answeredOther.get(), reset.get(), connectFailed.get(), bytesSent.get());
        }

        /** First byte to cut, in ns, of heads cut after the first {@code skip}. */
        List<Long> headLifetimesSince(long skip) {
            synchronized (headLifetimes) {
                return new ArrayList<>(headLifetimes.subList((int) Math.min(skip, headLifetimes.size()), headLifetimes.size()));
            }
        }

        private void loop() {
            ByteBuffer one = ByteBuffer.allocate(1);
            ByteBuffer sink = ByteBuffer.allocate(4096);
            while (running) {
                long now = System.nanoTime();
                for (Peer p : peers) {
                    if (p.ch == null && now - p.reconnectAt >= 0) {
                        connect(p, now);
                    } else if (p.connected && !p.silent && now - p.nextByteAt >= 0) {
                        ByteBuffer next = bodies && p.sent == 0 ? ByteBuffer.wrap(headStart) : one.clear();
                        if (next == one) {
                            one.put(p.sent < headStart.length ? headStart[p.sent] : (byte) 'a').flip();
                        }
                        try {
                            int n = p.ch.write(next);
                            if (n > 0) {
                                if (p.sent == 0) {
                                    p.firstByteAt = now;
                                }
                                p.sent += n;
                                bytesSent.addAndGet(n);
                            }
                            p.nextByteAt = now + TimeUnit.MILLISECONDS.toNanos(DRIP_MS);
                        } catch (IOException e) {
                            dropped(p, now, reset);
                        }
                    }
                }
                try {
                    selector.select(20);
                } catch (IOException e) {
                    break;
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                now = System.nanoTime();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Peer p = (Peer) key.attachment();
                    if (!key.isValid() || p.ch != key.channel()) {
                        continue;
                    }
                    try {
                        if (key.isConnectable()) {
                            p.ch.finishConnect();
                            connectedNow(p, now);
                        } else if (key.isReadable()) {
                            sink.clear();
                            int n = p.ch.read(sink);
                            if (n < 0) {
                                dropped(p, now, p.sent > 0 ? headCut : silentCut);
                            } else if (n > 0) {
                                String answer = new String(sink.array(), 0, Math.min(n, 12), StandardCharsets.ISO_8859_1);
                                dropped(p, now, answer.startsWith("HTTP/1.1 503") ? answered503 : answeredOther);
                            }
                        }
                    } catch (IOException e) {
                        dropped(p, now, p.connected ? reset : connectFailed);
                    }
                }
            }
            for (Peer p : peers) {
                closeQuietly(p);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        private void connect(Peer p, long now) {
            try {
                p.ch = SocketChannel.open();
                p.ch.configureBlocking(false);
                p.ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (p.ch.connect(target)) {
                    p.ch.register(selector, SelectionKey.OP_READ, p);
                    connectedNow(p, now);
                } else {
                    p.ch.register(selector, SelectionKey.OP_CONNECT, p);
                }
            } catch (IOException e) {
                dropped(p, now, connectFailed);
            }
        }

        private void connectedNow(Peer p, long now) throws IOException {
            p.connected = true;
            p.sent = 0;
            p.nextByteAt = now + TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(DRIP_MS));
            p.ch.keyFor(selector).interestOps(SelectionKey.OP_READ);
            open.incrementAndGet();
            connected.incrementAndGet();
        }

        private void dropped(Peer p, long now, AtomicLong why) {
            why.incrementAndGet();
            if (why == headCut) {
                headLifetimes.add(now - p.firstByteAt);
            }
            if (p.connected) {
                open.decrementAndGet();
            }
            closeQuietly(p);
            p.reconnectAt = now + TimeUnit.MILLISECONDS.toNanos(250 + ThreadLocalRandom.current().nextLong(500));
        }

        private static void closeQuietly(Peer p) {
            if (p.ch != null) {
                try {
                    p.ch.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            p.ch = null;
            p.connected = false;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            selector.wakeup();
            thread.join(10_000);
        }
    }

    /** Samples the number of open slow connections every 250 ms. */
    static final class Sampler {
        private final Slowloris attack;
        private final List<Integer> samples = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private final long t0 = System.nanoTime();
        private volatile long t1;
        private volatile boolean running = true;

        Sampler(Slowloris attack) {
            this.attack = attack;
            this.thread = new Thread(() -> {
                while (running) {
                    samples.add(attack.open());
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-sampler");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            t1 = System.nanoTime();
            running = false;
            thread.interrupt();
            thread.join();
        }

        double seconds() {
            return (t1 - t0) / 1e9;
        }

        double mean() {
            synchronized (samples) {
                return samples.stream().mapToInt(Integer::intValue).average().orElse(0);
            }
        }

        int min() {
            synchronized (samples) {
                return samples.stream().mapToInt(Integer::intValue).min().orElse(0);
            }
        }

        int max() {
            synchronized (samples) {
                return samples.stream().mapToInt(Integer::intValue).max().orElse(0);
            }
        }
    }
}
