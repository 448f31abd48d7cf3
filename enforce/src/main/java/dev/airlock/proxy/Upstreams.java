package dev.airlock.proxy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Kept-alive connections to upstream endpoints, so a forwarded call does not pay a new handshake. */
final class Upstreams implements AutoCloseable {

    private static final int MAX_IDLE_PER_HOST = 16;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 120_000;
    /** Reuse a kept-alive connection only within this time: S3 and other AWS front ends close idle ones after about 20 s. */
    private static final long MAX_IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
    private static final int MAX_IDLE_TOTAL = 256;

    /** One connection with its buffered streams. */
    static final class Connection implements AutoCloseable {
        final String key;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        long idleSince;

        Connection(String key, Socket socket) throws IOException {
            this.key = key;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do about a failed close
            }
        }
    }

    private final Map<String, Deque<Connection>> idle = new HashMap<>();
    private int idleCount;

    Connection open(URI upstream) throws IOException {
        String key = upstream.getScheme() + "://" + upstream.getHost() + ":" + port(upstream);
        synchronized (idle) {
            Deque<Connection> q = idle.get(key);
            while (q != null && !q.isEmpty()) {
                Connection c = q.pollFirst();
                idleCount--;
                if (!c.socket.isClosed() && System.nanoTime() - c.idleSince < MAX_IDLE_NANOS) {
                    return c;
                }
                c.close();
            }
        }
        Socket plain = new Socket();
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress(upstream.getHost(), port(upstream)), CONNECT_TIMEOUT_MS);
        plain.setSoTimeout(READ_TIMEOUT_MS);
        if (!"https".equals(upstream.getScheme())) {
            return new Connection(key, plain);
        }
        // Upstream-signed requests must reach the host they were signed for: check its certificate
        // names it (JSSE does not unless asked), and send SNI.
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, upstream.getHost(), port(upstream), true);
        SSLParameters params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        params.setServerNames(java.util.List.of(new SNIHostName(upstream.getHost())));
        tls.setSSLParameters(params);
        tls.startHandshake();
        return new Connection(key, tls);
    }

    void release(Connection c) {
        synchronized (idle) {
            Deque<Connection> q = idle.computeIfAbsent(c.key, k -> new ArrayDeque<>());
            if (q.size() < MAX_IDLE_PER_HOST && idleCount < MAX_IDLE_TOTAL) {
                c.idleSince = System.nanoTime();
                q.addFirst(c);
                idleCount++;
                return;
            }
        }
        c.close();
    }

    static int port(URI u) {
        return u.getPort() > 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    }

    @Override
    public void close() {
        synchronized (idle) {
            idle.values().forEach(q -> q.forEach(Connection::close));
            idle.clear();
            idleCount = 0;
        }
    }
}
