package dev.airlock.session;

import java.util.Objects;

/** STS refused a request or could not be reached; {@link Kind} says which, for the exit code. */
public final class StsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Closed set of failures the CLI tells apart. */
    public enum Kind {
        /** STS said AccessDenied: the trust policy does not let the base identity assume the role. */
        ACCESS_DENIED,
        /** The MFA code was wrong or expired, or the role requires MFA and none was given. */
        MFA_FAILED,
        /** The session policy and tags exceed STS's packed size limit. */
        POLICY_TOO_LARGE,
        /** DurationSeconds exceeds the role's MaxSessionDuration. */
        DURATION_TOO_LONG,
        /** STS rejected a parameter. */
        INVALID_REQUEST,
        /** No base credentials were found, or they are expired or invalid. */
        NO_BASE_CREDENTIALS,
        /** The base credentials are an IAM Identity Center (SSO) profile's, whose login is missing, expired or refused. */
        SSO_LOGIN_NEEDED,
        /** STS could not be reached or failed on its side. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String awsCode;

    public StsException(Kind kind, String awsCode, String message) {
        this(kind, awsCode, message, null);
    }

    /** With the failure that caused it, shown only with {@code --debug}. */
    public StsException(Kind kind, String awsCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.awsCode = Objects.requireNonNull(awsCode, "awsCode");
    }

    public Kind kind() {
        return kind;
    }

    /** The AWS error code (e.g. {@code AccessDenied}), or a description of the local failure. */
    public String awsCode() {
        return awsCode;
    }
}
