package dev.airlock.policy;

import static dev.airlock.policy.Fixtures.SESSION_ARN;
import static dev.airlock.policy.Fixtures.USER_ARN;
import static dev.airlock.policy.Fixtures.decide;
import static dev.airlock.policy.Fixtures.identity;
import static dev.airlock.policy.Fixtures.request;
import static dev.airlock.policy.Fixtures.scp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service-specific exceptions to the general evaluation logic. Sources: IAM User Guide, "Policy
 * evaluation logic" ("IAM role trust policies and KMS key policies are exceptions to this logic,
 * because they must explicitly allow access for principals"); AWS KMS Developer Guide, "Key policies
 * in AWS KMS", "Default key policy" and "Controlling access to aliases"; AWS STS API Reference,
 * GetCallerIdentity.
 */
class KeyAndTrustPoliciesTest {

    private static Outcome outcome(PolicySet set, String action, String resource, String principal) {
        return decide(set, request(action, resource, principal)).outcome();
    }

    // STS API Reference, GetCallerIdentity: no permission is needed, and an explicit deny (here in an
    // identity policy and an SCP) does not stop it.
    @Test
    void getCallerIdentityNeedsNoPermissionAndCannotBeDenied() {
        Decision none = decide(PolicySet.builder().build(), request("sts:GetCallerIdentity", "*", USER_ARN));
        assertThat(none.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(none.deciding()).isEmpty();
        assertThat(none.note()).hasValueSatisfying(n -> assertThat(n).contains("needs no permission"));
        Policy denyAll = identity("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}
                """);
        Policy scpDeny = scp("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "sts:*", "Resource": "*"}]}
                """);
        PolicySet denied = PolicySet.builder().identity(denyAll).scpLevel(List.of(scpDeny)).build();
        assertThat(outcome(denied, "STS:GetCallerIdentity", "*", SESSION_ARN)).isEqualTo(Outcome.ALLOWED);
    }
}
