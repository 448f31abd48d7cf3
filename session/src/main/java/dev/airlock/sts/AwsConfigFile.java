package dev.airlock.sts;

import dev.airlock.config.AirlockPaths;
import dev.airlock.config.AwsProfile;
import dev.airlock.config.ConfigException;
import dev.airlock.config.Suggestions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Reads profiles of the AWS CLI's config file with the SDK's own parser, so that a profile means
 * to Airlock what it means to the AWS CLI and SDKs ({@code [profile NAME]} sections, {@code
 * [default]}, {@code [sso-session NAME]}).
 */
public final class AwsConfigFile {

    private final Path file;
    private final Map<String, Profile> profiles;

    private AwsConfigFile(Path file, Map<String, Profile> profiles) {
        this.file = file;
        this.profiles = profiles;
    }

    /**
     * The file named by {@code AWS_CONFIG_FILE} (else {@code ~/.aws/config}) with the credentials
     * file ({@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}) over it, as the
     * SDK merges them; empty when neither exists.
     */
    public static AwsConfigFile load(Map<String, String> env) {
        Path file = AwsProfile.configFile(env);
        Path credentials = Optional.ofNullable(env.get("AWS_SHARED_CREDENTIALS_FILE")).filter(s -> !s.isBlank())
                .map(Path::of).orElseGet(() -> AirlockPaths.home(env).resolve(".aws").resolve("credentials"));
        ProfileFile.Aggregator files = ProfileFile.aggregator();
        boolean any = false;
        try {
            if (Files.isRegularFile(file)) {
                files.addFile(ProfileFile.builder().content(file).type(ProfileFile.Type.CONFIGURATION).build());
                any = true;
            }
            if (Files.isRegularFile(credentials)) {
                files.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
                any = true;
            }
            return new AwsConfigFile(file, any ? files.build().profiles() : Map.of());
        } catch (RuntimeException e) {
            throw new ConfigException(file, "cannot read the AWS config file: " + AwsClients.firstLine(e.getMessage()),
                    "fix the file (the AWS CLI reads it too), or point AWS_CONFIG_FILE elsewhere");
        }
    }

    /**
     * The named profile.
     *
     * @throws ConfigException when the file has no such profile (with the nearest name) or a
     *     value is malformed
     */
    public AwsProfile profile(String name) {
        Profile p = profiles.get(name);
        if (p == null) {
            String hint = Suggestions.didYouMean(name, profiles.keySet()).map(s -> "did you mean '" + s + "'? ")
                    .orElse("") + (profiles.isEmpty() ? "the file has no profiles" : "profiles: "
                    + String.join(", ", profiles.keySet()));
            throw new ConfigException(file, "no AWS profile '" + name + "'", hint);
        }
        return new AwsProfile(name, file, p.property("region"), p.property("role_arn"), p.property("source_profile"),
                p.property("mfa_serial"), p.property("duration_seconds").map(s -> seconds(name, s)),
                p.property("role_session_name"), p.property("external_id"), hasOwnCredentials(p));
    }

    /** The region of {@code name}, when the file has that profile and it sets one. */
    public Optional<String> region(String name) {
        return Optional.ofNullable(profiles.get(name)).flatMap(p -> p.property("region"));
    }

    public Path file() {
        return file;
    }

    private Duration seconds(String profile, String text) {
        try {
            return Duration.ofSeconds(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw new ConfigException(file, "profile '" + profile + "': duration_seconds = " + text
                    + " is not a whole number of seconds", "e.g. duration_seconds = 3600");
        }
    }

    private static boolean hasOwnCredentials(Profile p) {
        return p.property("aws_access_key_id").isPresent() || p.property("sso_start_url").isPresent()
                || p.property("sso_session").isPresent() || p.property("credential_process").isPresent()
                || p.property("web_identity_token_file").isPresent();
    }
}
