package dev.airlock.cli.helper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Mutual proof that client and helper hold the same secret variables (the base keys, when they
 * come from the environment), without either sending them: each side answers the other's fresh
 * nonce with an HMAC-SHA256 keyed by those variables. So a process that took over the socket's
 * path learns nothing and is not trusted with the request, and a captured answer cannot be replayed.
 */
final class Handshake {
    static final int NONCE_BYTES = 16;

    /** The kernel's CSPRNG, read directly: what the JCA's NativePRNG reads, without its start-up. */
    private static final Path URANDOM = Path.of("/dev/urandom");

    private final byte[] key;

    /** @param secretPart the canonical secret variables ({@link HelperAddress#secretPart()}) */
    Handshake(String secretPart) {
        // Prefixed: an environment may hold no secret variable, and the key then is still a key.
        this.key = ("airlock-helper-key\0" + secretPart).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] nonce() throws IOException {
        try (InputStream in = Files.newInputStream(URANDOM)) {
            byte[] n = in.readNBytes(NONCE_BYTES);
            if (n.length != NONCE_BYTES) {
                throw new IOException(URANDOM + " gave " + n.length + " bytes");
            }
            return n;
        }
    }

    /** The helper's answer to the client's nonce. */
    byte[] helperProof(byte[] clientNonce, byte[] helperNonce) {
        return mac("helper", clientNonce, helperNonce);
    }

    /** The client's answer to the helper's nonce. */
    byte[] clientProof(byte[] clientNonce, byte[] helperNonce) {
        return mac("client", clientNonce, helperNonce);
    }

    /** Constant-time comparison. */
    static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private byte[] mac(String role, byte[] clientNonce, byte[] helperNonce) {
        byte[] label = ("airlock-helper/" + Wire.VERSION + "/" + role + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[label.length + clientNonce.length + helperNonce.length];
        System.arraycopy(label, 0, message, 0, label.length);
        System.arraycopy(clientNonce, 0, message, label.length, clientNonce.length);
        System.arraycopy(helperNonce, 0, message, label.length + clientNonce.length, helperNonce.length);
        return HmacSha256.mac(key, message);
    }
}
