package dev.airlock.broker.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * A session request as a token judges it: the same parsed values the planner receives.
 *
 * @param maxCostCents the request's cost limit; a token with a cost ceiling refuses a request without one
 * @param nested whether the request says it is made from inside another session
 * @param client the authenticated client presenting the token
 */
public record TokenRequest(List<String> actions, List<String> resources, Duration ttl, SessionMode mode, Tier tier,
        OptionalLong maxCostCents, boolean nested, dev.airlock.broker.auth.ClientId client, Instant now) {
    public TokenRequest {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }
}
