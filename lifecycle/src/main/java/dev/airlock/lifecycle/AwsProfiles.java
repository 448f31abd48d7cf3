package dev.airlock.lifecycle;

import dev.airlock.config.AwsProfile;
import dev.airlock.config.CredentialSource;
import dev.airlock.config.Profile;
import dev.airlock.session.ScopeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An AWS CLI profile ({@code --aws-profile}) read as the Airlock profile it stands for. */
public final class AwsProfiles {

    private AwsProfiles() {
    }

    private static final String PREFIX = "aws:";

    /** "AWS profile 'NAME'" for one read from ~/.aws/config, else "profile 'NAME'" of Airlock's config. */
    public static String describe(Profile profile) {
        return profile.name().startsWith(PREFIX) ? "AWS profile '" + profile.name().substring(PREFIX.length()) + "'"
                : "profile '" + profile.name() + "'";
    }

    /**
     * With {@code role_arn}, the profile's role is assumed from its {@code source_profile} (or,
     * without one, from its own credentials or the standard chain), as the AWS CLI would. Without
     * {@code role_arn} the profile is only the source, and {@code --role} names the role.
     */
    public static Profile toProfile(AwsProfile aws, Optional<String> roleOption) {
        String role = roleOption.or(aws::roleArn).orElseThrow(() -> new ScopeException(
                "AWS profile '" + aws.name() + "' in " + aws.file() + " has no role_arn",
                "pass --role arn:aws:iam::ACCOUNT:role/NAME to assume a role from its credentials"));
        CredentialSource source;
        if (aws.sourceProfile().isPresent()) {
            source = new CredentialSource.NamedProfile(aws.sourceProfile().get());
        } else if (aws.roleArn().isEmpty() || aws.hasOwnCredentials()) {
            source = new CredentialSource.NamedProfile(aws.name());
        } else {
            source = new CredentialSource.DefaultChain();
        }
        return new Profile(PREFIX + aws.name(), role, aws.region(), source,
                aws.duration().orElse(Profile.DEFAULT_TTL), Profile.DEFAULT_MAX_DURATION, Profile.DEFAULT_GRACE,
                aws.mfaSerial(), List.of(), List.of(), Map.of(), aws.roleSessionName(), Optional.empty(),
                Optional.empty(), aws.externalId(), Map.of());
    }
}
