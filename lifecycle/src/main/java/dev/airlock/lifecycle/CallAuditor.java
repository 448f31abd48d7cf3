package dev.airlock.lifecycle;

import dev.airlock.audit.AuditLog;
import dev.airlock.enforce.CallEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes each call of an enforced session to the audit log on a thread of its own: an append syncs
 * to disk, which must not sit in the path of the agent's next call. Calls that arrive while a write
 * is under way go out together in the next one (one sync per batch), so the writer keeps up with
 * any call rate. {@link #close()} writes everything still queued.
 */
public final class CallAuditor implements Consumer<CallEvent>, AutoCloseable {

    private static final int MAX_BATCH = 1024;
    private static final CallEvent STOP = new CallEvent("", "", List.of(), List.of(), "", "", 0, 0, 0, 0,
            Optional.empty());

    private final AuditLog audit;
    private final Consumer<String> notices;
    private final BlockingQueue<CallEvent> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    public CallAuditor(AuditLog audit, Consumer<String> notices) {
        this.audit = audit;
        this.notices = notices;
        this.writer = new Thread(this::drain, "airlock-call-audit");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void accept(CallEvent e) {
        queue.add(e);
    }

    private void drain() {
        List<CallEvent> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(STOP);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<CallEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<AuditLog.Event> events = new ArrayList<>(batch.size());
        for (CallEvent e : batch) {
            events.add(new AuditLog.Event("call", Optional.of(e.sessionId()), fields(e)));
        }
        try {
            // A secret in a resource or reason is redacted by the log's guard, which keeps the rest of the call.
            audit.appendAll(events);
        } catch (RuntimeException ex) {
            notices.accept("cannot write " + batch.size() + " call(s) to the audit log: " + ex.getMessage());
        }
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
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            notices.accept(queue.size() + " call events were not written to the audit log in 60 s");
        }
    }
}
