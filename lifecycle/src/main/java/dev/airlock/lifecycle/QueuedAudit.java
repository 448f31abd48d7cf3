package dev.airlock.lifecycle;

import dev.airlock.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes audit events on a thread of its own: an append syncs to disk, which must not sit in the
 * path of the next request. Events that arrive while a write is under way go out together in the
 * next one (one sync per batch), so the writer keeps up with any rate. {@link #close()} writes
 * everything still queued.
 */
public final class QueuedAudit implements Consumer<AuditLog.Event>, AutoCloseable {

    private static final int MAX_BATCH = 1024;
    private static final AuditLog.Event STOP = new AuditLog.Event("", Optional.empty(), Map.of());

    private final AuditLog audit;
    private final Consumer<String> notices;
    private final BlockingQueue<AuditLog.Event> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    public QueuedAudit(AuditLog audit, Consumer<String> notices, String name) {
        this.audit = audit;
        this.notices = notices;
        this.writer = new Thread(this::drain, name);
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void accept(AuditLog.Event e) {
        queue.add(e);
    }

    private void drain() {
        List<AuditLog.Event> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.removeIf(e -> e == STOP);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<AuditLog.Event> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            // A secret in a field is redacted by the log's guard, which keeps the rest of the event.
            audit.appendAll(batch);
        } catch (RuntimeException ex) {
            notices.accept("cannot write " + batch.size() + " event(s) to the audit log: " + ex.getMessage());
        }
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
            notices.accept(queue.size() + " events were not written to the audit log in 60 s");
        }
    }
}
