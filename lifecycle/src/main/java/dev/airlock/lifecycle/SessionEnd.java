package dev.airlock.lifecycle;

import dev.airlock.audit.AuditLog;
import dev.airlock.run.ChildOutcome;
import dev.airlock.session.SessionRecord;
import dev.airlock.session.SessionStatus;
import dev.airlock.session.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** Closes a session: its record gets its end and status, the audit its {@code session.end} line. */
public final class SessionEnd {
    private SessionEnd() {}

    /**
     * @param child whether a command ran (run) or not (serve): only then is an exit code recorded
     */
    public static void record(SessionRecord started, ChildOutcome outcome, boolean child, AuditLog audit, SessionStore store,
            Consumer<String> notices) {
        Instant end = Instant.now();
        SessionRecord current = store.find(started.id()).orElse(started);
        SessionStatus status = current.status() == SessionStatus.REVOKED ? SessionStatus.REVOKED : status(outcome);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("status", status.name().toLowerCase(Locale.ROOT));
        boolean exitKnown = child && !(outcome instanceof ChildOutcome.Abandoned);
        if (exitKnown) {
            f.put("exitCode", outcome.exitCode());
        }
        f.put("durationMillis", Duration.between(started.start(), end).toMillis());
        if (outcome instanceof ChildOutcome.NotFound n) {
            notices.accept(n.command() + ": command not found");
            f.put("error", "command not found");
        } else if (outcome instanceof ChildOutcome.NotExecutable x) {
            notices.accept(x.command() + ": cannot execute (" + x.reason() + ")");
            f.put("error", "command not executable");
        } else if (outcome instanceof ChildOutcome.Abandoned a) {
            f.put("error", a.reason());
        }
        audit.append("session.end", Optional.of(started.id()), f);
        store.save(current.ended(end, exitKnown ? OptionalInt.of(outcome.exitCode()) : OptionalInt.empty(), status));
    }

    private static SessionStatus status(ChildOutcome outcome) {
        if (outcome instanceof ChildOutcome.Abandoned) {
            return SessionStatus.ABANDONED;
        }
        if (outcome instanceof ChildOutcome.TimedOut) {
            return SessionStatus.TIMED_OUT;
        }
        if (outcome instanceof ChildOutcome.NotFound || outcome instanceof ChildOutcome.NotExecutable) {
            return SessionStatus.NOT_STARTED;
        }
        return outcome.exitCode() == 0 ? SessionStatus.SUCCEEDED : SessionStatus.FAILED;
    }
}
