package dev.airlock.session;

import java.util.List;
import java.util.Optional;

/**
 * One statement of a session policy: these actions on these resources, optionally under a
 * condition.
 *
 * @param actions as the policy writes them: the user's own patterns, and concrete actions where a
 *     pattern could not be written whole (see {@link SessionPolicyBuilder})
 */
public record Grant(List<String> actions, List<String> resources, Optional<GrantCondition> condition) {
    public Grant {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }
}
