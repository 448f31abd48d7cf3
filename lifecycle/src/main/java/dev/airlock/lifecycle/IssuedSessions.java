package dev.airlock.lifecycle;

import dev.airlock.config.CredentialSource;
import dev.airlock.session.SessionCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Credentials already issued to {@code credential_process}, per exact scope, reused while at least
 * {@link #MIN_LEFT} of their life remains and the session was not revoked. The AWS CLI runs its credential process more than once
 * per command, and every {@code aws} command anew; without this, each would be an AssumeRole and a
 * session record, and an MFA-protected profile could not work at all.
 *
 * <p>Held in memory only, so the cache lives as long as the resident helper that serves the
 * requests (up to its idle timeout); a process without a helper starts empty. The cached values
 * are live credentials: never written to disk, where an agent's sandbox or a backup could read them.
 */
public final class IssuedSessions {

    /**
     * Reuse stops 5 minutes before expiry. The SDKs refresh credentials from a process when 5
     * (Java v2: 1) to 15 (botocore: advisory) minutes are left, and a refresh answered with the
     * same credentials is still valid; below 5 minutes a command could outlive them.
     */
    public static final Duration MIN_LEFT = Duration.ofMinutes(5);

    /** Everything that makes two requests the same grant (the session's name and id do not). */
    public record Scope(String profile, CredentialSource source, String region, String roleArn, String policyJson,
            Map<String, String> tags, Duration duration, Optional<String> externalId,
            Optional<String> sourceIdentity, Optional<String> mfaSerial) {
        public Scope {
            tags = Map.copyOf(tags);
        }

        public static Scope of(SessionPlan plan) {
            Map<String, String> tags = new java.util.TreeMap<>(plan.spec().tags());
            tags.remove(SessionPlanner.SESSION_TAG); // names the session, not the grant
            return new Scope(plan.profile().name(), plan.profile().source(), plan.region(), plan.spec().roleArn(),
                    plan.policy().json(), tags, plan.spec().duration(), plan.spec().externalId(),
                    plan.spec().sourceIdentity(), plan.profile().mfaSerial());
        }
    }

    /** An issued session: its id (for the audit of each reuse) and its credentials. */
    public record Issued(String sessionId, SessionCredentials credentials, boolean mfa) {}

    /** What a request got: the session, and whether it was issued for this request or before. */
    public record Lookup(Issued issued, boolean reused) {}

    private static final Map<Scope, Issued> CACHE = new ConcurrentHashMap<>();
    private static final Map<Scope, Object> LOCKS = new ConcurrentHashMap<>();

    private IssuedSessions() {}

    /**
     * The unexpired session for {@code scope}, else the one {@code open} issues. Requests for the
     * same scope wait for each other, so two concurrent calls make one AssumeRole.
     */
    public static Lookup get(Scope scope, Instant now, Predicate<String> revoked, Supplier<Issued> open) {
        synchronized (LOCKS.computeIfAbsent(scope, k -> new Object())) {
            Issued cached = CACHE.get(scope);
            if (cached != null && Duration.between(now, cached.credentials().expiration()).compareTo(MIN_LEFT) >= 0
                    && !revoked.test(cached.sessionId())) {
                return new Lookup(cached, true);
            }
            CACHE.remove(scope);
            Issued fresh = open.get();
            CACHE.put(scope, fresh);
            return new Lookup(fresh, false);
        }
    }

}
