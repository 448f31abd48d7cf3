package dev.airlock.sigv4;

import java.util.Set;

/** Names and constants of AWS Signature Version 4 shared by the verifier and the signer. */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String TERMINATOR = "aws4_request";

    public static final String AUTHORIZATION = "authorization";
    public static final String X_AMZ_DATE = "x-amz-date";
    public static final String DATE = "date";
    public static final String HOST = "host";
    public static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";
    public static final String X_AMZ_SECURITY_TOKEN = "x-amz-security-token";
    public static final String X_AMZ_DECODED_CONTENT_LENGTH = "x-amz-decoded-content-length";
    public static final String X_AMZ_TRAILER = "x-amz-trailer";
    public static final String X_AMZ_TRAILER_SIGNATURE = "x-amz-trailer-signature";

    public static final String Q_ALGORITHM = "X-Amz-Algorithm";
    public static final String Q_CREDENTIAL = "X-Amz-Credential";
    public static final String Q_DATE = "X-Amz-Date";
    public static final String Q_EXPIRES = "X-Amz-Expires";
    public static final String Q_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    public static final String Q_SIGNATURE = "X-Amz-Signature";
    public static final String Q_SECURITY_TOKEN = "X-Amz-Security-Token";

    /** The longest validity of a presigned URL, in seconds (7 days). */
    public static final long MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

    /** SHA-256 of the empty string, hex. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** Signing names that use S3's rules: path neither normalized nor double-encoded, x-amz-content-sha256 required. */
    private static final Set<String> S3_STYLE = Set.of("s3", "s3-object-lambda", "s3-outposts");

    /** Headers the AWS SDKs never sign (they are rewritten by proxies and HTTP clients). */
    static final Set<String> NEVER_SIGNED = Set.of("connection", "x-amzn-trace-id", "user-agent", "expect", AUTHORIZATION);

    private SigV4() {
    }

    /** Whether {@code service} (the credential-scope signing name) follows S3's canonicalization rules. */
    public static boolean isS3Style(String service) {
        return S3_STYLE.contains(service);
    }
}
