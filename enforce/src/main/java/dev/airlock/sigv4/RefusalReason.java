package dev.airlock.sigv4;

/**
 * Why a request was refused: the closed set of SigV4 authentication failures, each with the error S3 returns and
 * the error other (query-protocol) services return. JSON-protocol services use other codes for some of these
 * (e.g. {@code UnrecognizedClientException}, {@code InvalidSignatureException}); mapping to them is the caller's.
 *
 * <p>A message of {@code ""} means the message is the refusal's detail (it names what was wrong).
 */
public enum RefusalReason {
    MISSING_AUTHENTICATION(
            403, "AccessDenied", "Access Denied",
            403, "MissingAuthenticationToken", "Request is missing Authentication Token"),
    AMBIGUOUS_AUTHENTICATION(
            400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                    + "Signature query string parameter or the Authorization header should be specified",
            400, "IncompleteSignature", "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                    + "Signature query string parameter or the Authorization header should be specified"),
    /** The Authorization header (or the date it relies on) is malformed. */
    MALFORMED_AUTHORIZATION(400, "AuthorizationHeaderMalformed", "", 400, "IncompleteSignature", ""),
    /** The presigned query parameters are malformed, incomplete, or X-Amz-Expires is out of range. */
    MALFORMED_PRESIGNED_QUERY(400, "AuthorizationQueryParametersError", "", 400, "IncompleteSignature", ""),
    MISSING_CONTENT_SHA256(
            400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256",
            400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256"),
    INVALID_CONTENT_SHA256(400, "InvalidArgument", Messages.INVALID_CONTENT_SHA256,
            400, "InvalidArgument", Messages.INVALID_CONTENT_SHA256),
    MISSING_DECODED_CONTENT_LENGTH(411, "MissingContentLength", "You must provide the Content-Length HTTP header.",
            411, "MissingContentLength", "You must provide the Content-Length HTTP header."),
    UNKNOWN_ACCESS_KEY(
            403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.",
            403, "InvalidClientTokenId", "The security token included in the request is invalid."),
    /** Session credentials were used without their token. */
    MISSING_SECURITY_TOKEN(
            403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.",
            403, "InvalidClientTokenId", "The security token included in the request is invalid."),
    /** The token does not belong to the access key (or a long-term key came with a token). */
    INVALID_SECURITY_TOKEN(
            400, "InvalidToken", "The provided token is malformed or otherwise invalid.",
            403, "InvalidClientTokenId", "The security token included in the request is invalid."),
    EXPIRED_TOKEN(
            400, "ExpiredToken", "The provided token has expired.",
            403, "ExpiredToken", "The security token included in the request is expired"),
    SIGNATURE_MISMATCH(
            403, "SignatureDoesNotMatch", Messages.S3_SIGNATURE_MISMATCH,
            403, "SignatureDoesNotMatch", Messages.SIGNATURE_MISMATCH),
    /** Header auth whose date is too far from now (S3: 15 minutes, other services: 5 minutes). */
    REQUEST_TIME_TOO_SKEWED(
            403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.",
            403, "SignatureDoesNotMatch", ""),
    /** A presigned URL used after X-Amz-Date + X-Amz-Expires. */
    REQUEST_EXPIRED(403, "AccessDenied", "Request has expired", 403, "AccessDenied", "Request has expired"),
    /** A presigned URL whose X-Amz-Date lies further in the future than the allowed clock skew. */
    REQUEST_NOT_YET_VALID(403, "AccessDenied", "Request is not valid yet", 403, "AccessDenied", "Request is not valid yet"),
    /** S3 only: an x-amz-* header that is not listed in SignedHeaders. */
    UNSIGNED_HEADERS(403, "AccessDenied", "There were headers present in the request which were not signed",
            403, "AccessDenied", "There were headers present in the request which were not signed"),
    /** The body's SHA-256 differs from the signed x-amz-content-sha256 claim. */
    PAYLOAD_HASH_MISMATCH(400, "XAmzContentSHA256Mismatch", Messages.CONTENT_SHA256_MISMATCH,
            400, "XAmzContentSHA256Mismatch", Messages.CONTENT_SHA256_MISMATCH);

    private final AwsError s3;
    private final AwsError other;

    RefusalReason(int s3Status, String s3Code, String s3Message, int status, String code, String message) {
        this.s3 = new AwsError(s3Status, s3Code, s3Message);
        this.other = new AwsError(status, code, message);
    }

    /** The error AWS returns; {@code detail} fills in messages that depend on the request. */
    public AwsError error(boolean s3Style, String detail) {
        AwsError template = s3Style ? s3 : other;
        return template.message().isEmpty()
                ? new AwsError(template.httpStatus(), template.code(), detail)
                : template;
    }

    static final class Messages {
        static final String S3_SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature "
                + "you provided. Check your key and signing method.";
        static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature "
                + "you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                + "documentation for details.";
        static final String INVALID_CONTENT_SHA256 = "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
                + "STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
                + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, "
                + "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.";
        static final String CONTENT_SHA256_MISMATCH =
                "The provided 'x-amz-content-sha256' header does not match what was computed.";

        private Messages() {
        }
    }
}
