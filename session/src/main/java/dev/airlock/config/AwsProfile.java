package dev.airlock.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings Airlock takes from one profile of the AWS CLI's own config file
 * ({@code $AWS_CONFIG_FILE}, else {@code ~/.aws/config}), as the AWS CLI would read them.
 *
 * @param file the config file the profile was read from, for messages
 * @param roleArn {@code role_arn}: the role to assume
 * @param sourceProfile {@code source_profile}: whose credentials call STS
 * @param mfaSerial {@code mfa_serial}
 * @param duration {@code duration_seconds}
 * @param roleSessionName {@code role_session_name}
 * @param externalId {@code external_id}
 * @param hasOwnCredentials the profile itself yields credentials (keys, SSO, credential_process),
 *     so with no {@code source_profile} it is the source
 */
public record AwsProfile(String name, Path file, Optional<String> region, Optional<String> roleArn,
        Optional<String> sourceProfile, Optional<String> mfaSerial, Optional<Duration> duration,
        Optional<String> roleSessionName, Optional<String> externalId, boolean hasOwnCredentials) {

    public AwsProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(sourceProfile, "sourceProfile");
        Objects.requireNonNull(mfaSerial, "mfaSerial");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(roleSessionName, "roleSessionName");
        Objects.requireNonNull(externalId, "externalId");
    }

    /** The AWS config file the AWS CLI reads: {@code $AWS_CONFIG_FILE}, else {@code ~/.aws/config}. */
    public static Path configFile(java.util.Map<String, String> env) {
        String set = env.get("AWS_CONFIG_FILE");
        if (set != null && !set.isBlank()) {
            return Path.of(set.startsWith("~/") ? AirlockPaths.home(env) + set.substring(1) : set);
        }
        return AirlockPaths.home(env).resolve(".aws").resolve("config");
    }
}
