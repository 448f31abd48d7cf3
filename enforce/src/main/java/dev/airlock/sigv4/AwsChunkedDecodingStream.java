package dev.airlock.sigv4;

import static dev.airlock.sigv4.PayloadVerificationException.Failure.CHECKSUM_MISMATCH;
import static dev.airlock.sigv4.PayloadVerificationException.Failure.CHUNK_SIGNATURE_MISMATCH;
import static dev.airlock.sigv4.PayloadVerificationException.Failure.CHUNK_TOO_SMALL;
import static dev.airlock.sigv4.PayloadVerificationException.Failure.DECODED_LENGTH_MISMATCH;
import static dev.airlock.sigv4.PayloadVerificationException.Failure.MALFORMED_ENCODING;
import static dev.airlock.sigv4.PayloadVerificationException.Failure.TRAILER_MISMATCH;
import static dev.airlock.sigv4.PayloadVerificationException.Failure.TRAILER_SIGNATURE_MISMATCH;
import static dev.airlock.sigv4.PayloadVerificationException.Failure.TRUNCATED;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes an {@code aws-chunked} body ({@code hex-size[;chunk-signature=sig]\r\n data \r\n ... 0...\r\n
 * [trailers] \r\n}) chunk by chunk, verifying each chunk signature, the trailer signature, trailing checksums
 * and the decoded length. Chunk data is hashed as it streams through; nothing is buffered beyond 8 KiB.
 *
 * <p>After the last data byte of a chunk it reads on into the next chunk header, so the final chunk, the
 * trailers and the length are all checked before the read that returns the body's last bytes completes.
 */
final class AwsChunkedDecodingStream extends PayloadStream {

    /** S3: every chunk but the last must carry at least 8 KiB. */
    static final int MIN_CHUNK_SIZE = 8192;
    private static final int MAX_LINE = 4096;
    private static final int MAX_TRAILERS = 16;
    private static final String SIGNATURE_EXTENSION = "chunk-signature=";

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private final byte[] line = new byte[MAX_LINE];
    private int pos;
    private int limit;

    private final Optional<ChunkSigner> signer;
    private final MessageDigest chunkDigest = Crypto.newSha256();
    private final long expectedLength;
    private final boolean trailing;
    private final Set<String> declaredTrailers;
    private final List<TrailerChecksum> checksums = new ArrayList<>(1);

    private long remaining;
    private long decoded;
    private long lastDataChunkSize = -1;
    private byte[] claimedSignature = new byte[0];
    private boolean started;
    private boolean finished;
    private PayloadVerificationException failure;
    private Headers trailers = Headers.empty();

    AwsChunkedDecodingStream(InputStream in, Optional<ChunkSigner> signer, long expectedLength, boolean trailing,
            Set<String> declaredTrailers) {
        this.in = in;
        this.signer = signer;
        this.expectedLength = expectedLength;
        this.trailing = trailing;
        this.declaredTrailers = declaredTrailers;
        for (String name : declaredTrailers) {
            TrailerChecksum.forHeader(name).ifPresent(checksums::add);
        }
    }

    @Override
    public Headers trailers() {
        return trailers;
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
        if (!started) {
            started = true;
            beginChunk();
        }
        if (finished) {
            return -1;
        }
        int n = readData(b, off, (int) Math.min(len, remaining));
        if (signer.isPresent()) {
            chunkDigest.update(b, off, n);
        }
        for (TrailerChecksum checksum : checksums) {
            checksum.update(b, off, n);
        }
        remaining -= n;
        decoded += n;
        if (remaining == 0) {
            endChunk();
            beginChunk();
        }
        return n;
    }

    // ---- framing ------------------------------------------------------------------------------------------

    private void beginChunk() throws IOException {
        String header = readLine();
        int semi = header.indexOf(';');
        long size = parseSize(semi < 0 ? header : header.substring(0, semi));
        if (signer.isPresent()) {
            claimedSignature = chunkSignature(header, semi);
        }
        if (size > expectedLength - decoded) {
            throw fail(DECODED_LENGTH_MISMATCH, "chunks carry more than x-amz-decoded-content-length " + expectedLength);
        }
        if (signer.isPresent() && size > 0 && lastDataChunkSize >= 0 && lastDataChunkSize < MIN_CHUNK_SIZE) {
            throw fail(CHUNK_TOO_SMALL, "a chunk of " + lastDataChunkSize + " bytes is not the last one");
        }
        chunkDigest.reset();
        remaining = size;
        if (size > 0) {
            lastDataChunkSize = size;
        } else {
            finishBody();
        }
    }

    private long parseSize(String hex) throws PayloadVerificationException {
        if (hex.isEmpty() || hex.length() > 15) {
            throw fail(MALFORMED_ENCODING, "bad chunk size '" + hex + "'");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Hex.digit(hex.charAt(i));
            if (digit < 0) {
                throw fail(MALFORMED_ENCODING, "bad chunk size '" + hex + "'");
            }
            size = (size << 4) | digit;
        }
        return size;
    }

    private byte[] chunkSignature(String header, int semi) throws PayloadVerificationException {
        int at = semi + 1;
        boolean wellFormed = semi > 0 && header.startsWith(SIGNATURE_EXTENSION, at)
                && header.length() == at + SIGNATURE_EXTENSION.length() + 64;
        if (!wellFormed) {
            throw fail(MALFORMED_ENCODING, "chunk header without a chunk-signature: '" + header + "'");
        }
        return header.substring(at + SIGNATURE_EXTENSION.length()).getBytes(StandardCharsets.US_ASCII);
    }

    private void endChunk() throws IOException {
        int cr = nextByte();
        int lf = nextByte();
        if (cr < 0 || lf < 0) {
            throw fail(TRUNCATED, "body ended after chunk data");
        }
        if (cr != '\r' || lf != '\n') {
            throw fail(MALFORMED_ENCODING, "chunk data is not followed by CRLF (chunk longer than its size?)");
        }
        verifyChunkSignature();
    }

    private void verifyChunkSignature() throws PayloadVerificationException {
        if (signer.isPresent()) {
            byte[] expected = signer.get().nextChunk(chunkDigest.digest());
            if (!ChunkSigner.matches(expected, claimedSignature)) {
                throw fail(CHUNK_SIGNATURE_MISMATCH, "chunk ending at decoded byte " + decoded);
            }
        }
    }

    private void finishBody() throws IOException {
        verifyChunkSignature();
        if (decoded != expectedLength) {
            throw fail(DECODED_LENGTH_MISMATCH, "decoded " + decoded + " bytes, x-amz-decoded-content-length is "
                    + expectedLength);
        }
        if (trailing) {
            readTrailers();
        } else if (!readLine().isEmpty()) {
            throw fail(MALFORMED_ENCODING, "the final chunk is not followed by an empty line");
        }
        finished = true;
    }

    // ---- trailers -----------------------------------------------------------------------------------------

    private void readTrailers() throws IOException {
        Headers.Builder received = Headers.builder();
        String signature = "";
        for (int count = 0;; count++) {
            String trailer = readLine();
            if (trailer.isEmpty()) {
                break;
            }
            int colon = trailer.indexOf(':');
            if (colon <= 0 || count >= MAX_TRAILERS) {
                throw fail(TRAILER_MISMATCH, "malformed trailing header '" + trailer + "'");
            }
            String name = Headers.lower(trailer.substring(0, colon).trim());
            String value = trailer.substring(colon + 1).trim();
            if (name.equals(SigV4.X_AMZ_TRAILER_SIGNATURE) && signature.isEmpty()) {
                signature = value;
            } else {
                received.add(name, value);
            }
        }
        Headers got = received.build();
        if (!got.names().equals(declaredTrailers)) {
            throw fail(TRAILER_MISMATCH, "trailing headers " + got.names() + " but x-amz-trailer announced "
                    + declaredTrailers);
        }
        verifyTrailerSignature(got, signature);
        verifyChecksums(got);
        trailers = got;
    }

    private void verifyTrailerSignature(Headers got, String signature) throws PayloadVerificationException {
        if (signer.isEmpty()) {
            if (!signature.isEmpty()) {
                throw fail(TRAILER_MISMATCH, "x-amz-trailer-signature in an unsigned payload");
            }
            return;
        }
        StringBuilder canonical = new StringBuilder(128);
        Canonical.appendHeaders(canonical, got, new ArrayList<>(got.names()));
        byte[] hash = Crypto.newSha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        byte[] expected = signer.get().trailer(hash);
        if (!ChunkSigner.matches(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw fail(TRAILER_SIGNATURE_MISMATCH, signature.isEmpty() ? "no x-amz-trailer-signature" : "bad trailer signature");
        }
    }

    private void verifyChecksums(Headers got) throws PayloadVerificationException {
        for (TrailerChecksum checksum : checksums) {
            String claimed = got.first(checksum.headerName).orElse("");
            String actual = checksum.base64();
            if (!actual.equals(claimed)) {
                failure = new PayloadVerificationException(CHECKSUM_MISMATCH,
                        new AwsError(400, "BadDigest", "The " + checksum.algorithmName()
                                + " you specified did not match the calculated checksum."),
                        checksum.headerName + " is " + claimed + " but the body's is " + actual);
                throw failure;
            }
        }
    }

    // ---- bytes --------------------------------------------------------------------------------------------

    private String readLine() throws IOException {
        int n = 0;
        while (true) {
            int c = nextByte();
            if (c < 0) {
                throw fail(TRUNCATED, "body ended inside the chunk framing");
            }
            if (c == '\n') {
                if (n == 0 || line[n - 1] != '\r') {
                    throw fail(MALFORMED_ENCODING, "line not terminated by CRLF");
                }
                return new String(line, 0, n - 1, StandardCharsets.ISO_8859_1);
            }
            if (n == MAX_LINE) {
                throw fail(MALFORMED_ENCODING, "framing line longer than " + MAX_LINE + " bytes");
            }
            line[n++] = (byte) c;
        }
    }

    private int nextByte() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private int readData(byte[] b, int off, int len) throws IOException {
        if (pos == limit) {
            if (len >= buf.length) {
                int n;
                do {
                    n = in.read(b, off, len);
                } while (n == 0);
                if (n < 0) {
                    throw fail(TRUNCATED, "body ended inside chunk data");
                }
                return n;
            }
            if (!fill()) {
                throw fail(TRUNCATED, "body ended inside chunk data");
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private PayloadVerificationException fail(PayloadVerificationException.Failure kind, String detail) {
        failure = new PayloadVerificationException(kind, detail);
        return failure;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
