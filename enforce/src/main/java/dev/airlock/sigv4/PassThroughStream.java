package dev.airlock.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** A body with nothing left to verify (unsigned, or already hashed by the caller). */
final class PassThroughStream extends PayloadStream {

    private final InputStream in;

    PassThroughStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
