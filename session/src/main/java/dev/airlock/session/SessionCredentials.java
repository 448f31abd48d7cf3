package dev.airlock.session;

import java.time.Instant;
import java.util.Objects;

/**
 * Temporary AWS credentials. {@link #toString()} never shows the secret or the token, so that a
 * stray log line or exception message cannot leak them; the accessors are the only way out.
 */
public final class SessionCredentials {
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final Instant expiration;

    public SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        this.sessionToken = Objects.requireNonNull(sessionToken, "sessionToken");
        this.expiration = Objects.requireNonNull(expiration, "expiration");
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    public String sessionToken() {
        return sessionToken;
    }

    public Instant expiration() {
        return expiration;
    }

    @Override
    public String toString() {
        return "SessionCredentials[" + accessKeyId + ", secret and token redacted, expires " + expiration + "]";
    }
}
