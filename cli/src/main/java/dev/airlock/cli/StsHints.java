package dev.airlock.cli;

import dev.airlock.session.StsException;

/** What to do about each kind of STS failure. */
final class StsHints {
    private StsHints() {}

    static String hint(StsException e) {
        return switch (e.kind()) {
            case ACCESS_DENIED -> "the role's trust policy must allow your base identity sts:AssumeRole, and "
                    + "sts:TagSession and sts:SetSourceIdentity, which Airlock uses for CloudTrail attribution";
            case MFA_FAILED -> "pass the 6-digit code your MFA device shows now with --mfa-code (codes are single-use "
                    + "and expire after 30 seconds)";
            case POLICY_TOO_LARGE -> "STS packs the session policy and tags together: use wildcards (s3:Get*), "
                    + "fewer resources, or fewer --tag";
            case DURATION_TOO_LONG -> "ask for a shorter --ttl, or raise the role's MaxSessionDuration";
            case NO_BASE_CREDENTIALS -> "Airlock needs its own AWS credentials to call STS: set source_profile in "
                    + "the profile, or provide them through the standard AWS chain";
            case SSO_LOGIN_NEEDED -> "sign in with the AWS CLI as the message says (it refreshes the cached token "
                    + "Airlock reads), then run this again";
            case UNAVAILABLE -> "check the network and the profile's region and sts_endpoint";
            case INVALID_REQUEST -> "";
        };
    }
}
