package dev.airlock.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every policy that governs a request.
 *
 * @param scps service control policies per organisation level, root first, account last; each
 *     level must allow. Empty when the account is not in an organisation.
 * @param rcps resource control policies per level, root first. AWS attaches RCPFullAWSAccess to
 *     every level and it cannot be detached, so only their Deny statements change a decision.
 */
public record PolicySet(List<Policy> identityPolicies, Optional<Policy> resourcePolicy,
        Optional<Policy> sessionPolicy, Optional<Policy> permissionsBoundary,
        List<List<Policy>> scps, List<List<Policy>> rcps) {

    public PolicySet {
        identityPolicies = List.copyOf(identityPolicies);
        scps = scps.stream().map(List::copyOf).toList();
        rcps = rcps.stream().map(List::copyOf).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Accumulates policies; each one is checked to be of the kind its slot expects. */
    public static final class Builder {
        private final List<Policy> identity = new ArrayList<>();
        private Optional<Policy> resource = Optional.empty();
        private Optional<Policy> session = Optional.empty();
        private Optional<Policy> boundary = Optional.empty();
        private final List<List<Policy>> scps = new ArrayList<>();
        private final List<List<Policy>> rcps = new ArrayList<>();

        public Builder identity(Policy p) {
            identity.add(expect(p, PolicyKind.IDENTITY));
            return this;
        }

        public Builder resource(Policy p) {
            resource = Optional.of(expect(p, PolicyKind.RESOURCE));
            return this;
        }

        public Builder session(Policy p) {
            session = Optional.of(expect(p, PolicyKind.SESSION));
            return this;
        }

        public Builder permissionsBoundary(Policy p) {
            boundary = Optional.of(expect(p, PolicyKind.PERMISSIONS_BOUNDARY));
            return this;
        }

        /** Adds the next organisation level's SCPs (call root first). */
        public Builder scpLevel(List<Policy> level) {
            level.forEach(p -> expect(p, PolicyKind.SCP));
            scps.add(List.copyOf(level));
            return this;
        }

        /** Adds the next organisation level's RCPs (call root first). */
        public Builder rcpLevel(List<Policy> level) {
            level.forEach(p -> expect(p, PolicyKind.RCP));
            rcps.add(List.copyOf(level));
            return this;
        }

        public PolicySet build() {
            return new PolicySet(identity, resource, session, boundary, scps, rcps);
        }

        private static Policy expect(Policy p, PolicyKind kind) {
            if (p.kind() != kind) {
                throw new IllegalArgumentException("policy " + p.name() + " was parsed as a " + p.kind().description()
                        + " but is used as a " + kind.description());
            }
            return p;
        }
    }
}
