package dev.airlock.policy;

import java.util.Optional;

/**
 * The few places where a service departs from the general evaluation logic, each with the AWS
 * documentation that says so.
 */
final class ServiceRules {

    private ServiceRules() {}

    /**
     * Why a (lower-cased) action is allowed whatever the policies say, or empty. AWS STS API
     * Reference, GetCallerIdentity: "No permissions are required to perform this operation. If an
     * administrator attaches a policy to your identity that explicitly denies access to the
     * sts:GetCallerIdentity action, you can still perform this operation."
     */
    static Optional<String> needsNoPermission(String action) {
        if (action.equals("sts:getcalleridentity")) {
            return Optional.of("sts:GetCallerIdentity needs no permission, and an explicit deny does not stop it "
                    + "(AWS STS API Reference, GetCallerIdentity)");
        }
        return Optional.empty();
    }
}
