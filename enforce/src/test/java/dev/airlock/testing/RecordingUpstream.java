package dev.airlock.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A plain HTTP/1.1 server on 127.0.0.1 that records every request it receives and reads it with
 * parsers of its own (java.net.URI for the target, a DOM parser for XML bodies), none of which the
 * endpoint uses: an upstream whose reading of the forwarded bytes tests can compare with what the
 * endpoint evaluated. It answers 200 with a short body, or holds the answer while {@link #hold} is
 * set.
 */
public final class RecordingUpstream implements AutoCloseable {

    /** One request as received. */
    public record Received(String method, String rawTarget, Map<String, List<String>> headers, byte[] body) {

        /** The decoded path. */
        public String path() {
            try {
                return new URI("http://upstream" + rawTarget).getPath();
            } catch (URISyntaxException e) {
                throw new IllegalStateException("the upstream received an unparsable target " + rawTarget, e);
            }
        }

        /** The decoded query parameters, in order. */
        public Map<String, String> query() {
            Map<String, String> out = new LinkedHashMap<>();
            int q = rawTarget.indexOf('?');
            if (q < 0) {
                return out;
            }
            for (String pair : rawTarget.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
            return out;
        }

        /** Path style: the first path segment. */
        public String bucket() {
            String p = path().substring(1);
            int slash = p.indexOf('/');
            return slash < 0 ? p : p.substring(0, slash);
        }

        /** Path style: everything after the bucket; empty for none. */
        public Optional<String> key() {
            String p = path().substring(1);
            int slash = p.indexOf('/');
            return slash < 0 || slash == p.length() - 1 ? Optional.empty() : Optional.of(p.substring(slash + 1));
        }

        public Optional<String> header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? Optional.empty() : Optional.of(String.join(",", v));
        }

        /** The text of every element of that name in the XML body, as a DOM parser reads it. */
        public List<String> xmlTexts(String element) {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
                NodeList nodes = doc.getElementsByTagNameNS("*", element);
                if (nodes.getLength() == 0) {
                    nodes = doc.getElementsByTagName(element);
                }
                List<String> out = new ArrayList<>();
                for (int i = 0; i < nodes.getLength(); i++) {
                    out.add(nodes.item(i).getTextContent());
                }
                return out;
            } catch (Exception e) {
                throw new IllegalStateException("the upstream received a body it cannot parse as XML", e);
            }
        }

        /** A query component as a servlet container would decode it, except that + stays a plus. */
        private static String decode(String s) {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean hold;
    private final Object gate = new Object();

    public RecordingUpstream() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::accept, "recording-upstream");
        t.setDaemon(true);
        t.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received last() {
        if (received.isEmpty()) {
            throw new AssertionError("the upstream received nothing");
        }
        return received.get(received.size() - 1);
    }

    public void clear() {
        received.clear();
    }

    /** While true, answers are held back (after the request is recorded), so calls stay in flight. */
    public void hold(boolean on) {
        hold = on;
        if (!on) {
            synchronized (gate) {
                gate.notifyAll();
            }
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.add(s);
                Thread t = new Thread(() -> serve(s), "recording-upstream-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                String[] parts = requestLine.split(" ");
                Map<String, List<String>> headers = new LinkedHashMap<>();
                String h;
                while ((h = line(in)) != null && !h.isEmpty()) {
                    int colon = h.indexOf(':');
                    headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(h.substring(colon + 1).trim());
                }
                byte[] body = body(in, headers);
                received.add(new Received(parts[0], parts[1], headers, body));
                while (hold) {
                    synchronized (gate) {
                        gate.wait(50);
                    }
                }
                byte[] answer = parts[0].equals("HEAD") ? new byte[0] : "upstream-ok".getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                whole.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                        + answer.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                whole.writeBytes(answer);
                out.write(whole.toByteArray());
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the endpoint closed the connection
        }
    }

    private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
        if (headers.getOrDefault("transfer-encoding", List.of()).stream().anyMatch(v -> v.contains("chunked"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    return out.toByteArray();
                }
                out.write(in.readNBytes(size));
                line(in);
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", List.of("0")).get(0));
        return in.readNBytes(length);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
