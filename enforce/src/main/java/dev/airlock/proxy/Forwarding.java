package dev.airlock.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Sends an allowed request upstream and streams the response back, in constant memory. */
final class Forwarding {

    private Forwarding() {}

    static ProxyServer.Forwarded forward(Upstreams upstreams, Verdict.Forward f, String method, OutputStream client,
            Transfer transfer) throws IOException {
        Upstreams.Connection up = upstreams.open(f.upstream());
        transfer.upstream(up);
        boolean reusable = false;
        try {
            long sent = send(up, f, transfer);
            HttpHead response = HttpHeadReader.read(up.in)
                    .orElseThrow(() -> new IOException("upstream closed the connection without answering"));
            while (response.startLine().contains(" 100 ")) {
                response = HttpHeadReader.read(up.in).orElseThrow(() -> new IOException("upstream closed after 100"));
            }
            int status = status(response);
            boolean noBody = method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1;
            boolean closeDelimited = !noBody && !response.chunked() && response.contentLength().isEmpty();
            long received = relay(response, up.in, client, noBody, closeDelimited, counting(f.meter(), transfer, false));
            reusable = !closeDelimited && !response.first("Connection").map(v -> v.equalsIgnoreCase("close")).orElse(false);
            return new ProxyServer.Forwarded(status, sent, received, !closeDelimited);
        } finally {
            if (reusable) {
                upstreams.release(up);
            } else {
                up.close();
            }
        }
    }

    /** The meter, counting the bytes it is told of into {@code transfer}. */
    private static Verdict.Meter counting(Verdict.Meter meter, Transfer transfer, boolean in) {
        return n -> {
            meter.moved(n);
            if (in) {
                transfer.bytesIn += n;
            } else {
                transfer.bytesOut += n;
            }
        };
    }

    private static long send(Upstreams.Connection up, Verdict.Forward f, Transfer transfer) throws IOException {
        java.io.InputStream body = transfer.clientBody(f.body());
        Verdict.Meter meter = counting(f.meter(), transfer, true);
        HttpHead head = f.head().without("Transfer-Encoding", "Content-Length", "Connection", "Proxy-Connection",
                "Keep-Alive", "Expect");
        head = f.length().isPresent() ? head.with("Content-Length", Long.toString(f.length().getAsLong()))
                : head.with("Transfer-Encoding", "chunked");
        up.out.write(head.bytes());
        long n;
        if (f.length().isPresent()) {
            n = Bodies.copy(body, up.out, meter);
            if (n != f.length().getAsLong()) {
                throw new ClientBodyException(new Bodies.TruncatedBodyException("body was " + n + " bytes, not "
                        + f.length().getAsLong()));
            }
        } else {
            Bodies.ChunkedOut chunked = new Bodies.ChunkedOut(up.out);
            n = Bodies.copy(body, chunked, meter);
            chunked.close();
        }
        up.out.flush();
        return n;
    }

    private static long relay(HttpHead response, InputStream upstream, OutputStream client, boolean noBody,
            boolean closeDelimited, Verdict.Meter meter) throws IOException {
        HttpHead out = response.without("Connection", "Keep-Alive", "Transfer-Encoding");
        long count = 0;
        if (noBody) {
            client.write(out.bytes());
        } else if (response.chunked()) {
            client.write(out.with("Transfer-Encoding", "chunked").bytes());
            Bodies.ChunkedOut chunked = new Bodies.ChunkedOut(client);
            count = Bodies.copy(Bodies.of(response, upstream), chunked, meter);
            chunked.close();
        } else if (closeDelimited) {
            client.write(out.with("Connection", "close").bytes());
            count = Bodies.copy(upstream, client, meter);
        } else {
            client.write(out.bytes());
            count = Bodies.copy(Bodies.of(response, upstream), client, meter);
        }
        client.flush();
        return count;
    }

    static int status(HttpHead response) throws HttpParseException {
        String[] parts = response.startLine().split(" ", 3);
        try {
            return Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            throw new HttpParseException(502, "upstream sent a malformed status line");
        }
    }
}
