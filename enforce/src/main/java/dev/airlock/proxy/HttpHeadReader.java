package dev.airlock.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one HTTP/1.1 head (start line and headers) from a stream, byte by byte up to the blank
 * line, so the body that follows stays unread in the stream. Limits keep a hostile client from
 * making the endpoint buffer without bound.
 */
public final class HttpHeadReader {

    /** Largest head accepted, in bytes (AWS front ends accept about as much). */
    public static final int MAX_HEAD_BYTES = 64 * 1024;
    public static final int MAX_HEADERS = 200;

    private HttpHeadReader() {}

    /** The next head, or empty at a clean end of stream between messages. */
    public static Optional<HttpHead> read(InputStream in) throws IOException {
        byte[] buf = new byte[1024];
        int len = 0;
        List<HttpHead.Header> headers = new ArrayList<>();
        String start = null;
        int total = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (start == null && len == 0) {
                    return Optional.empty();
                }
                throw new HttpParseException(400, "connection closed in the middle of a message head");
            }
            if (++total > MAX_HEAD_BYTES) {
                throw new HttpParseException(431, "message head exceeds " + MAX_HEAD_BYTES + " bytes");
            }
            if (c != '\n') {
                if (len == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                buf[len++] = (byte) c;
                continue;
            }
            int end = len > 0 && buf[len - 1] == '\r' ? len - 1 : len;
            controls(buf, end);
            String line = new String(buf, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1);
            len = 0;
            if (start == null) {
                if (line.isEmpty()) {
                    continue; // RFC 9112: ignore empty lines before a request line
                }
                start = line;
            } else if (line.isEmpty()) {
                return Optional.of(new HttpHead(start, headers));
            } else {
                headers.add(header(line));
                if (headers.size() > MAX_HEADERS) {
                    throw new HttpParseException(431, "more than " + MAX_HEADERS + " headers");
                }
            }
        }
    }

    /**
     * A CR that does not end a line, or any other control character but HTAB, is refused: parsers
     * differ on whether a bare CR ends a header, so a value holding one could be read as two.
     */
    private static void controls(byte[] line, int end) throws HttpParseException {
        for (int i = 0; i < end; i++) {
            int c = line[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new HttpParseException(400, c == '\r' ? "a bare CR in the message head"
                        : "a control character in the message head");
            }
        }
    }

    private static HttpHead.Header header(String line) throws HttpParseException {
        int colon = line.indexOf(':');
        if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.charAt(colon - 1) == ' ') {
            throw new HttpParseException(400, "malformed header line");
        }
        for (int i = 0; i < colon; i++) {
            char ch = line.charAt(i);
            if (ch <= ' ' || ch >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(ch) >= 0) {
                throw new HttpParseException(400, "malformed header name");
            }
        }
        return new HttpHead.Header(line.substring(0, colon), line.substring(colon + 1).trim());
    }
}
