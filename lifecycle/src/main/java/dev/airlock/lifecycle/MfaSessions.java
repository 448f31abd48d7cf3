package dev.airlock.lifecycle;

import dev.airlock.config.CredentialSource;
import dev.airlock.session.SessionCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MFA sessions (GetSessionToken with a code) held by the resident helper, per base credentials and
 * MFA device, so that one code serves every session opened from them until they expire: what
 * makes an MFA-protected profile usable as a {@code credential_process}, where nobody can be
 * asked for a code. {@code airlock login} fills it; so does any run that was given a code.
 *
 * <p>In memory only, for the reason {@link IssuedSessions} gives; the helper stays up while it
 * holds one that is still valid.
 */
public final class MfaSessions {

    /** How long an MFA session lasts unless asked otherwise (GetSessionToken allows 15 minutes to 36 hours). */
    public static final Duration DEFAULT_LIFE = Duration.ofHours(8);

    public record Key(CredentialSource source, String mfaSerial) {}

    private static final Map<Key, SessionCredentials> HELD = new ConcurrentHashMap<>();

    private MfaSessions() {}

    /** The held session for {@code key} with at least {@link IssuedSessions#MIN_LEFT} left. */
    public static Optional<SessionCredentials> valid(Key key, Instant now) {
        SessionCredentials c = HELD.get(key);
        if (c == null || Duration.between(now, c.expiration()).compareTo(IssuedSessions.MIN_LEFT) < 0) {
            HELD.remove(key);
            return Optional.empty();
        }
        return Optional.of(c);
    }

    public static void hold(Key key, SessionCredentials credentials) {
        HELD.put(key, credentials);
    }

    /** Whether any held session is still usable (the helper's reason not to exit when idle). */
    public static boolean anyValid(Instant now) {
        return HELD.values().stream().anyMatch(c -> c.expiration().isAfter(now.plus(IssuedSessions.MIN_LEFT)));
    }
}
