package dev.airlock.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A separate writer process for the concurrency and crash tests:
 * {@code AppendMain AUDIT_DIR COUNT LABEL SYNC_DIR}. Opens the log, creates SYNC_DIR/ready-LABEL, waits
 * for SYNC_DIR/go, then appends COUNT events (forever if COUNT is negative).
 */
public final class AppendMain {

    private AppendMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        String label = args[2];
        Path sync = Path.of(args[3]);
        AuditLog log = AuditLog.open(dir);
        Files.createFile(sync.resolve("ready-" + label));
        while (!Files.exists(sync.resolve("go"))) {
            Thread.sleep(5);
        }
        for (long i = 1; count < 0 || i <= count; i++) {
            log.append("proxy.call", Optional.of(label), Map.of("writer", label, "n", i,
                    "action", "s3:GetObject", "resource", "arn:aws:s3:::bucket/key-" + i));
        }
    }
}
