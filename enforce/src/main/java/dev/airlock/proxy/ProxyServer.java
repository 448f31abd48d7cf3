package dev.airlock.proxy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoint's socket side: an HTTP/1.1 server on 127.0.0.1 that takes both forward-proxy
 * traffic ({@code CONNECT host:443} tunnels, whose TLS it ends with a {@link TunnelTls}) and
 * direct requests (clients configured with {@code AWS_ENDPOINT_URL}). Each request goes to the
 * {@link Gate}; what it forwards is streamed both ways. A bounded number of connections is served at
 * once; more are refused with 503 so a flood cannot exhaust the process.
 */
public final class ProxyServer implements AutoCloseable {

    static final int IDLE_TIMEOUT_MS = 60_000;
    /** The status recorded for a forwarded call that broke off before its response was complete. */
    public static final int ABORTED = 499;
    /** Refused bodies up to this size are read and dropped so the connection can be kept. */
    static final long SMALL_BODY = 64 * 1024;

    private final ServerSocket server;
    private final Gate gate;
    private final TunnelTls tls;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final Upstreams upstreams = new Upstreams();
    private final AtomicInteger refusedConnections = new AtomicInteger();
    private volatile boolean open = true;

    private final java.util.function.Predicate<String> intercepted;
    private final java.util.function.Predicate<InetSocketAddress> relayable;

    private ProxyServer(Gate gate, TunnelTls tls, int maxConnections, java.util.function.Predicate<String> intercepted,
            java.util.function.Predicate<InetSocketAddress> relayable) throws IOException {
        this.gate = gate;
        this.tls = tls;
        this.intercepted = intercepted;
        this.relayable = relayable;
        this.slots = new Semaphore(maxConnections);
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "airlock-endpoint-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Thread acceptor = new Thread(this::acceptLoop, "airlock-endpoint-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** An endpoint that ends TLS for, and checks, every CONNECT tunnel. */
    public static ProxyServer start(Gate gate, TunnelTls tls, int maxConnections) throws IOException {
        return new ProxyServer(gate, tls, maxConnections, host -> true, a -> false);
    }

    /**
     * An endpoint that checks tunnels to hosts {@code intercepted} accepts and relays the others
     * untouched: the command's other HTTPS traffic (package indexes, git) keeps working through the
     * same proxy variables, and it never carries AWS credentials that would work anywhere.
     */
    public static ProxyServer start(Gate gate, TunnelTls tls, int maxConnections,
            java.util.function.Predicate<String> intercepted) throws IOException {
        return new ProxyServer(gate, tls, maxConnections, intercepted, Relay::defaultDestination);
    }

    /** As above, with an explicit rule for where relayed tunnels may go (tests relay to loopback). */
    static ProxyServer start(Gate gate, TunnelTls tls, int maxConnections, java.util.function.Predicate<String> intercepted,
            java.util.function.Predicate<InetSocketAddress> relayable) throws IOException {
        return new ProxyServer(gate, tls, maxConnections, intercepted, relayable);
    }

    /** AWS's endpoints: what an enforcing endpoint intercepts. */
    public static boolean isAwsHost(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.endsWith(".amazonaws.com") || h.endsWith(".amazonaws.com.cn") || h.endsWith(".api.aws")
                || h.equals("amazonaws.com");
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections turned away because all slots were busy. */
    public int refusedConnections() {
        return refusedConnections.get();
    }

    private void acceptLoop() {
        while (open) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                continue;
            }
            if (!slots.tryAcquire()) {
                refusedConnections.incrementAndGet();
                workers.execute(() -> refuseBusy(s));
                continue;
            }
            workers.execute(() -> {
                try {
                    serve(s);
                } finally {
                    slots.release();
                }
            });
        }
    }

    private static void refuseBusy(Socket s) {
        try (s) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(Responses.plain(503, "Service Unavailable", "too many connections to the Airlock endpoint"));
            out.flush();
        } catch (IOException ignored) {
            // the client is gone; nothing to tell it
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(IDLE_TIMEOUT_MS);
            Connection c = new Connection(s, null, false);
            while (c != null) {
                c = exchange(c);
            }
        } catch (IOException ignored) {
            // a broken client connection ends only that connection
        }
    }

    /** The client side of one connection, plain or inside a tunnel. */
    private record Connection(Socket socket, String tunnelHost, boolean secure) {}

    /** Serves one request; returns the connection to continue on, or null to close. */
    private Connection exchange(Connection c) throws IOException {
        InputStream in = new BufferedInputStream(c.socket().getInputStream(), 16 * 1024);
        OutputStream out = new BufferedOutputStream(c.socket().getOutputStream(), 64 * 1024);
        while (true) {
            HttpHead head;
            try {
                var read = HttpHeadReader.read(in);
                if (read.isEmpty()) {
                    return null;
                }
                head = read.get();
            } catch (HttpParseException e) {
                out.write(Responses.plain(e.status(), "Bad Request", e.getMessage()));
                out.flush();
                return null;
            }
            String[] parts = head.startLine().split(" ", 3);
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                out.write(Responses.plain(400, "Bad Request", "not an HTTP/1.1 request line"));
                out.flush();
                return null;
            }
            if (parts[0].equals("CONNECT")) {
                return tunnel(c, parts[1], in, out);
            }
            try {
                if (!forwardOne(c, head, parts[0], parts[1], in, out)) {
                    return null;
                }
            } catch (HttpParseException e) {
                out.write(Responses.plain(e.status(), "Bad Request", e.getMessage()));
                out.flush();
                return null;
            }
        }
    }

    private Connection tunnel(Connection c, String target, InputStream in, OutputStream out) throws IOException {
        if (c.tunnelHost() != null) {
            out.write(Responses.plain(400, "Bad Request", "CONNECT inside a tunnel"));
            out.flush();
            return null;
        }
        int colon = target.lastIndexOf(':');
        String host = colon > 0 ? target.substring(0, colon) : target;
        if (!intercepted.test(host)) {
            Relay.tunnel(c.socket(), in, out, host, colon > 0 ? parsePort(target.substring(colon + 1)) : 443, relayable);
            return null;
        }
        out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        Socket secured = tls.accept(c.socket(), host, in);
        secured.setSoTimeout(IDLE_TIMEOUT_MS);
        return new Connection(secured, target, true);
    }

    /** Handles one request; false when the connection must close afterwards. */
    private boolean forwardOne(Connection c, HttpHead head, String method, String target, InputStream in,
            OutputStream out) throws IOException {
        long t0 = System.nanoTime();
        Target t = Target.parse(target, c.tunnelHost(), head);
        InputStream framed = Bodies.of(head, in);
        boolean expectsContinue = head.first("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false);
        ContinueOnRead gated = expectsContinue ? new ContinueOnRead(framed, out) : null;
        InputStream body = gated != null ? gated : framed;
        IncomingCall call = new IncomingCall(t.authority(), c.secure(), head, method, t.rawPath(), t.rawQuery(),
                c.socket().getInetAddress().getHostAddress(), body);
        Verdict verdict;
        try {
            verdict = gate.decide(call);
        } catch (IOException | RuntimeException e) {
            // A body that broke off, or a request the gate could not take apart: refused, and recorded.
            Verdict.Respond refused = new Verdict.Respond(400, "Bad Request", "text/plain; charset=utf-8",
                    ("request refused: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(Responses.of(refused, false));
            out.flush();
            gate.completed(call, refused, 400, 0, refused.body().length, System.nanoTime() - t0);
            return false;
        }
        boolean keepAlive = !head.first("Connection").map(v -> v.equalsIgnoreCase("close")).orElse(false);
        if (verdict instanceof Verdict.Respond r) {
            // A refused body is never forwarded. A small one is read and dropped to keep the
            // connection; a large or never-invited one closes it instead of being read in full.
            boolean uninvited = gated != null && !gated.invited();
            boolean small = !head.chunked() && head.contentLength().orElse(0L) <= SMALL_BODY;
            keepAlive = keepAlive && !uninvited && small;
            if (keepAlive) {
                Bodies.drain(framed);
            }
            out.write(Responses.of(r, keepAlive));
            out.flush();
            gate.completed(call, verdict, r.status(), 0, r.body().length, System.nanoTime() - t0);
            return keepAlive;
        }
        Verdict.Forward f = (Verdict.Forward) verdict;
        Forwarded result;
        try {
            result = Forwarding.forward(upstreams, f, method, out);
        } catch (IOException | RuntimeException e) {
            // An aborted transfer is still a call: record it before the connection goes.
            gate.completed(call, verdict, ABORTED, 0, 0, System.nanoTime() - t0);
            throw e;
        }
        gate.completed(call, verdict, result.status(), result.bytesIn(), result.bytesOut(), System.nanoTime() - t0);
        return keepAlive && result.keepClient() && Bodies.exhausted(framed);
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** How one forwarded exchange went. */
    record Forwarded(int status, long bytesIn, long bytesOut, boolean keepClient) {}

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        workers.shutdownNow();
        upstreams.close();
    }
}
