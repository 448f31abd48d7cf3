package dev.airlock.session;

/** Where a session is in its life. */
public enum SessionStatus {
    /** Credentials issued; the command is running. */
    ACTIVE,
    /** The command exited 0. */
    SUCCEEDED,
    /** The command exited non-zero (or was killed by a signal). */
    FAILED,
    /** The command outlived --max-duration and was stopped. */
    TIMED_OUT,
    /** The command could not be started (not found, not executable). */
    NOT_STARTED,
    /** Credentials were printed for credential_process; Airlock does not see their use. */
    ISSUED,
    /** Revoked by {@code airlock sessions revoke}: the enforcing endpoint refuses its every call. */
    REVOKED,
    /** Airlock itself stopped before the command ended (crash, kill -9): the end is unknown. */
    ABANDONED
}
