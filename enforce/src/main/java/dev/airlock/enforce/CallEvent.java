package dev.airlock.enforce;

import java.util.List;
import java.util.Optional;

/**
 * What the audit records of one call: never a credential, a signature or a body.
 *
 * @param decision {@code allowed}, {@code denied} or {@code refused} (bad signature, revoked,
 *     expired, over a limit: the call never reached policy evaluation)
 * @param actions the IAM actions the call needed; {@code resources} likewise
 * @param status the HTTP status returned to the client ({@code 499} when the answer was cut off)
 * @param problem why the exchange did not end normally after the decision (the client reset, the
 *     endpoint shut down while the call was in flight, the upstream failed); empty when it did
 */
public record CallEvent(String sessionId, String operation, List<String> actions, List<String> resources,
        String decision, String reason, int status, long bytesIn, long bytesOut, long micros,
        Optional<String> problem) {
    public CallEvent {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        java.util.Objects.requireNonNull(problem, "problem");
    }
}
