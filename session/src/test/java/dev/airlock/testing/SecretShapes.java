package dev.airlock.testing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Strings shaped like credentials, made at run time so that no test source holds a literal that looks
 * like a live key.
 */
public final class SecretShapes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretShapes() {
    }

    /**
     * 40 characters of base64 with upper case, lower case and a digit, and no {@code /} (so where a
     * test expects it to be cut is fixed): the shape of an AWS secret access key.
     */
    public static String secretAccessKey() {
        while (true) {
            byte[] b = new byte[30];
            RANDOM.nextBytes(b);
            String s = Base64.getEncoder().encodeToString(b);
            if (s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase)
                    && s.chars().anyMatch(Character::isDigit) && s.indexOf('/') < 0) {
                return s;
            }
        }
    }

    /** Lower-case hex, shaped like no AWS credential: only a guard that knows it can catch it. */
    public static String unshaped() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
