package dev.airlock.sigv4;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body as it must be forwarded: decoded (for aws-chunked) and verified while it is read. A failure surfaces
 * as a {@link PayloadVerificationException} no later than the read that would return the final byte, so a caller
 * that copies this stream into the upstream request can always abort before completing it. Memory use is
 * constant (an 8 KiB buffer); bytes of a chunk are released before that chunk's signature is checked, except the
 * last ones.
 */
public abstract sealed class PayloadStream extends InputStream
        permits PassThroughStream, Sha256CheckingStream, AwsChunkedDecodingStream {

    private final byte[] single = new byte[1];

    /** The trailing headers (e.g. {@code x-amz-checksum-crc32}), available once the stream reached its end. */
    public Headers trailers() {
        return Headers.empty();
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
