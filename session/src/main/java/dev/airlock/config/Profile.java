package dev.airlock.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One named profile of the config file: the role Airlock assumes and how.
 *
 * <p>{@link ConfigLoader} validates every value (with the file's line numbers) before building a
 * profile; this constructor only checks for nulls and makes the collections unmodifiable (tags
 * keep the file's order).
 *
 * @param roleArn the IAM role to assume ({@code arn:PARTITION:iam::ACCOUNT:role/PATH/NAME})
 * @param region the region for STS and the child command, when configured
 * @param source where the broker's own credentials come from
 * @param ttl lifetime of each set of credentials (default {@link #DEFAULT_TTL})
 * @param maxDuration longest a command may run (default {@link #DEFAULT_MAX_DURATION})
 * @param grace default {@link #DEFAULT_GRACE}
 * @param allow default allow list (action patterns), empty when none is configured
 * @param resources default resource ARNs, empty when none are configured
 * @param tags STS session tags
 * @param tiers risk tier overrides, exact action name to {@code T0}..{@code T3}
 * @param rolePoliciesFile absolute, or relative to the working directory only when the profile
 *     was built by hand (the loader resolves it against the config file's directory)
 */
public record Profile(String name, String roleArn, Optional<String> region, CredentialSource source, Duration ttl,
        Duration maxDuration, Duration grace, Optional<String> mfaSerial, List<String> allow, List<String> resources,
        Map<String, String> tags, Optional<String> sessionName, Optional<URI> stsEndpoint,
        Optional<Path> rolePoliciesFile, Optional<String> externalId, Map<String, String> tiers) {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(1);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(maxDuration, "maxDuration");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(mfaSerial, "mfaSerial");
        allow = List.copyOf(allow);
        resources = List.copyOf(resources);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tags, "tags")));
        tiers = Map.copyOf(Objects.requireNonNull(tiers, "tiers"));
        tags.forEach((k, v) -> Objects.requireNonNull(v, () -> "tag " + k));
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(stsEndpoint, "stsEndpoint");
        Objects.requireNonNull(rolePoliciesFile, "rolePoliciesFile");
        Objects.requireNonNull(externalId, "externalId");
    }

    /** A profile with every optional setting unset or at its default (handy in tests). */
    public static Profile of(String name, String roleArn) {
        return new Profile(name, roleArn, Optional.empty(), new CredentialSource.DefaultChain(), DEFAULT_TTL,
                DEFAULT_MAX_DURATION, DEFAULT_GRACE, Optional.empty(), List.of(), List.of(), Map.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }
}
