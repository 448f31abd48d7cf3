package dev.airlock.broker.api;

import java.util.Set;

/** The body of {@code POST /v1/check}: would session {@code session} allow {@code action} on {@code resource}? */
public record CheckQuery(String session, String action, String resource) {
    static final Set<String> FIELDS = Set.of("session", "action", "resource");

    public CheckQuery {
        for (String[] f : new String[][] {{"session", session}, {"action", action}, {"resource", resource}}) {
            if (f[1] == null || f[1].isBlank()) {
                throw ApiProblem.invalid("invalid-value", "\"" + f[0] + "\" is required");
            }
        }
    }

    public static CheckQuery parse(byte[] body) {
        return ApiJson.read(body, CheckQuery.class, FIELDS);
    }
}
