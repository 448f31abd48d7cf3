package dev.airlock.lifecycle;

import java.util.List;
import java.util.Optional;

/**
 * What a caller asks a session to be, before any profile, default or catalog is applied: the
 * command line's options, a broker API request, an MCP tool call. Empty lists and options mean
 * "the profile's".
 *
 * @param profile a profile of Airlock's config; {@code awsProfile} one of {@code ~/.aws/config} instead
 * @param allow action patterns; {@code resources} ARNs or prefixes
 * @param ttl the credential lifetime as written (e.g. {@code 15m})
 * @param tags {@code KEY=VALUE} session tags
 * @param nested whether opening inside another Airlock session is deliberate
 * @param parent the session this one is asked for from, when the caller established it (the
 *     broker); otherwise the parent is read from the environment ({@code AIRLOCK_SESSION_ID})
 */
public record SessionRequest(Optional<String> profile, Optional<String> awsProfile, Optional<String> role,
        List<String> allow, List<String> resources, Optional<String> ttl, Optional<String> region,
        Optional<String> sessionName, List<String> tags, boolean nested, Optional<String> parent) {
    public SessionRequest {
        allow = List.copyOf(allow);
        resources = List.copyOf(resources);
        tags = List.copyOf(tags);
    }
}
