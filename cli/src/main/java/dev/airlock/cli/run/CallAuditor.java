package dev.airlock.cli.run;

import dev.airlock.audit.AuditLog;
import dev.airlock.enforce.CallEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes each call of an enforced session to the audit log on a thread of its own: an append
 * syncs to disk, which must not sit in the path of the agent's next call. {@link #close()} waits
 * until every event is written.
 */
final class CallAuditor implements Consumer<CallEvent>, AutoCloseable {

    private final AuditLog audit;
    private final Consumer<String> notices;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "airlock-call-audit");
        t.setDaemon(true);
        return t;
    });

    CallAuditor(AuditLog audit, Consumer<String> notices) {
        this.audit = audit;
        this.notices = notices;
    }

    @Override
    public void accept(CallEvent e) {
        writer.execute(() -> write(e));
    }

    private void write(CallEvent e) {
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
        try {
            audit.append("call", Optional.of(e.sessionId()), f);
        } catch (RuntimeException ex) {
            notices.accept("cannot write a call to the audit log: " + ex.getMessage());
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                notices.accept("some call events were not written to the audit log in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
