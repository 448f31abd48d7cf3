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
