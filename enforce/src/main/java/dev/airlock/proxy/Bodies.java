package dev.airlock.proxy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Message body framing of HTTP/1.1: fixed length, chunked, and copying between streams. */
public final class Bodies {

    private static final int MAX_CHUNK_LINE = 4096;

    private Bodies() {}

    /** The body of a message with {@code head}, never reading past it; empty for none. */
    public static InputStream of(HttpHead head, InputStream in) throws HttpParseException {
        List<String> encodings = head.all("Transfer-Encoding");
        List<String> lengths = head.all("Content-Length");
        if (!encodings.isEmpty()) {
            // Anything but exactly "chunked", or a length beside it, is how requests get smuggled.
            if (encodings.size() != 1 || !encodings.get(0).trim().equalsIgnoreCase("chunked") || !lengths.isEmpty()) {
                throw new HttpParseException(400, "ambiguous message framing (Transfer-Encoding)");
            }
            return new Chunked(in);
        }
        if (lengths.size() > 1 && lengths.stream().map(String::trim).distinct().count() > 1) {
            throw new HttpParseException(400, "conflicting Content-Length headers");
        }
        long length;
        try {
            length = head.contentLength().orElse(0L);
        } catch (NumberFormatException e) {
            throw new HttpParseException(400, "Content-Length is not a number");
        }
        if (length < 0) {
            throw new HttpParseException(400, "negative Content-Length");
        }
        return new Fixed(in, length);
    }

    /** Copies until end of stream; returns the byte count. */
    public static long copy(InputStream from, OutputStream to) throws IOException {
        return copy(from, to, Verdict.Meter.NONE);
    }

    /** As {@link #copy(InputStream, OutputStream)}, telling {@code meter} of each chunk before it is written. */
    public static long copy(InputStream from, OutputStream to, Verdict.Meter meter) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = from.read(buf)) >= 0) {
            meter.moved(n);
            to.write(buf, 0, n);
            total += n;
        }
        return total;
    }

    /**
     * Whether a body was consumed to its end by its framing, known without blocking; a body that
     * was not (the client sent more than its signed payload said) must not share the connection.
     */
    public static boolean exhausted(InputStream body) {
        if (body instanceof Fixed f) {
            return f.left == 0;
        }
        if (body instanceof Chunked c) {
            return c.done;
        }
        return true;
    }

    /** Reads and discards the rest of a body so the connection can carry the next message. */
    public static void drain(InputStream body) throws IOException {
        byte[] buf = new byte[8192];
        while (body.read(buf) >= 0) {
            // discard
        }
    }

    /** Exactly {@code length} bytes; a shorter stream is a truncated body, an error. */
    static final class Fixed extends InputStream {
        private final InputStream in;
        private long left;

        Fixed(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new TruncatedBodyException(left + " bytes of the body never arrived");
            }
            left -= n;
            return n;
        }
    }

    /** HTTP/1.1 chunked transfer coding; trailers are read and dropped. */
    static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                left = nextSize();
                if (left == 0) {
                    while (!line(in).isEmpty()) {
                        // trailer fields
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new TruncatedBodyException("chunked body ended inside a chunk");
            }
            left -= n;
            if (left == 0 && !line(in).isEmpty()) {
                throw new HttpParseException(400, "chunk not followed by CRLF");
            }
            return n;
        }

        private long nextSize() throws IOException {
            String l = line(in);
            int semi = l.indexOf(';');
            String hex = (semi < 0 ? l : l.substring(0, semi)).trim();
            try {
                long size = Long.parseLong(hex, 16);
                if (size < 0) {
                    throw new NumberFormatException();
                }
                return size;
            } catch (NumberFormatException e) {
                throw new HttpParseException(400, "bad chunk size line");
            }
        }
    }

    /** One CRLF- (or LF-) terminated line, without the terminator. */
    static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(16);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new TruncatedBodyException("body ended inside a chunk header");
            }
            if (b.length() > MAX_CHUNK_LINE) {
                throw new HttpParseException(400, "chunk header line too long");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /** Writes the chunked transfer coding; {@link #close()} writes the last chunk, not closing the target. */
    public static final class ChunkedOut extends FilterOutputStream {
        public ChunkedOut(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(b, off, len);
            out.write('\r');
            out.write('\n');
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void close() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    /** A body shorter than its framing promised: the client went away or lied. */
    public static final class TruncatedBodyException extends IOException {
        private static final long serialVersionUID = 1L;

        public TruncatedBodyException(String message) {
            super(message);
        }
    }
}
