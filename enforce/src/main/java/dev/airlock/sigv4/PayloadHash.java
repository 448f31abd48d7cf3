package dev.airlock.sigv4;

/**
 * The x-amz-content-sha256 value an outgoing request is signed with.
 *
 * @param value {@code UNSIGNED-PAYLOAD}, {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}, or a hex SHA-256
 */
public record PayloadHash(String value) {

    public PayloadHash {
        if (!value.equals(PayloadMode.UNSIGNED.claim().orElseThrow())
                && !value.equals(PayloadMode.STREAMING_UNSIGNED_TRAILER.claim().orElseThrow())
                && !Hex.isHex(value, 64)) {
            throw new IllegalArgumentException("not a payload hash this signer produces: " + value);
        }
    }

    /** The body is not signed: for streaming uploads to S3 (over TLS). */
    public static PayloadHash unsigned() {
        return new PayloadHash("UNSIGNED-PAYLOAD");
    }

    /** The body is forwarded still aws-chunked with unsigned chunks and a trailer (passed through as received). */
    public static PayloadHash streamingUnsignedTrailer() {
        return new PayloadHash("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
    }

    public static PayloadHash sha256Hex(String hex) {
        return new PayloadHash(hex.toLowerCase(java.util.Locale.ROOT));
    }

    public static PayloadHash ofBody(byte[] body) {
        return new PayloadHash(Crypto.sha256Hex(body));
    }

    public static PayloadHash emptyBody() {
        return new PayloadHash(SigV4.EMPTY_SHA256);
    }
}
