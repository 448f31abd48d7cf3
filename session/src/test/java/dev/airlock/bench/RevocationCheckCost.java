package dev.airlock.bench;

import dev.airlock.audit.AuditLog;
import dev.airlock.audit.AuditLog.Event;
import dev.airlock.session.Revocations;
import dev.airlock.session.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the enforcing endpoint's revocation check costs per call ({@link Revocations#watch}), on a log
 * that already holds {@code LINES} lines: when nothing was appended since the last check, and when one
 * call event was (the usual case: the previous call's). Not a test; run with
 * {@code java -cp <session test classpath> dev.airlock.bench.RevocationCheckCost [LINES]}.
 */
public final class RevocationCheckCost {

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path data = Files.createTempDirectory("airlock-revocation-cost");
        AuditLog audit = AuditLog.open(data.resolve("audit"));
        List<Event> burst = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            burst.add(call(i));
            if (burst.size() == 1000) {
                audit.appendAll(burst);
                burst.clear();
            }
        }
        audit.appendAll(burst);
        BooleanSupplier watch = new Revocations(new SessionStore(data), audit).watch("20261123T050000-aaaabbbb");
        int n = 20_000;
        for (int round = 0; round < 3; round++) {
            long idle = 0;
            long grown = 0;
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                watch.getAsBoolean();
                idle += System.nanoTime() - t0;
            }
            for (int i = 0; i < n / 10; i++) {
                audit.append("call", Optional.of("20261123T050000-aaaabbbb"), Map.of("operation", "GetObject",
                        "resources", List.of("arn:aws:s3:::acme-reports/reports/q" + i + ".csv"), "status", 200));
                long t0 = System.nanoTime();
                watch.getAsBoolean();
                grown += System.nanoTime() - t0;
            }
            System.out.printf("log of %,d lines (%,d bytes): %.1f us per check with nothing new, %.1f us after one "
                    + "call event%n", lines, Files.size(audit.file()), idle / 1000.0 / n, grown / 1000.0 / (n / 10));
        }
    }

    private static Event call(int i) {
        return new Event("call", Optional.of("20261123T000000-" + String.format("%08x", i % 100)), Map.of(
                "operation", "GetObject", "resources", List.of("arn:aws:s3:::acme-reports/reports/q" + i + ".csv"),
                "status", 200));
    }
}
