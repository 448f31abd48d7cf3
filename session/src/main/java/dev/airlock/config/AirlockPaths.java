package dev.airlock.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where Airlock keeps its config file and its state. Every method takes the environment as a map
 * (callers pass {@code System.getenv()}), so the rules can be tested without touching the real one.
 *
 * <p>Config file: {@code $AIRLOCK_CONFIG} (a file) if set; else {@code config.toml},
 * {@code config.yaml} or {@code config.yml} in the config directory, which is the first that is
 * set of {@code $AIRLOCK_HOME}, {@code $XDG_CONFIG_HOME/airlock} and {@code ~/.config/airlock}.
 * Only that one directory is searched: with {@code AIRLOCK_HOME} set, a file in ~/.config is not
 * used. Empty variables count as unset, and so do relative {@code XDG_*} paths (as the XDG Base
 * Directory specification says).
 *
 * <p>State: {@code $AIRLOCK_HOME}, else {@code $XDG_DATA_HOME/airlock}, else
 * {@code ~/.local/share/airlock}. The home directory is {@code $HOME}, else the JVM's user.home.
 */
public final class AirlockPaths {

    public static final String AIRLOCK_CONFIG = "AIRLOCK_CONFIG";
    public static final String AIRLOCK_HOME = "AIRLOCK_HOME";
    /** The file names looked for in the config directory, in this order. */
    public static final List<String> CONFIG_NAMES = List.of("config.toml", "config.yaml", "config.yml");

    private AirlockPaths() {
    }

    /**
     * The config file to read: {@code $AIRLOCK_CONFIG} whether or not it exists, else the one file
     * of {@link #CONFIG_NAMES} that exists in {@link #configDir}; empty when there is none.
     *
     * @throws ConfigException if more than one of them exists
     */
    public static Optional<Path> configFile(Map<String, String> env) {
        Optional<Path> explicit = explicitConfigFile(env);
        if (explicit.isPresent()) {
            return explicit;
        }
        Path dir = configDir(env);
        List<Path> found = new ArrayList<>();
        for (String name : CONFIG_NAMES) {
            Path candidate = dir.resolve(name);
            if (Files.exists(candidate)) {
                found.add(candidate);
            }
        }
        if (found.size() > 1) {
            throw new ConfigException(found.get(0), "found " + found.size() + " config files in " + dir + ": "
                    + found.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(" and "))
                    + "; Airlock reads only one",
                    "keep one: merge the settings into " + found.get(0).getFileName() + " and delete "
                            + found.subList(1, found.size()).stream().map(Path::toString)
                                    .collect(Collectors.joining(" and ")));
        }
        return found.stream().findFirst();
    }

    /** {@code $AIRLOCK_CONFIG} as a path, when set. */
    public static Optional<Path> explicitConfigFile(Map<String, String> env) {
        return variable(env, AIRLOCK_CONFIG).map(Path::of);
    }

    /** The directory searched for config.toml / config.yaml (it need not exist). */
    public static Path configDir(Map<String, String> env) {
        Optional<Path> airlockHome = variable(env, AIRLOCK_HOME).map(v -> Path.of(v).toAbsolutePath());
        if (airlockHome.isPresent()) {
            return airlockHome.get();
        }
        return xdg(env, "XDG_CONFIG_HOME").orElseGet(() -> home(env).resolve(".config")).resolve("airlock");
    }

    /** Where Airlock keeps state (it need not exist yet). */
    public static Path dataDir(Map<String, String> env) {
        Optional<Path> airlockHome = variable(env, AIRLOCK_HOME).map(v -> Path.of(v).toAbsolutePath());
        if (airlockHome.isPresent()) {
            return airlockHome.get();
        }
        return xdg(env, "XDG_DATA_HOME").orElseGet(() -> home(env).resolve(".local").resolve("share"))
                .resolve("airlock");
    }

    /** Where {@code airlock init} writes: {@code $AIRLOCK_CONFIG}, else config.toml in {@link #configDir}. */
    public static Path defaultConfigTarget(Map<String, String> env) {
        return explicitConfigFile(env).orElseGet(() -> configDir(env).resolve(CONFIG_NAMES.get(0)));
    }

    /** The user's home directory: {@code $HOME}, else the JVM's {@code user.home}. */
    public static Path home(Map<String, String> env) {
        return variable(env, "HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home")));
    }

    private static Optional<Path> xdg(Map<String, String> env, String name) {
        return variable(env, name).map(Path::of).filter(Path::isAbsolute);
    }

    private static Optional<String> variable(Map<String, String> env, String name) {
        Objects.requireNonNull(env, "env");
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
