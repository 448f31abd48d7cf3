package dev.airlock.audit;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the audit log lives when the user does not say: {@code $AIRLOCK_HOME/audit}, else
 * {@code $XDG_DATA_HOME/airlock/audit}, else {@code ~/.local/share/airlock/audit}. Takes the environment
 * as a map so callers and tests need not touch the process environment.
 */
public final class AuditDirectory {

    private AuditDirectory() {
    }

    public static Path resolve(Map<String, String> env) {
        Optional<String> airlockHome = nonEmpty(env.get("AIRLOCK_HOME"));
        if (airlockHome.isPresent()) {
            return Path.of(airlockHome.get()).resolve("audit");
        }
        // The XDG spec says to ignore an empty or relative XDG_DATA_HOME.
        Optional<Path> xdg = nonEmpty(env.get("XDG_DATA_HOME")).map(Path::of).filter(Path::isAbsolute);
        if (xdg.isPresent()) {
            return xdg.get().resolve("airlock").resolve("audit");
        }
        Path home = nonEmpty(env.get("HOME")).map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home")));
        return home.resolve(".local").resolve("share").resolve("airlock").resolve("audit");
    }

    private static Optional<String> nonEmpty(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }
}
