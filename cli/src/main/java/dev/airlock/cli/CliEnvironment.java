package dev.airlock.cli;

import java.util.Map;

/**
 * The process environment as the commands see it. Read at this one edge so that in-process tests
 * can run a command with an environment of their own.
 */
public final class CliEnvironment {
    private static final InheritableThreadLocal<Map<String, String>> OVERRIDE = new InheritableThreadLocal<>();

    private CliEnvironment() {}

    public static Map<String, String> get() {
        Map<String, String> env = OVERRIDE.get();
        return env != null ? env : System.getenv();
    }

    /** Runs {@code body} with {@code env} as the environment (tests only). */
    public static <T> T with(Map<String, String> env, java.util.function.Supplier<T> body) {
        Map<String, String> previous = OVERRIDE.get();
        OVERRIDE.set(Map.copyOf(env));
        try {
            return body.get();
        } finally {
            OVERRIDE.set(previous);
        }
    }
}
