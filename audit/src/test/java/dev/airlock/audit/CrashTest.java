package dev.airlock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CrashTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void killNineMidLoopLeavesALogThatVerifiesUpToTheLastCompleteLine() throws Exception {
        Path dir = tmp.resolve("audit");
        AuditLog log = LogFiles.logWith(dir, 1);
        int expected = 1;
        for (int round = 1; round <= 3; round++) {
            Path sync = Files.createDirectory(tmp.resolve("sync" + round));
            Process child = ChildJvm.start(dir, -1, "k" + round, sync);
            ChildJvm.awaitReady(sync, "k" + round, child);
            Files.createFile(sync.resolve("go"));
            long target = Files.size(log.file()) + 20_000 + round * 7_919L; // vary where the kill lands
            while (Files.size(log.file()) < target) {
                assertThat(child.isAlive()).as(ChildJvm.output(sync, "k" + round)).isTrue();
                Thread.sleep(1);
            }
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            byte[] content = Files.readAllBytes(log.file());
            int complete = count(content, (byte) '\n');
            boolean unterminated = content.length > 0 && content[content.length - 1] != '\n';
            VerifyReport report = log.verify();
            assertThat(report).as("round %d", round).isEqualTo(new VerifyReport.Intact(complete, unterminated));
            assertThat(complete).isGreaterThan(expected);

            // The log stays usable after the kill.
            AuditRecord next = log.append("session.end", Optional.of("after-kill"), Map.of("round", round));
            expected = complete + (unterminated ? 2 : 1);
            assertThat(next.seq()).isEqualTo(expected);
            assertThat(log.verify()).isEqualTo(new VerifyReport.Intact(expected, false));
        }
    }

    @Test
    void aPartialLastLineIsAnInterruptedWriteAndTheNextAppendRepairsIt() throws IOException {
        Path dir = tmp.resolve("audit");
        AuditLog log = LogFiles.logWith(dir, 3);
        String partial = "{\"seq\":4,\"time\":\"2030-01-01T00:00:00.000Z\",\"type\":\"session.st";
        Files.writeString(log.file(), partial, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        VerifyReport report = log.verify();
        assertThat(report).isEqualTo(new VerifyReport.Intact(3, true));
        assertThat(report.summary()).startsWith("intact up to line 3").contains("interrupted write");
        assertThat(log.recent(10)).hasSize(3);

        AuditRecord next = log.append("session.start", Optional.of("s-4"), Map.of());
        List<AuditRecord> all = log.recent(10);
        assertThat(all).extracting(AuditRecord::type)
                .containsExactly("session.start", "session.start", "session.start", "audit.repaired", "session.start");
        AuditRecord repaired = all.get(3);
        assertThat(repaired.seq()).isEqualTo(4);
        assertThat(repaired.session()).isEmpty();
        assertThat(repaired.fields()).containsEntry("droppedBytes", (long) partial.length())
                .containsKey("droppedSha256");
        assertThat(next.seq()).isEqualTo(5);
        assertThat(log.verify()).isEqualTo(new VerifyReport.Intact(5, false));
    }

    @Test
    void aCrashBetweenTheLineAndTheCheckpointIsNotTruncationOrTampering() throws IOException {
        Path dir = tmp.resolve("audit");
        AuditLog log = LogFiles.logWith(dir, 3);
        byte[] checkpointAfter3 = Files.readAllBytes(dir.resolve("audit.checkpoint"));
        log.append("session.end", Optional.of("s-3"), Map.of());
        Files.write(dir.resolve("audit.checkpoint"), checkpointAfter3); // as if killed before the rename
        assertThat(log.verify()).isEqualTo(new VerifyReport.Intact(4, false));
        log.append("session.end", Optional.of("s-2"), Map.of());
        assertThat(log.verify()).isEqualTo(new VerifyReport.Intact(5, false));
    }

    private static int count(byte[] bytes, byte b) {
        int n = 0;
        for (byte x : bytes) {
            if (x == b) {
                n++;
            }
        }
        return n;
    }
}
