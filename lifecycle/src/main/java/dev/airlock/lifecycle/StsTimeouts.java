package dev.airlock.lifecycle;

import dev.airlock.session.ScopeException;
import dev.airlock.config.Durations;
import dev.airlock.sts.Timeouts;
import java.time.Duration;
import java.util.Map;

/** The STS/IAM timeouts a user set in the environment, else the defaults. */
public final class StsTimeouts {
    public static final String CONNECT = "AIRLOCK_CONNECT_TIMEOUT";
    public static final String READ = "AIRLOCK_READ_TIMEOUT";

    private StsTimeouts() {}

    public static Timeouts from(Map<String, String> env) {
        return new Timeouts(parse(env, CONNECT, Timeouts.DEFAULT.connect()), parse(env, READ, Timeouts.DEFAULT.read()));
    }

    private static Duration parse(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ScopeException(name + ": " + e.getMessage(),
                    "set " + name + " to a duration such as 3s or 10s, or unset it for the default ("
                            + Durations.format(fallback) + ")");
        }
    }
}
