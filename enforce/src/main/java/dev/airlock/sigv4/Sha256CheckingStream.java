package dev.airlock.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Hashes the body while it streams and compares with the signed claim at the end. The last byte is held back
 * until the end is seen and the hash checked, so a mismatch is thrown before the caller gets the whole body.
 */
final class Sha256CheckingStream extends PayloadStream {

    private final InputStream in;
    private final String expectedHex;
    private final MessageDigest digest = Crypto.newSha256();
    private int held = -1;
    private boolean ended;
    private PayloadVerificationException failure;

    Sha256CheckingStream(InputStream in, String expectedHex) {
        this.in = in;
        this.expectedHex = expectedHex.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        if (ended) {
            return -1;
        }
        if (held < 0) {
            int first = in.read();
            if (first < 0) {
                finish();
                return -1;
            }
            digest.update((byte) first);
            held = first;
        }
        b[off] = (byte) held;
        int n = len == 1 ? single() : in.read(b, off + 1, len - 1);
        if (n < 0) {
            finish();
            return 1;
        }
        if (len > 1) {
            digest.update(b, off + 1, n);
            held = b[off + n] & 0xFF;
        }
        return len == 1 ? 1 : n;
    }

    /** Reads the byte after the held one; returns -1 at the end, else 1 (and holds the new byte). */
    private int single() throws IOException {
        int next = in.read();
        if (next < 0) {
            return -1;
        }
        digest.update((byte) next);
        held = next;
        return 1;
    }

    private void finish() throws PayloadVerificationException {
        ended = true;
        held = -1;
        String actual = Hex.encode(digest.digest());
        if (!actual.equals(expectedHex)) {
            failure = new PayloadVerificationException(PayloadVerificationException.Failure.PAYLOAD_HASH_MISMATCH,
                    "body SHA-256 " + actual + " but x-amz-content-sha256 claims " + expectedHex);
            throw failure;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
