package dev.airlock.cli;

/** Every exit status the CLI uses, documented in the README. */
public enum ExitCode {
    /** The request is allowed, or the command succeeded. */
    OK(0),
    /** lint found at least one error in the policy. */
    POLICY_INVALID(1),
    /** The command line itself is wrong (unknown flag, missing argument). */
    USAGE(2),
    /** check: no policy allowed the request. */
    IMPLICITLY_DENIED(3),
    /** check: an explicit Deny matched. */
    EXPLICITLY_DENIED(4),
    /** An input is bad: unreadable file, invalid policy, unknown action, malformed value. */
    BAD_INPUT(5),
    /** The configuration file is missing, unreadable or invalid, or names no such profile. */
    CONFIG(6),
    /** STS refused to issue credentials (AccessDenied, a role that cannot be assumed, ...). */
    STS_DENIED(7),
    /** The MFA code was missing, wrong or expired. */
    MFA(8),
    /** AWS could not be reached, or no base credentials were found to call it with. */
    AWS_UNAVAILABLE(9),
    /** audit verify: the audit log was edited, reordered, truncated or its key is wrong. */
    AUDIT_INVALID(10),
    /** run: the command outlived --max-duration and was stopped (as timeout(1) does). */
    TIMED_OUT(124),
    /** run: the command exists but cannot be executed. */
    NOT_EXECUTABLE(126),
    /** run: the command was not found. */
    NOT_FOUND(127),
    /** A bug in Airlock; the message says what to report. */
    INTERNAL(70);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
