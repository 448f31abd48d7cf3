package dev.airlock.sigv4;

import java.io.IOException;

/**
 * A body failed verification while streaming. Thrown by the streams {@link PayloadVerifier#open} returns; the
 * caller must abort the forwarded request (never complete it) and answer with {@link #error()}.
 */
public final class PayloadVerificationException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, with the error S3 returns for it. */
    public enum Failure {
        CHUNK_SIGNATURE_MISMATCH(403, "SignatureDoesNotMatch", RefusalReason.Messages.S3_SIGNATURE_MISMATCH),
        TRAILER_SIGNATURE_MISMATCH(403, "SignatureDoesNotMatch", RefusalReason.Messages.S3_SIGNATURE_MISMATCH),
        /** aws-chunked framing that cannot be parsed (bad size line, missing CRLF, bad chunk-signature extension). */
        MALFORMED_ENCODING(400, "InvalidRequest", "The aws-chunked request body is malformed."),
        /** The body ended before the encoding said it would. */
        TRUNCATED(400, "IncompleteBody", "The request body terminated unexpectedly"),
        /** A signed chunk other than the last is smaller than 8 KiB. */
        CHUNK_TOO_SMALL(403, "InvalidChunkSizeError", "Only the last chunk is allowed to have a size less than 8192 bytes"),
        DECODED_LENGTH_MISMATCH(400, "IncompleteBody",
                "You did not provide the number of bytes specified by the Content-Length HTTP header."),
        PAYLOAD_HASH_MISMATCH(400, "XAmzContentSHA256Mismatch", RefusalReason.Messages.CONTENT_SHA256_MISMATCH),
        /** A trailing x-amz-checksum-* value does not match the decoded body. */
        CHECKSUM_MISMATCH(400, "BadDigest", "The checksum you specified did not match the calculated checksum."),
        /** Trailing headers differ from those announced in x-amz-trailer, or are not well-formed. */
        TRAILER_MISMATCH(400, "MalformedTrailerError", "The request contained trailing data that was not well-formed "
                + "or did not conform to our published schema.");

        private final AwsError error;

        Failure(int status, String code, String message) {
            this.error = new AwsError(status, code, message);
        }

        public AwsError error() {
            return error;
        }
    }

    private final Failure failure;
    private final AwsError error;

    PayloadVerificationException(Failure failure, String detail) {
        this(failure, failure.error(), detail);
    }

    PayloadVerificationException(Failure failure, AwsError error, String detail) {
        super(failure + ": " + detail);
        this.failure = failure;
        this.error = error;
    }

    public Failure failure() {
        return failure;
    }

    /** The error to answer with. */
    public AwsError error() {
        return error;
    }
}
