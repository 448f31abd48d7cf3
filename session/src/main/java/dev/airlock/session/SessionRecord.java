package dev.airlock.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * What Airlock remembers of one session. Never holds a secret: no key, token or MFA code; and
 * {@link SessionStore} redacts secret-shaped runs in what the user or agent chose (command, resources)
 * before it writes the record, as the audit log does.
 *
 * @param assumedRoleArn the STS session ARN, as CloudTrail shows it
 * @param accessKeyId the session's access key ID (not a secret; it ties CloudTrail events to this record)
 */
public record SessionRecord(String id, String profile, String roleArn, Optional<String> assumedRoleArn,
        Optional<String> accessKeyId, List<String> actions, List<String> resources, List<String> command,
        Instant start, Instant expires, Optional<Instant> end, OptionalInt exitCode, SessionStatus status) {

    public SessionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(roleArn, "roleArn");
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        command = List.copyOf(command);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(status, "status");
    }

    public Optional<Duration> duration() {
        return end.map(e -> Duration.between(start, e));
    }

    public SessionRecord ended(Instant when, OptionalInt code, SessionStatus finalStatus) {
        return new SessionRecord(id, profile, roleArn, assumedRoleArn, accessKeyId, actions, resources, command,
                start, expires, Optional.of(when), code, finalStatus);
    }

    /** This record with {@code redact} applied to each command argument and resource. */
    public SessionRecord redacted(UnaryOperator<String> redact) {
        return new SessionRecord(id, profile, roleArn, assumedRoleArn, accessKeyId, actions,
                resources.stream().map(redact).toList(), command.stream().map(redact).toList(), start, expires, end,
                exitCode, status);
    }

    public SessionRecord renewed(Instant newExpiry, String newAccessKeyId) {
        return new SessionRecord(id, profile, roleArn, assumedRoleArn, Optional.of(newAccessKeyId), actions, resources,
                command, start, newExpiry, end, exitCode, status);
    }
}
