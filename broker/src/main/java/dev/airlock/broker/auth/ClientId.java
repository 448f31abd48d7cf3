package dev.airlock.broker.auth;

import java.util.regex.Pattern;

/**
 * A registered client's name, in the only spelling the broker accepts: lower-case letters, digits
 * and inner hyphens. One spelling per client means one replay cache and one rate bucket per client
 * ({@code agent-a} and {@code AGENT-A} cannot be two).
 */
public record ClientId(String value) {
    private static final Pattern FORM = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    public ClientId {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("client name \"" + value + "\" is not 1 to 64 lower-case letters, "
                    + "digits and inner hyphens");
        }
    }

    public static boolean valid(String value) {
        return FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
