package dev.airlock.sigv4;

import java.time.Instant;

/** Credentials Airlock issued, as the verifier needs them: the key pair, the expected token, and when they expire. */
public record IssuedCredentials(AwsCredentials credentials, Instant expiresAt) {

    /** Credentials that never expire (e.g. long-term keys used in tests). */
    public static IssuedCredentials nonExpiring(AwsCredentials credentials) {
        return new IssuedCredentials(credentials, Instant.MAX);
    }
}
