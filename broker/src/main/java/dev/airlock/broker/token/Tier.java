package dev.airlock.broker.token;

import java.util.Locale;

/** How much human approval a session may need, from none to a TOTP code; ordered. */
public enum Tier {
    NONE, CONFIRM, TYPED, TOTP;

    public static Tier parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tier \"" + s + "\" is not none, confirm, typed or totp");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
