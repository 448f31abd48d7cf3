package dev.airlock.cli.run;

import dev.airlock.cli.BadInputException;
import dev.airlock.config.Durations;
import dev.airlock.sts.Timeouts;
import java.time.Duration;
import java.util.Map;

/** The STS/IAM timeouts a user set in the environment, else the defaults. */
final class StsTimeouts {
    static final String CONNECT = "AIRLOCK_CONNECT_TIMEOUT";
    static final String READ = "AIRLOCK_READ_TIMEOUT";

    private StsTimeouts() {}

    static Timeouts from(Map<String, String> env) {
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
            throw new BadInputException(name + ": " + e.getMessage(),
                    "set " + name + " to a duration such as 3s or 10s, or unset it for the default ("
                            + Durations.format(fallback) + ")");
        }
    }
}
