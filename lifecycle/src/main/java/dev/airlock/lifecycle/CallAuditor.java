package dev.airlock.lifecycle;

import dev.airlock.audit.AuditLog;
import dev.airlock.enforce.CallEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes each call of an enforced session to the audit log through a {@link QueuedAudit}, off the
 * path of the agent's next call. {@link #close()} writes everything still queued.
 */
public final class CallAuditor implements Consumer<CallEvent>, AutoCloseable {

    private final QueuedAudit queue;

    public CallAuditor(AuditLog audit, Consumer<String> notices) {
        this.queue = new QueuedAudit(audit, notices, "airlock-call-audit");
    }

    @Override
    public void accept(CallEvent e) {
        queue.accept(new AuditLog.Event("call", Optional.of(e.sessionId()), fields(e)));
    }

    private static Map<String, Object> fields(CallEvent e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("operation", e.operation());
        f.put("actions", e.actions());
        f.put("resources", e.resources());
        f.put("decision", e.decision());
        if (!e.reason().isEmpty()) {
            f.put("reason", e.reason());
        }
        f.put("status", e.status());
        f.put("bytesIn", e.bytesIn());
        f.put("bytesOut", e.bytesOut());
        f.put("micros", e.micros());
        e.problem().ifPresent(p -> f.put("problem", p));
        return f;
    }

    @Override
    public void close() {
        queue.close();
    }
}
