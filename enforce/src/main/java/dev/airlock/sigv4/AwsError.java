package dev.airlock.sigv4;

/** The error AWS returns for a failure: HTTP status, error code and message. */
public record AwsError(int httpStatus, String code, String message) {
}
