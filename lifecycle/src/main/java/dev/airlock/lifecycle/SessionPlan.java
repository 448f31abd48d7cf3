package dev.airlock.lifecycle;

import dev.airlock.config.Profile;
import dev.airlock.session.AssumeRoleSpec;
import dev.airlock.session.SessionPolicy;
import java.util.List;

/**
 * A session about to be opened: everything decided locally before STS is called.
 *
 * @param mode {@code run} or {@code credentials}
 * @param actions the patterns requested; {@code resources} likewise
 * @param parent the Airlock session this one was opened inside ({@code --nested}), if any
 */
public record SessionPlan(String sessionId, String mode, Profile profile, String region, List<String> actions,
        List<String> resources, SessionPolicy policy, AssumeRoleSpec spec, List<String> command,
        java.util.Optional<String> parent) {
    public SessionPlan {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        command = List.copyOf(command);
    }

    public SessionPlan withSpec(AssumeRoleSpec s) {
        return new SessionPlan(sessionId, mode, profile, region, actions, resources, policy, s, command, parent);
    }
}
