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
 * nonce with an HMAC-SHA256 keyed by those variables, and the client's answer also covers its
 * request, so a relay cannot change what is asked. A captured answer cannot be replayed. When the
 * environment holds no secret variable the key is public and this proves nothing beyond the
 * peer's uid, which both sides check.
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

    /** The client's answer to the helper's nonce, over the request it sends with it. */
    byte[] clientProof(byte[] clientNonce, byte[] helperNonce, byte[] request) {
        byte[] proof = mac("client", clientNonce, helperNonce);
        byte[] bound = new byte[proof.length + request.length];
        System.arraycopy(proof, 0, bound, 0, proof.length);
        System.arraycopy(request, 0, bound, proof.length, request.length);
        return HmacSha256.mac(key, bound);
    }

    /** Fixed length, so the concatenations under the MAC are unambiguous. */
    static byte[] checkedNonce(byte[] nonce) throws IOException {
        if (nonce.length != NONCE_BYTES) {
            throw new IOException("helper protocol: a nonce of " + nonce.length + " bytes");
        }
        return nonce;
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
