package dev.airlock.proxy;

import java.io.IOException;
import java.io.InputStream;

/**
 * One forwarded exchange while it moves: the bytes moved each way so far (so a call cut off is
 * recorded with what it moved), and its upstream connection (so shutdown can end it).
 */
final class Transfer {

    private volatile Upstreams.Connection upstream;
    private volatile boolean aborted;
    volatile long bytesIn;
    volatile long bytesOut;

    void upstream(Upstreams.Connection c) throws IOException {
        upstream = c;
        if (aborted) {
            c.close();
            throw new IOException("the exchange was ended before it reached the upstream");
        }
    }

    /** Ends the exchange: its upstream connection is closed, so blocked reads and writes fail. */
    void abort() {
        aborted = true;
        Upstreams.Connection c = upstream;
        if (c != null) {
            c.close();
        }
    }

    /** The client's body, its read failures told apart from the upstream's. */
    InputStream clientBody(InputStream body) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return body.read(b, off, len);
                } catch (IOException e) {
                    throw new ClientBodyException(e);
                }
            }
        };
    }
}
