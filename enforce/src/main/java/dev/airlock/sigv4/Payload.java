package dev.airlock.sigv4;

/**
 * What the caller of {@link SigV4Verifier#verify} knows of the body when it verifies the request headers.
 *
 * <p>Services other than S3 usually send no {@code x-amz-content-sha256} header: their signature covers the
 * hash of the body, so the (small) body must be read first and passed as {@link #ofBody(byte[])}. S3 always
 * claims the payload hash in the header, so its bodies stay {@link #streamed()} and are checked while they
 * are forwarded, through {@link PayloadVerifier#open}. {@link SigV4Verifier#needsBody} tells which case applies.
 */
public sealed interface Payload permits Payload.Known, Payload.Streamed {

    /** The SHA-256 of the whole body is known. */
    record Known(String sha256Hex) implements Payload {
        public Known {
            if (!Hex.isHex(sha256Hex, 64)) {
                throw new IllegalArgumentException("not a hex SHA-256: " + sha256Hex);
            }
        }
    }

    /** The body has not been read; it will be checked while streaming. */
    record Streamed() implements Payload {
    }

    static Payload ofBody(byte[] body) {
        return new Known(Crypto.sha256Hex(body));
    }

    static Payload ofSha256Hex(String sha256Hex) {
        return new Known(sha256Hex);
    }

    static Payload streamed() {
        return new Streamed();
    }
}
