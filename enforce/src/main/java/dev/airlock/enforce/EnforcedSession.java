package dev.airlock.enforce;

import dev.airlock.policy.Policy;
import dev.airlock.sigv4.IssuedCredentials;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One session as the endpoint enforces it.
 *
 * @param local the credentials Airlock minted for the agent: valid only at this endpoint
 * @param sessionPolicy what the session may do, parsed as an identity policy (the endpoint evaluates
 *     it alone: the role's own policies are still applied by AWS upstream)
 * @param principalArn who the calls are made as, for {@code aws:PrincipalArn} and error messages
 * @param revoked true once {@code airlock sessions revoke} marked the session; checked per call
 */
public record EnforcedSession(String id, IssuedCredentials local, Policy sessionPolicy, String principalArn,
        String account, String partition, Upstream upstream, Limits limits, BooleanSupplier revoked) {
    public EnforcedSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(local, "local");
        if (sessionPolicy.kind() != dev.airlock.policy.PolicyKind.IDENTITY) {
            throw new IllegalArgumentException("parse the session policy as PolicyKind.IDENTITY: the endpoint evaluates it alone");
        }
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(revoked, "revoked");
    }

    @Override
    public String toString() {
        return "EnforcedSession[" + id + ", " + local.credentials().accessKeyId() + ", secret redacted]";
    }
}
