package dev.airlock.enforce;

import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.IssuedCredentials;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Credentials Airlock mints for an agent under enforcement. They are valid only at the endpoint
 * that minted them: AWS has never heard of them, so a leaked copy is useless anywhere else, and
 * they die with the run.
 */
public final class LocalCredentials {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private LocalCredentials() {}

    public static IssuedCredentials mint(Instant expires) {
        StringBuilder key = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            key.append(KEY_CHARS.charAt(RANDOM.nextInt(KEY_CHARS.length())));
        }
        byte[] secret = new byte[30];
        byte[] token = new byte[48];
        RANDOM.nextBytes(secret);
        RANDOM.nextBytes(token);
        return new IssuedCredentials(AwsCredentials.session(key.toString(), Base64.getEncoder().encodeToString(secret),
                "AirlockLocal/" + Base64.getEncoder().encodeToString(token)), expires);
    }
}
