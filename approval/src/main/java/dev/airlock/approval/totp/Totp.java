package dev.airlock.approval.totp;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords: HMAC-SHA-1 over the 30-second time step, dynamically
 * truncated (RFC 4226) to {@code digits} decimal digits. The secret never leaves this object except
 * through {@link #otpauthUri} at enrolment.
 */
public final class Totp {
    public static final int PERIOD_SECONDS = 30;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final byte[] secret;
    private final int digits;

    public Totp(byte[] secret, int digits) {
        if (secret.length < 10) {
            throw new IllegalArgumentException("a TOTP secret needs at least 80 bits");
        }
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("TOTP codes have 6 to 8 digits");
        }
        this.secret = secret.clone();
        this.digits = digits;
    }

    /** A new 160-bit secret (RFC 4226's recommended length), 6 digits. */
    public static Totp generate() {
        byte[] s = new byte[20];
        new SecureRandom().nextBytes(s);
        return new Totp(s, 6);
    }

    public static long step(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), PERIOD_SECONDS);
    }

    public int digits() {
        return digits;
    }

    /** The code of time step {@code step}, zero-padded. */
    public String code(long step) {
        byte[] h;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
        int o = h[h.length - 1] & 0x0f;
        int binary = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
        String s = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - s.length()) + s;
    }

    /** What an authenticator app scans; shown once, at enrolment. */
    public String otpauthUri(String account) {
        String label = "Airlock:" + account.replaceAll("[^A-Za-z0-9._@-]", "_");
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=Airlock&algorithm=SHA1&digits="
                + digits + "&period=" + PERIOD_SECONDS;
    }

    /** The secret in base32, for the enrolment file. */
    public String secretBase32() {
        return Base32.encode(secret);
    }

    @Override
    public String toString() {
        return "Totp[secret hidden, " + digits + " digits]";
    }
}
