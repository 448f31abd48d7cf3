package dev.airlock.sigv4;

import java.util.Optional;

/** How the body of a request is covered by its signature: the closed set of {@code x-amz-content-sha256} meanings. */
public enum PayloadMode {
    /** A hex SHA-256 of the whole body is signed (claimed in the header, or computed from the body). */
    SIGNED(""),
    /** {@code UNSIGNED-PAYLOAD}: the body is not covered. */
    UNSIGNED("UNSIGNED-PAYLOAD"),
    /** {@code aws-chunked} body whose chunks are each signed, chained from the seed signature. */
    STREAMING_SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
    /** As {@link #STREAMING_SIGNED}, followed by signed trailing headers. */
    STREAMING_SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"),
    /** {@code aws-chunked} body with unsigned chunks and (unsigned) trailing headers, typically a checksum. */
    STREAMING_UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER");

    private final String claim;

    PayloadMode(String claim) {
        this.claim = claim;
    }

    /** The literal {@code x-amz-content-sha256} value for this mode; empty for {@link #SIGNED}, whose value is a hash. */
    public Optional<String> claim() {
        return claim.isEmpty() ? Optional.empty() : Optional.of(claim);
    }

    /** Whether the body is {@code aws-chunked} encoded and must be decoded before forwarding. */
    public boolean awsChunked() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /** Whether each chunk carries a signature chained from the seed signature. */
    public boolean chunkSigned() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
    }

    /** Whether trailing headers follow the final chunk. */
    public boolean hasTrailer() {
        return this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /** The mode an {@code x-amz-content-sha256} value claims; empty when the value is neither a constant nor hex SHA-256. */
    public static Optional<PayloadMode> ofClaim(String value) {
        if (Hex.isHex(value, 64)) {
            return Optional.of(SIGNED);
        }
        for (PayloadMode mode : values()) {
            if (mode != SIGNED && mode.claim.equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
