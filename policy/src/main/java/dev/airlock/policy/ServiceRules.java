package dev.airlock.policy;

import dev.airlock.policy.match.Arn;
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

    /**
     * A resource policy that must itself allow the caller, or its account, even within one account:
     * an identity policy alone grants nothing on these resources. IAM User Guide, "Policy evaluation
     * logic": "IAM role trust policies and KMS key policies are exceptions to this logic, because they
     * must explicitly allow access for principals."
     */
    enum Gatekeeper {
        /**
         * The key policy of a KMS key ({@code arn:aws:kms:R:A:key/ID}). AWS KMS Developer Guide, "Key
         * policies in AWS KMS": "Unless the key policy explicitly allows it, you cannot use IAM policies
         * to allow access to a KMS key"; every KMS key has exactly one. Aliases are not covered: their
         * access is controlled by IAM policies ("Controlling access to aliases").
         */
        KEY_POLICY("the KMS key's key policy"),
        /**
         * The trust policy of an IAM role, for the STS actions taken on the role
         * ({@code sts:AssumeRole*}, {@code sts:TagSession}, {@code sts:SetSourceIdentity},
         * {@code sts:SetContext}); every role has one (IAM API Reference, CreateRole,
         * AssumeRolePolicyDocument is required).
         */
        TRUST_POLICY("the role's trust policy");

        private final String description;

        Gatekeeper(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** The resource policy that gates {@code service}'s access to {@code resource}, if any. */
    static Optional<Gatekeeper> gatekeeper(String service, Optional<Arn> resource) {
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        Arn arn = resource.get();
        if (service.equals("kms") && arn.service().equals("kms") && arn.resource().startsWith("key/")) {
            return Optional.of(Gatekeeper.KEY_POLICY);
        }
        if (service.equals("sts") && arn.service().equals("iam") && arn.resource().startsWith("role/")) {
            return Optional.of(Gatekeeper.TRUST_POLICY);
        }
        return Optional.empty();
    }
}
