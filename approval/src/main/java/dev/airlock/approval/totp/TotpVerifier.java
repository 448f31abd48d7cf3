package dev.airlock.approval.totp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks codes for one enrolled secret. A code is accepted for the current time step or one step
 * either side, and each time step at most once: what is remembered is the last step accepted,
 * not code strings, so a code cannot approve twice and an older one cannot follow a newer one.
 * Only ASCII digits count ({@code Integer.parseInt} would take Arabic-Indic ones). After
 * {@link #MAX_FAILURES} wrong codes in a row, every code is refused for {@link #LOCKOUT}.
 */
public final class TotpVerifier {
    public static final int MAX_FAILURES = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(5);

    /** What a code was. */
    public enum Outcome { ACCEPTED, WRONG, REUSED, MALFORMED, LOCKED }

    private final Totp totp;
    private final Clock clock;
    private long lastStep;
    private int failures;
    private Instant lockedUntil = Instant.MIN;

    /** @param lastStep the last time step accepted before (persisted with the secret), or {@code Long.MIN_VALUE} */
    public TotpVerifier(Totp totp, long lastStep, Clock clock) {
        this.totp = totp;
        this.lastStep = lastStep;
        this.clock = clock;
    }

    public synchronized Outcome verify(String code) {
        Instant now = clock.instant();
        if (now.isBefore(lockedUntil)) {
            return Outcome.LOCKED;
        }
        if (!asciiDigits(code)) {
            return fail(Outcome.MALFORMED, now);
        }
        long current = Totp.step(now);
        for (long step = current - 1; step <= current + 1; step++) {
            if (java.security.MessageDigest.isEqual(totp.code(step).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    code.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                if (step <= lastStep) {
                    return fail(Outcome.REUSED, now);
                }
                lastStep = step;
                failures = 0;
                return Outcome.ACCEPTED;
            }
        }
        return fail(Outcome.WRONG, now);
    }

    /** The last step accepted, to persist so a restart does not accept it again. */
    public synchronized long lastStep() {
        return lastStep;
    }

    private Outcome fail(Outcome why, Instant now) {
        if (++failures >= MAX_FAILURES) {
            lockedUntil = now.plus(LOCKOUT);
            failures = 0;
        }
        return why;
    }

    private boolean asciiDigits(String code) {
        if (code.length() != totp.digits()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
