package dev.airlock.proxy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A request's body as read from its connection, with a deadline while it is armed: from the end
 * of the head until the gate has decided (and a refused body has been dropped), the bytes read
 * must arrive by then, so a body that trickles in before its signature is checked cannot hold an
 * exchange slot. Each read waits at most until the deadline (the socket's timeout is lowered for
 * it), and fails with {@link Expired} once it has passed; the connection stays writable for the
 * error. Disarmed, reads pass straight through (a forwarded upload streams for as long as it
 * takes, each read bounded only by the idle timeout). Buffers nothing: the connection's next
 * request stays in the stream below.
 */
final class BodyDeadline extends FilterInputStream {

    /** A read at or after the deadline. */
    static final class Expired extends IOException {
        private static final long serialVersionUID = 1L;

        Expired(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final int idleMillis;
    private final long timeoutMillis;
    private long deadline;
    private boolean armed;
    private boolean expired;

    BodyDeadline(InputStream in, Socket socket, int idleMillis, long timeoutMillis) {
        super(in);
        this.socket = socket;
        this.idleMillis = idleMillis;
        this.timeoutMillis = timeoutMillis;
    }

    /** Starts the deadline: reads must end within the body timeout from now. */
    void arm() {
        deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        armed = true;
    }

    void disarm() {
        armed = false;
    }

    /** Whether a read failed because the deadline had passed. */
    boolean expired() {
        return expired;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (!armed) {
            return in.read(b, off, len);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw expire();
        }
        if (len == 0) {
            return 0;
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(idleMillis, (left + 999_999) / 1_000_000)));
        try {
            return in.read(b, off, len);
        } catch (SocketTimeoutException e) {
            if (deadline - System.nanoTime() <= 0) {
                throw expire();
            }
            throw e;
        } finally {
            socket.setSoTimeout(idleMillis);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    private Expired expire() {
        expired = true;
        return new Expired(why());
    }

    /** What a read past the deadline is told. */
    String why() {
        return "the request body did not arrive within " + (timeoutMillis % 1000 == 0 ? timeoutMillis / 1000 + " s"
                : timeoutMillis + " ms") + " of its head";
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // the connection's stream outlives the body
    }
}
