package dev.airlock.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A command to run under a session.
 *
 * @param maxDuration when the child is sent SIGTERM
 * @param grace how long after SIGTERM before SIGKILL
 */
public record ChildSpec(List<String> command, Map<String, String> environment, Duration maxDuration, Duration grace) {
    public ChildSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
    }
}
