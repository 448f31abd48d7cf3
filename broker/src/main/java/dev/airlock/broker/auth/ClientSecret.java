package dev.airlock.broker.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A client's 256-bit signing secret. Written as {@code alks_} and 43 base64url characters, so a
 * leaked one is recognisable; never printed by {@link #toString()}.
 */
public final class ClientSecret {
    private static final String PREFIX = "alks_";
    private static final Pattern FORM = Pattern.compile(PREFIX + "[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private ClientSecret(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static ClientSecret generate() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return new ClientSecret(b);
    }

    public static ClientSecret parse(String text) {
        if (!FORM.matcher(text).matches()) {
            throw new IllegalArgumentException("not a client secret (alks_ and 43 base64url characters)");
        }
        return new ClientSecret(Base64.getUrlDecoder().decode(text.substring(PREFIX.length())));
    }

    /** The written form: for the one moment it is shown to its owner, and the broker's own client file. */
    public String reveal() {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "ClientSecret[hidden]";
    }
}
