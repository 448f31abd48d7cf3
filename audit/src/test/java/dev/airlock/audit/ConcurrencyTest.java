package dev.airlock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void threadsAndProcessesAppendingAtOnceNeverInterleave() throws Exception {
        Path dir = tmp.resolve("audit");
        Path sync = Files.createDirectory(tmp.resolve("sync"));
        AuditLog.open(dir); // create the key before the writers race (creation itself is locked too)
        int perProcess = 150;
        int threads = 4;
        int perThread = 60;
        List<Process> processes = new ArrayList<>();
        for (String label : List.of("p1", "p2")) {
            processes.add(ChildJvm.start(dir, perProcess, label, sync));
        }
        for (int i = 0; i < processes.size(); i++) {
            ChildJvm.awaitReady(sync, "p" + (i + 1), processes.get(i));
        }

        // Two AuditLog instances in this JVM, so the in-process lock is shared across instances too.
        List<AuditLog> logs = List.of(AuditLog.open(dir), AuditLog.open(dir));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            AuditLog log = logs.get(t % 2);
            String label = "t" + t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 1; i <= perThread; i++) {
                    log.append("proxy.call", Optional.of(label), Map.of("writer", label, "n", i));
                }
                return null;
            }));
        }
        Files.createFile(sync.resolve("go"));
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(ChildJvm.output(sync, "p" + (i + 1))).isZero();
        }

        int total = 2 * perProcess + threads * perThread;
        AuditLog log = AuditLog.open(dir);
        assertThat(log.verify()).isEqualTo(new VerifyReport.Intact(total, false));
        List<AuditRecord> all = log.recent(total + 10);
        assertThat(all).extracting(AuditRecord::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().collect(Collectors.toList()));
        Map<Object, Long> perWriter = all.stream()
                .collect(Collectors.groupingBy(r -> r.fields().get("writer"), Collectors.counting()));
        assertThat(perWriter).containsEntry("p1", (long) perProcess).containsEntry("p2", (long) perProcess)
                .containsEntry("t0", (long) perThread).containsEntry("t3", (long) perThread);
        // The two processes really ran at the same time: their events are interleaved, not one block each.
        List<Object> processWriters = all.stream().map(r -> r.fields().get("writer"))
                .filter(w -> w.equals("p1") || w.equals("p2")).collect(Collectors.toList());
        long switches = java.util.stream.IntStream.range(1, processWriters.size())
                .filter(i -> !processWriters.get(i).equals(processWriters.get(i - 1))).count();
        assertThat(switches).isGreaterThan(2);
        // Each writer's own events stay in its order.
        Map<Object, List<Object>> order = all.stream().collect(Collectors.groupingBy(r -> r.fields().get("writer"),
                Collectors.mapping(r -> r.fields().get("n"), Collectors.toList())));
        assertThat(order.get("p1")).containsExactlyElementsOf(
                LongStream.rangeClosed(1, perProcess).boxed().map(Function.<Object>identity()).collect(Collectors.toList()));
    }
}
