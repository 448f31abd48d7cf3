package dev.airlock.broker.http;

import dev.airlock.broker.auth.CanonicalRequest;
import dev.airlock.proxy.HttpHead;
import dev.airlock.proxy.HttpHeadReader;
import dev.airlock.proxy.HttpParseException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;

/**
 * HTTP/1.1, one request per connection, on a Unix socket or on TCP (with TLS, which is required
 * off loopback). Framing is strict: a body is sent with
 * Content-Length only (no Transfer-Encoding), at most {@link Settings#maxBody()} bytes; a
 * connection that has not finished its request by the deadline is closed, so a slow client cannot
 * hold a worker. Every request ends in {@link ApiHandler#handle} or {@link ApiHandler#refused}.
 */
public final class ApiServer implements AutoCloseable {

    /** Limits; the body limit is the API's documented one. */
    public record Settings(int maxBody, Duration deadline, int workers, int queue) {
        public static Settings defaults() {
            return new Settings(64 * 1024, Duration.ofSeconds(10), 16, 256);
        }
    }

    /** One accepted connection, whatever the transport. */
    private record Conn(InputStream in, OutputStream out, String peer, java.io.Closeable closer) {}

    /** Where connections come from. */
    private interface Listener extends java.io.Closeable {
        Conn accept() throws IOException;
    }

    /** TLS for a TCP listener: the terminator and the host name its certificate is for. */
    public record Tls(dev.airlock.tls.TlsTerminator terminator, String host) {}

    private final Listener server;
    private final int port;
    private final ApiHandler handler;
    private final Settings settings;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final Thread acceptor;
    private volatile boolean closing;

    private ApiServer(Listener server, int port, ApiHandler handler, Settings settings) {
        this.server = server;
        this.port = port;
        this.handler = handler;
        this.settings = settings;
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queue()), r -> daemon(r, "airlock-broker-worker"));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "airlock-broker-deadline"));
        this.acceptor = daemon(this::accept, "airlock-broker-accept");
    }

    /** Listens on {@code socket}, which must not exist (the caller owns the directory and removes stale sockets). */
    public static ApiServer unix(Path socket, ApiHandler handler, Settings settings) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(socket), 256);
        Listener l = new Listener() {
            @Override
            public Conn accept() throws IOException {
                SocketChannel c = ch.accept();
                return new Conn(new BufferedInputStream(Channels.newInputStream(c)), Channels.newOutputStream(c), peer(c), c);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
        return started(new ApiServer(l, -1, handler, settings));
    }

    /** Listens on {@code address}; with {@code tls}, every connection is TLS (the handshake happens in its worker). */
    public static ApiServer tcp(java.net.InetSocketAddress address, Optional<Tls> tls, ApiHandler handler,
            Settings settings) throws IOException {
        java.net.ServerSocket ss = new java.net.ServerSocket();
        ss.bind(address, 256);
        Listener l = new Listener() {
            @Override
            public Conn accept() throws IOException {
                java.net.Socket s = ss.accept();
                java.net.Socket io = tls.isPresent() ? tls.get().terminator().acceptTunnel(s, tls.get().host()) : s;
                String who = s.getInetAddress().getHostAddress() + ":" + s.getPort();
                return new Conn(new BufferedInputStream(io.getInputStream()), io.getOutputStream(), who, io);
            }

            @Override
            public void close() throws IOException {
                ss.close();
            }
        };
        return started(new ApiServer(l, ss.getLocalPort(), handler, settings));
    }

    private static ApiServer started(ApiServer s) {
        s.acceptor.start();
        return s;
    }

    /** The TCP port listened on (for an ephemeral port); -1 for a Unix socket. */
    public int port() {
        return port;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void accept() {
        while (!closing) {
            Conn c;
            try {
                c = server.accept();
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                // One connection failed (reset before accept, a TLS wrap that failed): keep listening.
                pause();
                continue;
            }
            try {
                workers.execute(() -> serve(c));
            } catch (RejectedExecutionException e) {
                busy(c);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void busy(Conn c) {
        Problem p = new Problem(503, "broker-busy", "The broker is busy", "too many requests in progress; retry",
                Optional.of(1L));
        handler.refused(p, "", c.peer());
        try (java.io.Closeable closer = c.closer()) {
            write(c.out(), p.response());
        } catch (IOException ignored) {
            // the client went away; the refusal is recorded
        }
    }

    private void serve(Conn c) {
        ScheduledFuture<?> deadline = timer.schedule(() -> closeQuietly(c.closer()), settings.deadline().toMillis(),
                TimeUnit.MILLISECONDS);
        String peer = c.peer();
        String line = "";
        boolean handled = false;
        try (java.io.Closeable closer = c.closer()) {
            InputStream in = c.in();
            OutputStream out = c.out();
            Optional<HttpHead> head;
            try {
                head = HttpHeadReader.read(in);
            } catch (HttpParseException e) {
                refuse(out, Problem.of(e.status(), "malformed-request", "Malformed request", e.getMessage()), line, peer);
                return;
            }
            if (head.isEmpty()) {
                return; // connected and closed without a request: nothing was asked
            }
            line = head.get().startLine();
            Optional<ApiRequest> request = parse(head.get(), in, out, peer);
            if (request.isPresent()) {
                handled = true; // handle records the request; a reset while answering must not record it again
                ApiResponse response = handler.handle(request.get());
                write(out, response);
            }
        } catch (IOException e) {
            if (!handled) {
                // The client reset or hit the deadline mid-request: still one event.
                handler.refused(Problem.of(400, "incomplete-request", "Incomplete request",
                        "the connection ended before the request was complete"), line, peer);
            }
        } finally {
            deadline.cancel(false);
        }
    }

    private Optional<ApiRequest> parse(HttpHead head, InputStream in, OutputStream out, String peer) throws IOException {
        String line = head.startLine();
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !parts[2].equals("HTTP/1.1")) {
            refuse(out, Problem.of(400, "malformed-request", "Malformed request",
                    "the request line must be METHOD TARGET HTTP/1.1"), line, peer);
            return Optional.empty();
        }
        CanonicalRequest target;
        try {
            target = CanonicalRequest.of(parts[0], parts[1]);
        } catch (CanonicalRequest.NonCanonicalException e) {
            refuse(out, Problem.of(400, "non-canonical-target", "Request target not in canonical form", e.getMessage()),
                    line, peer);
            return Optional.empty();
        }
        Optional<Problem> framing = framing(head);
        if (framing.isPresent()) {
            refuse(out, framing.get(), line, peer);
            return Optional.empty();
        }
        int length = head.first("Content-Length").map(Integer::parseInt).orElse(0);
        if (head.first("Expect").isPresent()) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("body ended early");
        }
        return Optional.of(new ApiRequest(target, headers(head), body, peer));
    }

    /** Why the body cannot be read unambiguously, if it cannot. */
    private Optional<Problem> framing(HttpHead head) {
        if (!head.all("Transfer-Encoding").isEmpty()) {
            return Optional.of(Problem.of(400, "unsupported-framing", "Unsupported framing",
                    "send the body with Content-Length; Transfer-Encoding is not accepted"));
        }
        List<String> lengths = head.all("Content-Length");
        if (lengths.size() > 1 || (lengths.size() == 1 && !lengths.get(0).matches("0|[1-9][0-9]{0,9}"))) {
            return Optional.of(Problem.of(400, "unsupported-framing", "Unsupported framing",
                    "one Content-Length of decimal digits"));
        }
        if (lengths.size() == 1 && Long.parseLong(lengths.get(0)) > settings.maxBody()) {
            return Optional.of(Problem.of(413, "body-too-large", "Body too large",
                    "request bodies are limited to " + settings.maxBody() + " bytes"));
        }
        List<String> expect = head.all("Expect");
        if (expect.size() > 1 || (expect.size() == 1 && !expect.get(0).equalsIgnoreCase("100-continue"))) {
            return Optional.of(Problem.of(417, "unsupported-expectation", "Expectation not supported",
                    "only Expect: 100-continue"));
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> headers(HttpHead head) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (HttpHead.Header h : head.headers()) {
            m.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(h.value());
        }
        return m;
    }

    /** Records the refusal, then answers it; a client gone by then changes nothing (it is recorded once). */
    private void refuse(OutputStream out, Problem p, String line, String peer) {
        handler.refused(p, line, peer);
        try {
            write(out, p.response());
        } catch (IOException gone) {
            // nothing more to record
        }
    }

    private static void write(OutputStream out, ApiResponse r) throws IOException {
        StringBuilder b = new StringBuilder(160).append("HTTP/1.1 ").append(r.status()).append(' ')
                .append(reason(r.status())).append("\r\nContent-Type: ").append(r.contentType())
                .append("\r\nContent-Length: ").append(r.body().length).append("\r\nConnection: close\r\n");
        r.headers().forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        out.write(b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(r.body());
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static String peer(SocketChannel c) {
        try {
            return c.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        workers.shutdown();
        try {
            workers.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
    }
}
