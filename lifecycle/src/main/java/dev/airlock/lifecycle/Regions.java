package dev.airlock.lifecycle;

import dev.airlock.config.CredentialSource;
import dev.airlock.config.Profile;
import dev.airlock.config.Suggestions;
import dev.airlock.session.ScopeException;
import dev.airlock.sts.AwsConfigFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;

/**
 * The session's region, by the AWS CLI's precedence: {@code --region}, {@code AWS_REGION},
 * {@code AWS_DEFAULT_REGION}, the profile's {@code region}, the region of the AWS profile the
 * credentials come from (else {@code AWS_PROFILE}, else {@code default}) in ~/.aws/config, and
 * last {@code us-east-1}. The one chosen must be a region the SDK's partitions list: a typo such
 * as {@code us-est-1} would otherwise surface as an unresolvable STS host.
 */
public final class Regions {

    public static final String FALLBACK = "us-east-1";

    private Regions() {
    }

    /** Where a region came from, for the message when it is not one. */
    private record Choice(String region, String from) {}

    public static String choose(Optional<String> option, Profile profile, Map<String, String> env,
            Supplier<AwsConfigFile> awsConfig) {
        Choice c = option.map(r -> new Choice(r, "--region"))
                .or(() -> variable(env, "AWS_REGION"))
                .or(() -> variable(env, "AWS_DEFAULT_REGION"))
                .or(() -> profile.region().map(r -> new Choice(r, "the region of " + AwsProfiles.describe(profile))))
                .or(() -> fromAwsConfig(profile, env, awsConfig.get()))
                .orElse(new Choice(FALLBACK, "the default"));
        return validated(c);
    }

    private static Optional<Choice> variable(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty())
                .map(r -> new Choice(r, name));
    }

    private static Optional<Choice> fromAwsConfig(Profile profile, Map<String, String> env, AwsConfigFile file) {
        String name = profile.source() instanceof CredentialSource.NamedProfile p ? p.name()
                : Optional.ofNullable(env.get("AWS_PROFILE")).filter(s -> !s.isBlank()).orElse("default");
        return file.region(name).map(r -> new Choice(r.strip(), "the region of AWS profile '" + name + "' in "
                + file.file()));
    }

    private static String validated(Choice c) {
        List<String> known = Region.regions().stream().filter(r -> !r.isGlobalRegion()).map(Region::id).sorted().toList();
        if (known.contains(c.region())) {
            return c.region();
        }
        List<String> near = Suggestions.nearest(c.region(), known);
        String hint = (near.isEmpty() ? "" : "did you mean " + String.join(" or ", near) + "? ")
                + "regions are written like us-east-1, eu-west-2, ap-southeast-1";
        throw new ScopeException("region \"" + c.region() + "\" (from " + c.from() + ") is not an AWS region", hint);
    }
}
