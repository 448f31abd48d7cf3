package dev.airlock.session;

import dev.airlock.policy.Policy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What Airlock could read about the base role: its permission policies, its boundary and how long
 * its sessions may last.
 *
 * @param source where this came from, for messages ("IAM", a snapshot file, a cache)
 */
public record RoleDetails(String roleArn, Optional<Duration> maxSessionDuration, List<PolicyDocument> documents,
        Optional<PolicyDocument> boundary, String source) {
    public RoleDetails {
        documents = List.copyOf(documents);
    }

    /** The permission policies, parsed. */
    public List<Policy> policies() {
        return documents.stream().map(PolicyDocument::parse).toList();
    }

    public Optional<Policy> permissionsBoundary() {
        return boundary.map(PolicyDocument::parse);
    }

    public RoleDetails withSource(String s) {
        return new RoleDetails(roleArn, maxSessionDuration, documents, boundary, s);
    }
}
