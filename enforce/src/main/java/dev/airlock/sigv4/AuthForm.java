package dev.airlock.sigv4;

/** Where a request carries its signature. */
public enum AuthForm {
    /** The {@code Authorization} header. */
    HEADER,
    /** Query parameters ({@code X-Amz-Signature} etc.): a presigned URL. */
    QUERY
}
