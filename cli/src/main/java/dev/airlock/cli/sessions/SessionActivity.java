package dev.airlock.cli.sessions;

import dev.airlock.audit.AuditRecord;
import java.util.List;
import java.util.Optional;

/**
 * What the audit log says of one session beyond its record: how it ran, against what, how many
 * calls the endpoint decided and refused, how often its credentials were handed out again, and
 * which limit ended it.
 *
 * @param mode run, enforce (run --enforce or serve) or credentials
 * @param upstream for an enforced session, "aws" or the S3-compatible upstream's URL
 * @param endedBy revoked, --max-duration, --max-calls or --max-bytes, when one of them ended it
 */
record SessionActivity(Optional<String> mode, Optional<String> upstream, long calls, long denied, long reused,
        Optional<String> parent, Optional<String> endedBy) {

    static SessionActivity of(List<AuditRecord> records) {
        Optional<String> mode = Optional.empty();
        Optional<String> upstream = Optional.empty();
        Optional<String> parent = Optional.empty();
        Optional<String> endedBy = Optional.empty();
        long calls = 0;
        long denied = 0;
        long reused = 0;
        for (AuditRecord r : records) {
            switch (r.type()) {
                case "session.start" -> {
                    mode = text(r, "mode");
                    upstream = text(r, "upstream");
                    parent = text(r, "parent");
                }
                case "call" -> {
                    calls++;
                    String decision = text(r, "decision").orElse("");
                    if (!decision.equals("allowed") && !decision.equals("allow")) {
                        denied++;
                    }
                    String reason = text(r, "reason").orElse("");
                    if (reason.contains("over the session's calls limit")) {
                        endedBy = endedBy.or(() -> Optional.of("--max-calls"));
                    } else if (reason.contains("over the session's bytes limit")) {
                        endedBy = endedBy.or(() -> Optional.of("--max-bytes"));
                    } else if (reason.equals("session revoked")) {
                        endedBy = Optional.of("revoked");
                    }
                }
                case "session.reused" -> reused++;
                case "session.revoked" -> endedBy = Optional.of("revoked");
                case "session.end" -> {
                    if (text(r, "status").filter("timed_out"::equals).isPresent()) {
                        endedBy = endedBy.or(() -> Optional.of("--max-duration"));
                    } else if (text(r, "status").filter("revoked"::equals).isPresent()) {
                        endedBy = Optional.of("revoked");
                    }
                }
                default -> { }
            }
        }
        return new SessionActivity(mode, upstream, calls, denied, reused, parent, endedBy);
    }

    private static Optional<String> text(AuditRecord r, String field) {
        return Optional.ofNullable(r.fields().get(field)).map(String::valueOf);
    }
}
