package dev.airlock.policy.match;

import java.util.Optional;

/**
 * An ARN split into its six parts: {@code arn:partition:service:region:account:resource}. The
 * resource part keeps any further colons and slashes.
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    /** Splits {@code text}; empty when it is not {@code arn:} followed by at least five colons. */
    public static Optional<Arn> parse(String text) {
        if (!text.startsWith("arn:")) {
            return Optional.empty();
        }
        int[] colon = new int[4];
        int from = 4;
        for (int i = 0; i < 4; i++) {
            int c = text.indexOf(':', from);
            if (c < 0) {
                return Optional.empty();
            }
            colon[i] = c;
            from = c + 1;
        }
        return Optional.of(new Arn(text.substring(4, colon[0]), text.substring(colon[0] + 1, colon[1]),
                text.substring(colon[1] + 1, colon[2]), text.substring(colon[2] + 1, colon[3]),
                text.substring(colon[3] + 1)));
    }

    /** Part {@code i} in 0..4 (partition, service, region, account, resource). */
    public String part(int i) {
        return switch (i) {
            case 0 -> partition;
            case 1 -> service;
            case 2 -> region;
            case 3 -> account;
            default -> resource;
        };
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
