package dev.airlock.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256 and HMAC-SHA256 with per-thread engines (creating JCA engines is far costlier than using them). */
final class Crypto {

    static final String HMAC_SHA256 = "HmacSHA256";

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Crypto::newSha256);
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(Crypto::newHmac);

    private Crypto() {
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    static Mac newHmac() {
        try {
            return Mac.getInstance(HMAC_SHA256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    /** This thread's SHA-256 engine, reset. Do not hold it across calls into other code that may use it. */
    static MessageDigest sha256() {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest;
    }

    static String sha256Hex(byte[] data) {
        return Hex.encode(sha256().digest(data));
    }

    static byte[] hmac(SecretKeySpec key, byte[] data) {
        Mac mac = hmacWith(key);
        return mac.doFinal(data);
    }

    static byte[] hmac(byte[] key, String data) {
        return hmac(new SecretKeySpec(key, HMAC_SHA256), data.getBytes(StandardCharsets.UTF_8));
    }

    /** This thread's HMAC engine initialised with {@code key}. */
    static Mac hmacWith(SecretKeySpec key) {
        Mac mac = HMAC.get();
        init(mac, key);
        return mac;
    }

    static void init(Mac mac, SecretKeySpec key) {
        try {
            mac.init(key);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC key rejected", e);
        }
    }

    /** Constant-time comparison of two ASCII strings (signatures, tokens). */
    static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

}
