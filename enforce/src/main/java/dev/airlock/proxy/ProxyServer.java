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
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The endpoint's socket side: an HTTP/1.1 server on 127.0.0.1 that takes both forward-proxy
 * traffic ({@code CONNECT host:443} tunnels, whose TLS it ends with a {@link TunnelTls}) and
 * direct requests (clients configured with {@code AWS_ENDPOINT_URL}). Each request goes to the
 * {@link Gate}; what it forwards is streamed both ways.
 *
 * <p>Every request whose head was read ends in exactly one {@link Gate#completed} call, also when
 * the client resets, the framing or the method is refused, every exchange slot is busy, the body
 * does not arrive in time, the upstream fails or the endpoint shuts down: the call is made in the
 * one place every exit passes ({@link #forwardOne}'s {@code finally}). What the endpoint answers
 * itself, without a decision, it asks the gate to word ({@link Gate#refusal}). (A start line that
 * is not a request line is refused like a malformed head, and a CONNECT opens a tunnel, not a call.)
 *
 * <p>Slow clients cannot starve the rest ({@link Settings}): a request head must arrive within
 * {@code headTimeout} of its first byte (a TLS handshake likewise), the part of a body read before
 * the gate decides (a body the signature covers, checked before anything else) within
 * {@code bodyTimeout} of the head, an idle kept-alive connection is closed after
 * {@code idleTimeout}, and a connection waiting for a head is evicted, oldest first, when its peer
 * or the endpoint is at its connection cap. Only connections with a request in progress count
 * against {@code maxExchanges}; a request beyond them is answered 503 and recorded, unevaluated.
 * {@link #close} stops accepting, lets calls in flight finish for {@code drainTimeout}, then ends
 * the rest, each recorded as aborted.
 *
 * <p>Methods are case-sensitive: a request line whose method is not exactly one AWS APIs use
 * ({@link #METHODS}) is refused (501) and recorded, never mapped as one method and forwarded as
 * another.
 */
public final class ProxyServer implements AutoCloseable {

    /** The status recorded for a call that broke off before its response was complete. */
    public static final int ABORTED = 499;
    /** Refused bodies up to this size are read and dropped so the connection can be kept. */
    static final long SMALL_BODY = 64 * 1024;
    private static final int BACKLOG = 1024;
    /** How long, and how much of a refused body, is read and dropped before closing on it. */
    private static final int LINGER_MS = 2000;
    private static final long LINGER_BYTES = 8L << 20;
    /** The request methods AWS APIs use; any other token, in any case, is refused. */
    static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS",
            "PATCH");
    static final String BUSY = "too many requests in progress at the Airlock endpoint";

    /**
     * Limits on connections and time.
     *
     * @param maxExchanges requests handled at once; a request beyond them is answered 503
     * @param maxConnections connections open at once (most of them waiting for a head)
     * @param maxPerPeer connections open at once from one address
     * @param headTimeout from a request's first byte to the end of its head, and for a TLS handshake
     * @param bodyTimeout from the end of a request's head until the gate has its verdict, for the part
     *     of the body it reads to decide (at most 1 MiB at the enforcing gate: a body the signature
     *     covers, or one the call's mapping needs) and for dropping a small refused body; a request
     *     whose body is not there by then is answered {@code RequestTimeout} and its connection
     *     closed. A forwarded body streams without it.
     * @param idleTimeout a kept-alive connection's wait for its next request, and any single read
     * @param drainTimeout how long {@link #close} lets calls in flight finish
     */
    public record Settings(int maxExchanges, int maxConnections, int maxPerPeer, Duration headTimeout,
            Duration bodyTimeout, Duration idleTimeout, Duration drainTimeout) {

        public static Settings defaults(int maxExchanges) {
            return new Settings(maxExchanges, 4096, 2048, Duration.ofSeconds(10), Duration.ofSeconds(10),
                    Duration.ofSeconds(60), Duration.ofSeconds(10));
        }

        /** Limits whose body timeout is the head timeout. */
        public Settings(int maxExchanges, int maxConnections, int maxPerPeer, Duration headTimeout,
                Duration idleTimeout, Duration drainTimeout) {
            this(maxExchanges, maxConnections, maxPerPeer, headTimeout, headTimeout, idleTimeout, drainTimeout);
        }

        public Settings {
            if (maxExchanges < 1 || maxConnections < 1 || maxPerPeer < 1) {
                throw new IllegalArgumentException("connection limits must be at least 1");
            }
            if (headTimeout.isNegative() || headTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
                throw new IllegalArgumentException("head and body timeouts must be positive");
            }
        }
    }

    private final ServerSocket server;
    private final Gate gate;
    private final TunnelTls tls;
    private final Settings settings;
    private final Semaphore exchanges;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Upstreams upstreams = new Upstreams();
    private final Connections connections;
    private final AtomicInteger refusedConnections = new AtomicInteger();
    private final Predicate<String> intercepted;
    private final Predicate<InetSocketAddress> relayable;
    private volatile boolean open = true;

    private ProxyServer(Gate gate, TunnelTls tls, Settings settings, Predicate<String> intercepted,
            Predicate<InetSocketAddress> relayable) throws IOException {
        this.gate = gate;
        this.tls = tls;
        this.settings = settings;
        this.intercepted = intercepted;
        this.relayable = relayable;
        this.exchanges = new Semaphore(settings.maxExchanges());
        this.connections = new Connections(settings.maxConnections(), settings.maxPerPeer());
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> daemon(r, "airlock-endpoint-" + n.incrementAndGet()));
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "airlock-endpoint-deadlines"));
        watchdog.setRemoveOnCancelPolicy(true);
        daemon(this::acceptLoop, "airlock-endpoint-accept").start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** An endpoint that ends TLS for, and checks, every CONNECT tunnel. */
    public static ProxyServer start(Gate gate, TunnelTls tls, int maxExchanges) throws IOException {
        return new ProxyServer(gate, tls, Settings.defaults(maxExchanges), host -> true, a -> false);
    }

    /**
     * An endpoint that checks tunnels to hosts {@code intercepted} accepts and relays the others
     * untouched (to public addresses only, see {@link Relay#publicDestination}): the command's other
     * HTTPS traffic (package indexes, git) keeps working through the same proxy variables, and it
     * never carries AWS credentials that would work anywhere.
     */
    public static ProxyServer start(Gate gate, TunnelTls tls, int maxExchanges, Predicate<String> intercepted)
            throws IOException {
        return new ProxyServer(gate, tls, Settings.defaults(maxExchanges), intercepted, Relay::publicDestination);
    }

    /** As above, with explicit limits and an explicit rule for where relayed tunnels may go. */
    public static ProxyServer start(Gate gate, TunnelTls tls, Settings settings, Predicate<String> intercepted,
            Predicate<InetSocketAddress> relayable) throws IOException {
        return new ProxyServer(gate, tls, settings, intercepted, relayable);
    }

    /** As {@link #start(Gate, TunnelTls, Settings, Predicate, Predicate)} with default limits. */
    static ProxyServer start(Gate gate, TunnelTls tls, int maxExchanges, Predicate<String> intercepted,
            Predicate<InetSocketAddress> relayable) throws IOException {
        return new ProxyServer(gate, tls, Settings.defaults(maxExchanges), intercepted, relayable);
    }

    /**
     * Where relayed (non-AWS) tunnels may go: web ports on public addresses, and with
     * {@code privateNetworks} also on private ones (RFC 1918, CGNAT, IPv6 unique local); never this
     * machine, its link (instance metadata) or multicast, and never a cloud metadata or credential
     * service wherever it lies (EC2's fd00:ec2::/48, Alibaba's 100.100.100.200, Azure's
     * 168.63.129.16, ...; see {@link Addresses}).
     */
    public static Predicate<InetSocketAddress> relayDestinations(boolean privateNetworks) {
        return privateNetworks ? Relay::publicOrPrivateDestination : Relay::publicDestination;
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

    /** Connections turned away because every slot was busy. */
    public int refusedConnections() {
        return refusedConnections.get();
    }

    /** Connections closed to make room for others. */
    public int evictedConnections() {
        return connections.evicted();
    }

    private void acceptLoop() {
        while (open) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                continue;
            }
            Optional<Connections.Conn> admitted = connections.admit(s);
            if (admitted.isEmpty()) {
                refusedConnections.incrementAndGet();
                workers.execute(() -> refuseBusy(s, "too many connections to the Airlock endpoint"));
                continue;
            }
            workers.execute(() -> serve(admitted.get()));
        }
    }

    private static void refuseBusy(Socket s, String why) {
        // Turned away before any request was read: a connection, not a call, so no call event.
        try (s) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(Responses.plain(503, "Service Unavailable", why));
            out.flush();
        } catch (IOException ignored) {
            // the client is gone; nothing to tell it
        }
    }

    private void serve(Connections.Conn c) {
        try {
            c.socket().setTcpNoDelay(true);
            c.socket().setSoTimeout(millis(settings.idleTimeout()));
            Link link = new Link(c.socket(), null, false);
            while (link != null) {
                link = exchange(c, link);
            }
        } catch (IOException ignored) {
            // a broken client connection ends only that connection
        } finally {
            connections.remove(c);
        }
    }

    /** The client side of one connection, plain or inside a tunnel. */
    private record Link(Socket socket, String tunnelHost, boolean secure) {}

    /** Serves requests on one link; returns the link to continue on (a tunnel), or null to close. */
    private Link exchange(Connections.Conn c, Link link) throws IOException {
        InputStream in = new BufferedInputStream(link.socket().getInputStream(), 16 * 1024);
        OutputStream out = new BufferedOutputStream(link.socket().getOutputStream(), 64 * 1024);
        while (open) {
            Optional<HttpHead> read = readHead(c, in, out);
            if (read.isEmpty()) {
                return null;
            }
            HttpHead head = read.get();
            String[] parts = head.startLine().split(" ", 3);
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                return refuse(out, 400, "not an HTTP/1.1 request line");
            }
            if (parts[0].equals("CONNECT")) {
                return tunnel(c, link, parts[1], in, out);
            }
            // From here the request is a call: whatever follows, it ends in one Gate#completed.
            Admission admission = !c.beginExchange(open) ? Admission.CLOSED
                    : exchanges.tryAcquire() ? Admission.ADMITTED : Admission.BUSY;
            Slot slot = new Slot(admission == Admission.ADMITTED);
            boolean keep;
            try {
                keep = forwardOne(c, link, head, parts[0], parts[1], in, out, admission, slot);
            } finally {
                slot.release();
                if (admission != Admission.CLOSED) {
                    c.endExchange();
                }
            }
            if (!keep) {
                return null;
            }
        }
        return null;
    }

    private static Link refuse(OutputStream out, int status, String why) throws IOException {
        out.write(Responses.plain(status, Responses.reason(status), why));
        out.flush();
        return null;
    }

    /**
     * The next request head: waits up to the idle timeout for its first byte, then allows the head
     * timeout for the rest. Empty at a clean end of the connection, or when it timed out.
     */
    private Optional<HttpHead> readHead(Connections.Conn c, InputStream in, OutputStream out) throws IOException {
        c.idle();
        in.mark(1);
        try {
            if (in.read() < 0) {
                return Optional.empty();
            }
        } catch (SocketTimeoutException idleTooLong) {
            return Optional.empty();
        }
        in.reset();
        ScheduledFuture<?> deadline = watchdog.schedule(c::close, millis(settings.headTimeout()), TimeUnit.MILLISECONDS);
        try {
            return HttpHeadReader.read(in);
        } catch (HttpParseException e) {
            refuse(out, e.status(), e.getMessage());
            return Optional.empty();
        } catch (IOException closedByDeadline) {
            return Optional.empty();
        } finally {
            deadline.cancel(false);
        }
    }

    private Link tunnel(Connections.Conn c, Link link, String target, InputStream in, OutputStream out)
            throws IOException {
        if (link.tunnelHost() != null) {
            return refuse(out, 400, "CONNECT inside a tunnel");
        }
        Optional<Authority> authority = Authority.parse(target);
        if (authority.isEmpty()) {
            return refuse(out, 400, "CONNECT needs host:port");
        }
        String host = authority.get().host();
        if (!intercepted.test(host)) {
            c.beginRelay();
            Relay.tunnel(link.socket(), in, out, host, authority.get().port(), relayable);
            return null;
        }
        out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        ScheduledFuture<?> deadline = watchdog.schedule(c::close, millis(settings.headTimeout()), TimeUnit.MILLISECONDS);
        Socket secured;
        try {
            secured = tls.accept(link.socket(), host, in);
        } finally {
            deadline.cancel(false);
        }
        c.tunnel(secured);
        secured.setSoTimeout(millis(settings.idleTimeout()));
        return new Link(secured, authority.get().toString(), true);
    }

    /** Whether a request whose head was read got an exchange slot. */
    private enum Admission {
        ADMITTED,
        /** Every slot is busy: answered 503, not evaluated. */
        BUSY,
        /** The endpoint is shutting down, or closed the connection to make room, as the head arrived. */
        CLOSED
    }

    /**
     * An exchange slot, given back once: when the exchange ends, or as soon as the call is decided
     * and refused, so that dropping a refused body (at the client's pace, within its deadline)
     * holds no slot the agent's next call could use.
     */
    private final class Slot {
        private boolean held;

        Slot(boolean held) {
            this.held = held;
        }

        void release() {
            if (held) {
                held = false;
                exchanges.release();
            }
        }
    }

    /** Handles one request; false when the connection must close afterwards. */
    private boolean forwardOne(Connections.Conn c, Link link, HttpHead head, String method, String target,
            InputStream in, OutputStream out, Admission admission, Slot slot) throws IOException {
        Exchange x = new Exchange(System.nanoTime(), new Transfer());
        if (admission != Admission.CLOSED) {
            c.transfer(x.transfer);
        }
        try {
            Target t;
            InputStream framed;
            BodyDeadline deadline = new BodyDeadline(in, link.socket(), millis(settings.idleTimeout()),
                    millis(settings.bodyTimeout()));
            try {
                t = Target.parse(target, link.tunnelHost(), head);
                framed = Bodies.of(head, deadline);
            } catch (HttpParseException e) {
                x.call = new IncomingCall(link.tunnelHost() != null ? link.tunnelHost() : "", link.secure(), head,
                        method, "", "", peer(link), InputStream.nullInputStream());
                if (admission == Admission.CLOSED) {
                    x.done = x.ended(ABORTED, closedBeforeHandled(c));
                    return false;
                }
                x.answer(out, plainRefusal(e.status(), e.getMessage()), false, Optional.of("refused: " + e.getMessage()));
                return false;
            }
            boolean expectsContinue = head.first("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false);
            ContinueOnRead gated = expectsContinue ? new ContinueOnRead(framed, out) : null;
            IncomingCall call = new IncomingCall(t.authority(), link.secure(), head, method, t.rawPath(), t.rawQuery(),
                    peer(link), gated != null ? gated : framed);
            // Answered by the endpoint itself: the body is neither read nor handed on.
            x.call = new IncomingCall(call.authority(), call.secure(), head, method, call.rawPath(), call.rawQuery(),
                    call.clientIp(), InputStream.nullInputStream());
            if (admission == Admission.CLOSED) {
                x.done = x.ended(ABORTED, closedBeforeHandled(c));
                return false;
            }
            if (!METHODS.contains(method)) {
                String why = "the Airlock endpoint does not implement the method '" + method
                        + "' (methods are case-sensitive)";
                x.answer(out, gate.refusal(x.call, 501, "NotImplemented", why), false, Optional.of("refused: " + why));
                return false;
            }
            if (admission == Admission.BUSY) {
                refusedConnections.incrementAndGet();
                x.answer(out, gate.refusal(x.call, 503, "ServiceUnavailable", BUSY + "; retry shortly"), false,
                        Optional.of(BUSY));
                return false;
            }
            x.call = call;
            deadline.arm();
            try {
                x.verdict = gate.decide(x.call);
            } catch (IOException | RuntimeException e) {
                if (deadline.expired()) {
                    return timedOut(x, deadline, out);
                }
                // A body that broke off, or a request the gate could not take apart: refused, and recorded.
                x.answer(out, plainRefusal(400, "request refused: " + e.getMessage()), false,
                        Optional.of(String.valueOf(e.getMessage())));
                return false;
            }
            boolean keepAlive = open && !head.first("Connection").map(v -> v.equalsIgnoreCase("close")).orElse(false);
            if (x.verdict instanceof Verdict.Respond r) {
                slot.release();
                // A refused body is never forwarded. A small one is read and dropped to keep the
                // connection (within the body deadline); a large or never-invited one closes it
                // instead of being read in full.
                boolean uninvited = gated != null && !gated.invited();
                boolean small = !head.chunked() && head.contentLength().orElse(0L) <= SMALL_BODY;
                keepAlive = keepAlive && !uninvited && small;
                if (keepAlive) {
                    x.done = x.ended(r.status(), "the client went away before its answer was sent");
                    try {
                        Bodies.drain(framed);
                    } catch (BodyDeadline.Expired slow) {
                        keepAlive = false; // the decision stands; the connection does not
                    }
                }
                deadline.disarm();
                x.answer(out, r, keepAlive, Optional.empty());
                if (!keepAlive && !Bodies.exhausted(framed) && !deadline.expired()) {
                    discardBriefly(link.socket(), in);
                }
                return keepAlive;
            }
            if (deadline.expired()) {
                return timedOut(x, deadline, out); // the gate read past the deadline and went on: not forwarded
            }
            deadline.disarm();
            return forward(c, x, (Verdict.Forward) x.verdict, method, out) && keepAlive && Bodies.exhausted(framed);
        } finally {
            if (x.call != null) {
                gate.completed(x.call, x.verdict, x.done);
            }
        }
    }

    /**
     * A body that was not there by the deadline: answered {@code RequestTimeout} (nothing was
     * forwarded) and the connection closed, since the rest of the body may still come.
     */
    private boolean timedOut(Exchange x, BodyDeadline deadline, OutputStream out) throws IOException {
        String why = deadline.why();
        x.answer(out, gate.refusal(x.call, 400, "RequestTimeout", "Your socket connection to the server was not "
                + "read from or written to within the timeout period: " + why), false, Optional.of(why));
        return false;
    }

    private static String closedBeforeHandled(Connections.Conn c) {
        return c.shutDown() ? "the endpoint shut down before the call was handled"
                : "the connection was closed before the call was handled";
    }

    /** Sends a forward upstream and its answer back; true when the client connection can carry on. */
    private boolean forward(Connections.Conn c, Exchange x, Verdict.Forward f, String method, OutputStream out)
            throws IOException {
        try {
            Forwarded result = Forwarding.forward(upstreams, f, method, out, x.transfer);
            x.done = Gate.Completion.ok(result.status(), result.bytesIn(), result.bytesOut(), x.elapsed());
            return result.keepClient();
        } catch (ClientBodyException e) {
            x.done = x.aborted(c, e);
            Optional<Verdict.Respond> refusal = gate.bodyRefused(x.call, e.failure());
            if (refusal.isPresent()) {
                x.answer(out, refusal.get(), false, Optional.of("the request body failed verification: "
                        + e.getMessage()));
            }
            return false;
        } catch (IOException | RuntimeException e) {
            x.done = x.aborted(c, e);
            throw e;
        }
    }

    /** One request's progress: what {@link Gate#completed} is told, whichever way it ends. */
    private static final class Exchange {
        final long t0;
        final Transfer transfer;
        IncomingCall call;
        Verdict verdict;
        Gate.Completion done;

        Exchange(long t0, Transfer transfer) {
            this.t0 = t0;
            this.transfer = transfer;
            this.done = ended(ABORTED, "the exchange ended unexpectedly");
        }

        long elapsed() {
            return System.nanoTime() - t0;
        }

        Gate.Completion ended(int status, String problem) {
            return new Gate.Completion(status, transfer.bytesIn, transfer.bytesOut, elapsed(), Optional.of(problem));
        }

        Gate.Completion aborted(Connections.Conn c, Exception e) {
            return ended(ABORTED, c.shutDown() ? "the endpoint shut down while the call was in flight"
                    : "cut off: " + e.getMessage());
        }

        /** Writes {@code r}; recorded as answered only once it was written. */
        void answer(OutputStream out, Verdict.Respond r, boolean keepAlive, Optional<String> problem) throws IOException {
            if (verdict == null) {
                verdict = r;
            }
            done = ended(r.status(), "the client went away before its answer was sent");
            out.write(Responses.of(r, keepAlive));
            out.flush();
            done = new Gate.Completion(r.status(), transfer.bytesIn, r.body().length, elapsed(), problem);
        }
    }

    /**
     * After refusing a call whose body is still coming (a client that stopped waiting for
     * 100-continue, or a large upload), reads and drops what follows for a moment before the
     * connection closes: closing on unread data resets the connection, and the client would lose
     * the error it was sent.
     */
    private static void discardBriefly(Socket socket, InputStream in) {
        try {
            socket.setSoTimeout(LINGER_MS);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
            byte[] buf = new byte[16 * 1024];
            long left = LINGER_BYTES;
            int n;
            while (left > 0 && System.nanoTime() < deadline && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException ignored) {
            // the client closed or went quiet: either way the connection ends now
        }
    }

    private static Verdict.Respond plainRefusal(int status, String message) {
        return new Verdict.Respond(status, Responses.reason(status), "text/plain; charset=utf-8",
                (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String peer(Link link) {
        return link.socket().getInetAddress().getHostAddress();
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    /** How one forwarded exchange went. */
    record Forwarded(int status, long bytesIn, long bytesOut, boolean keepClient) {}

    /**
     * Stops accepting, closes connections that wait for a request, lets calls in flight finish for
     * the drain timeout, then ends the rest (each is recorded as aborted by its own thread) and waits
     * for their records.
     */
    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.closeIdle();
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        connections.awaitNoExchanges(deadline);
        connections.abortAll();
        connections.awaitEmpty(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        workers.shutdownNow();
        watchdog.shutdownNow();
        upstreams.close();
    }
}
