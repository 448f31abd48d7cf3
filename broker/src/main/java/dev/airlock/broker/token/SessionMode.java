package dev.airlock.broker.token;

import java.util.Locale;

/** What a session hands its holder: an enforcing endpoint's credentials, or STS credentials themselves. */
public enum SessionMode {
    ENFORCE, STS;

    public static SessionMode parse(String s) {
        for (SessionMode m : values()) {
            if (m.label().equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode \"" + s + "\" is not enforce or sts");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
