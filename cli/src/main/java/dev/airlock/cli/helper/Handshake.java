package dev.airlock.cli.helper;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mutual proof that client and helper hold the same secret variables (the base keys, when they
 * come from the environment), without either sending them: each side answers the other's fresh
 * nonce with an HMAC-SHA256 keyed by those variables. So a process that took over the socket's
 * path learns nothing and is not trusted with the request, and a captured answer cannot be replayed.
 */
final class Handshake {
    static final int NONCE_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Mac mac;

    /** @param secretPart the canonical secret variables ({@link HelperAddress#secretPart()}) */
    Handshake(String secretPart) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            // Prefixed: HMAC keys may not be empty, and an environment may hold no secret variable.
            mac.init(new SecretKeySpec(("airlock-helper-key\0" + secretPart).getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    static byte[] nonce() {
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    /** The helper's answer to the client's nonce. */
    byte[] helperProof(byte[] clientNonce, byte[] helperNonce) {
        return mac("helper", clientNonce, helperNonce);
    }

    /** The client's answer to the helper's nonce. */
    byte[] clientProof(byte[] clientNonce, byte[] helperNonce) {
        return mac("client", clientNonce, helperNonce);
    }

    static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** Not thread-safe (one Mac): each side uses its own instance on one thread at a time. */
    private byte[] mac(String role, byte[] clientNonce, byte[] helperNonce) {
        mac.update(("airlock-helper/" + Wire.VERSION + "/" + role).getBytes(StandardCharsets.UTF_8));
        mac.update(clientNonce);
        return mac.doFinal(helperNonce);
    }
}
