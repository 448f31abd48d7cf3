package dev.airlock.broker.api;

import dev.airlock.broker.token.SessionMode;
import dev.airlock.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /v1/sessions}, validated: what the token is asked to allow and the
 * planner to build are these same values.
 *
 * @param limits enforcement limits for the session's endpoint
 * @param parent the session the request is made from (a nested request), which needs a token that allows delegation
 */
public record SessionCreate(String token, List<String> actions, List<String> resources, Optional<String> ttl,
        Optional<String> maxDuration, Optional<String> reason, Optional<String> mode, Optional<Limits> limits,
        Optional<String> parent) {

    /**
     * A token is judged once per requested action and resource, and a holder's block may hold
     * costly Datalog: the lists are bounded so one request's authorisation is too.
     */
    static final int MAX_ITEMS = 64;

    static final Set<String> FIELDS = Set.of("token", "actions", "resources", "ttl", "maxDuration", "reason", "mode",
            "limits", "parent");

    /** {@code maxCostCents} is stated for the token's cost ceiling; the cost limit itself is not enforced yet. */
    public record Limits(Optional<Long> maxCalls, Optional<Long> maxBytes, Optional<Long> maxCostCents) {
        public Limits {
            maxCalls.filter(n -> n <= 0).ifPresent(n -> bad("limits.maxCalls must be positive"));
            maxBytes.filter(n -> n <= 0).ifPresent(n -> bad("limits.maxBytes must be positive"));
            maxCostCents.filter(n -> n < 0).ifPresent(n -> bad("limits.maxCostCents cannot be negative"));
        }
    }

    public SessionCreate {
        if (token == null || token.isBlank()) {
            bad("\"token\" is required: the capability token this session is asked under");
        }
        actions = nonEmpty("actions", actions);
        resources = nonEmpty("resources", resources);
        mode.ifPresent(SessionMode::parse);
        ttl.ifPresent(t -> duration("ttl", t));
        maxDuration.ifPresent(t -> duration("maxDuration", t));
        parent.filter(p -> !p.matches("[0-9]{8}T[0-9]{6}-[0-9a-z]{8}"))
                .ifPresent(p -> bad("\"parent\" is not a session id"));
        reason.filter(r -> r.length() > 500).ifPresent(r -> bad("\"reason\" is over 500 characters"));
    }

    public static SessionCreate parse(byte[] body) {
        return ApiJson.read(body, SessionCreate.class, FIELDS);
    }

    public SessionMode sessionMode() {
        return mode.map(SessionMode::parse).orElse(SessionMode.ENFORCE);
    }

    public Duration ttlOr(Duration fallback) {
        return ttl.map(Durations::parse).orElse(fallback);
    }

    private static List<String> nonEmpty(String name, List<String> values) {
        if (values == null) {
            bad("\"" + name + "\" is required");
        }
        if (values.isEmpty()) {
            bad("\"" + name + "\" is empty; an empty list is an error, never \"everything\"");
        }
        if (values.size() > MAX_ITEMS) {
            bad("\"" + name + "\" has " + values.size() + " entries; at most " + MAX_ITEMS + " (use wildcards)");
        }
        for (String v : values) {
            if (v == null || v.isBlank()) {
                bad("\"" + name + "\" holds an empty string");
            }
        }
        return List.copyOf(values);
    }

    private static void duration(String name, String text) {
        try {
            Durations.parse(text);
        } catch (IllegalArgumentException e) {
            bad("\"" + name + "\": " + e.getMessage());
        }
    }

    private static void bad(String detail) {
        throw ApiProblem.invalid("invalid-value", detail);
    }
}
