package dev.airlock.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of a request that sent {@code Expect: 100-continue}: the client holds the body back
 * until told to go on, so "100 Continue" is sent on the first read, and only then. A call refused
 * before its body is read never invites the body at all.
 */
final class ContinueOnRead extends InputStream {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final InputStream body;
    private final OutputStream client;
    private boolean invited;

    ContinueOnRead(InputStream body, OutputStream client) {
        this.body = body;
        this.client = client;
    }

    boolean invited() {
        return invited;
    }

    private void invite() throws IOException {
        if (!invited) {
            invited = true;
            client.write(CONTINUE);
            client.flush();
        }
    }

    @Override
    public int read() throws IOException {
        invite();
        return body.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        invite();
        return body.read(b, off, len);
    }
}
