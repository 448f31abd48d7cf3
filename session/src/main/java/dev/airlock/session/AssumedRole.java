package dev.airlock.session;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What STS returned for one AssumeRole call.
 *
 * @param assumedRoleArn the session's ARN, {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}
 * @param packedPolicySize percentage of STS's packed limit the policy and tags used, when reported
 */
public record AssumedRole(SessionCredentials credentials, String assumedRoleArn, String assumedRoleId,
        OptionalInt packedPolicySize) {
    public AssumedRole {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(assumedRoleArn, "assumedRoleArn");
        Objects.requireNonNull(assumedRoleId, "assumedRoleId");
        Objects.requireNonNull(packedPolicySize, "packedPolicySize");
    }
}
