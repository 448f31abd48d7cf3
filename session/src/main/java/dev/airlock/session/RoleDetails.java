package dev.airlock.session;

import dev.airlock.policy.Policy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What Airlock could read about the base role: its permission policies, its boundary and how long
 * its sessions may last.
 *
 * @param source where this came from, for messages ("IAM", or the snapshot file)
 */
public record RoleDetails(String roleArn, Optional<Duration> maxSessionDuration, List<Policy> policies,
        Optional<Policy> permissionsBoundary, String source) {
    public RoleDetails {
        policies = List.copyOf(policies);
    }
}
