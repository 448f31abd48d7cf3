package dev.airlock.approval;

import java.util.Locale;

/**
 * How much human approval an action needs, lowest first: T0 none, T1 one confirmation, T2 typing
 * the exact action or resource shown, T3 a TOTP code and a delay.
 */
public enum RiskTier {
    T0("none"), T1("confirm"), T2("typed confirmation"), T3("TOTP and a delay");

    private final String verification;

    RiskTier(String verification) {
        this.verification = verification;
    }

    public String verification() {
        return verification;
    }

    public static RiskTier parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tier \"" + s + "\" is not T0, T1, T2 or T3");
        }
    }

    public RiskTier max(RiskTier other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
