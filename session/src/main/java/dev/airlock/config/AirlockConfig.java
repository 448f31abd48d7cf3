package dev.airlock.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded config file: its profiles in file order and the optional {@code default_profile}.
 *
 * @param file the file it was read from
 */
public record AirlockConfig(Path file, Optional<String> defaultProfile, Map<String, Profile> profiles) {

    public AirlockConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(defaultProfile, "defaultProfile");
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(profiles, "profiles")));
    }

    /**
     * The profile to use: {@code requested} if present, else {@code default_profile}, else the only
     * profile of the file.
     *
     * @throws ConfigException if the requested profile does not exist, or none was requested and
     *     the file has no default (several or no profiles)
     */
    public Profile profile(Optional<String> requested) {
        Objects.requireNonNull(requested, "requested");
        if (requested.isPresent()) {
            String name = requested.get();
            Profile p = profiles.get(name);
            if (p == null) {
                throw noSuchProfile(name);
            }
            return p;
        }
        return effectiveDefault().map(profiles::get).orElseThrow(() -> profiles.isEmpty()
                ? new ConfigException(file, "no profiles are defined",
                        "add one: edit " + file + " and add a " + Syntax.of(file).tableExample("dev")
                                + ", or run 'airlock init --force' to replace the file with a starter")
                : new ConfigException(file, "no profile given and no default_profile; profiles: "
                        + String.join(", ", profiles.keySet()),
                        "pass --profile NAME, or set " + Syntax.of(file).keyValue("default_profile",
                                profiles.keySet().iterator().next()) + " at the top of " + file));
    }

    /** The profile {@link #profile(Optional)} picks when none is requested, if any. */
    public Optional<String> effectiveDefault() {
        if (defaultProfile.isPresent()) {
            return defaultProfile;
        }
        return profiles.size() == 1 ? Optional.of(profiles.keySet().iterator().next()) : Optional.empty();
    }

    private ConfigException noSuchProfile(String name) {
        String problem;
        if (profiles.isEmpty()) {
            problem = "no profile named \"" + name + "\"; the file defines no profiles";
        } else {
            problem = "no profile named \"" + name + "\"" + Suggestions.didYouMean(name, profiles.keySet())
                    .map(s -> " (did you mean \"" + s + "\"?)").orElse("")
                    + "; profiles: " + String.join(", ", profiles.keySet());
        }
        return new ConfigException(file, problem, "to add it, edit " + file + " and add a "
                + Syntax.of(file).tableExample(name) + " (run 'airlock init --path FILE' for a commented example)");
    }
}
