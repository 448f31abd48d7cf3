package dev.airlock.policy;

import java.util.Optional;

/** The policy language versions IAM accepts. Only 2012-10-17 has policy variables. */
public enum PolicyVersion {
    V2012_10_17("2012-10-17"),
    V2008_10_17("2008-10-17");

    private final String text;

    PolicyVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean supportsVariables() {
        return this == V2012_10_17;
    }

    public static Optional<PolicyVersion> parse(String s) {
        for (PolicyVersion v : values()) {
            if (v.text.equals(s)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
