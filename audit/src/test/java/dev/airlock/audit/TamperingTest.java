package dev.airlock.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each test changes the files as an attacker would and checks verify names the first bad line and why. */
class TamperingTest {

    @TempDir
    Path dir;

    private AuditLog log;
    private List<String> lines;

    private void sevenLines() {
        log = LogFiles.logWith(dir, 7);
        lines = new ArrayList<>(LogFiles.lines(log.file()));
    }

    @Test
    void editedFieldValue() {
        sevenLines();
        lines.set(3, lines.get(3).replace("role/r4", "role/admin"));
        LogFiles.write(log.file(), lines);
        assertThat(log.verify()).isEqualTo(new VerifyReport.Broken(4, "line 4 was edited (MAC mismatch)", 3));
    }

    @Test
    void editedSoItIsNoLongerARecord() {
        sevenLines();
        lines.set(5, lines.get(5).substring(0, 40) + "}");
        LogFiles.write(log.file(), lines);
        assertThat(log.verify()).isEqualTo(
                new VerifyReport.Broken(6, "line 6 was edited (not a well-formed audit record)", 5));
    }

    @Test
    void deletedLine() {
        sevenLines();
        lines.remove(4);
        LogFiles.write(log.file(), lines);
        assertThat(log.verify()).isEqualTo(new VerifyReport.Broken(5,
                "line 5 does not follow line 4 (prev hash mismatch: a line was deleted, inserted or reordered)", 4));
    }

    @Test
    void deletedFirstLine() {
        sevenLines();
        lines.remove(0);
        LogFiles.write(log.file(), lines);
        VerifyReport r = log.verify();
        assertThat(r).isInstanceOfSatisfying(VerifyReport.Broken.class, b -> {
            assertThat(b.firstBadLine()).isEqualTo(1);
            assertThat(b.intactUpTo()).isZero();
            assertThat(b.reason()).startsWith("line 1 does not start the log");
        });
    }

    @Test
    void reorderedLines() {
        sevenLines();
        String third = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, third);
        LogFiles.write(log.file(), lines);
        assertThat(log.verify()).isEqualTo(new VerifyReport.Broken(3,
                "line 3 does not follow line 2 (prev hash mismatch: a line was deleted, inserted or reordered)", 2));
    }

    @Test
    void insertedForgedLineWithRecomputedPrevButNoValidMac() {
        sevenLines();
        String prevHash = AuditKey.sha256Hex(bytes(lines.get(1)), 0, bytes(lines.get(1)).length);
        String forged = "{\"seq\":3,\"time\":\"2030-01-01T00:00:00.000Z\",\"type\":\"session.end\",\"session\":\"s-2\","
                + "\"prev\":\"" + prevHash + "\",\"mac\":\"" + "ab".repeat(32) + "\"}";
        lines.add(2, forged);
        LogFiles.write(log.file(), lines);
        assertThat(log.verify()).isEqualTo(new VerifyReport.Broken(3, "line 3 was edited (MAC mismatch)", 2));
    }

    @Test
    void truncatedLastLinesAreCaughtByTheCheckpoint() {
        sevenLines();
        LogFiles.write(log.file(), lines.subList(0, 5));
        assertThat(log.verify()).isEqualTo(new VerifyReport.Broken(6,
                "log ends at seq 5 but the last checkpoint recorded seq 7: truncated", 5));
    }

    @Test
    void truncatedToNothingIsCaught() throws IOException {
        sevenLines();
        Files.write(log.file(), new byte[0]);
        assertThat(log.verify()).isEqualTo(new VerifyReport.Broken(1,
                "log ends at seq 0 but the last checkpoint recorded seq 7: truncated", 0));
    }

    @Test
    void appendRefusesToExtendATruncatedLog() {
        sevenLines();
        LogFiles.write(log.file(), lines.subList(0, 5));
        assertThatThrownBy(() -> log.append("session.start", Optional.of("x"), Map.of()))
                .isInstanceOf(AuditException.class).hasMessageContaining("truncated")
                .satisfies(e -> assertThat(((AuditException) e).hint()).contains("move audit.jsonl"));
        assertThat(LogFiles.lines(log.file())).hasSize(5);
    }

    @Test
    void deletedCheckpoint() throws IOException {
        sevenLines();
        Files.delete(dir.resolve("audit.checkpoint"));
        VerifyReport r = log.verify();
        assertThat(r).isInstanceOf(VerifyReport.Broken.class);
        assertThat(((VerifyReport.Broken) r).firstBadLine()).isEqualTo(8);
        assertThat(((VerifyReport.Broken) r).intactUpTo()).isEqualTo(7);
        assertThat(((VerifyReport.Broken) r).reason()).contains("checkpoint").contains("missing");
    }

    @Test
    void editedCheckpoint() throws IOException {
        sevenLines();
        Path cp = dir.resolve("audit.checkpoint");
        Files.writeString(cp, Files.readString(cp).replace("\"seq\":7", "\"seq\":5"));
        VerifyReport r = log.verify();
        assertThat(r).isInstanceOfSatisfying(VerifyReport.Broken.class,
                b -> assertThat(b.reason()).contains("checkpoint").contains("MAC mismatch"));
    }

    @Test
    void wrongKey() throws IOException {
        sevenLines();
        Files.write(dir.resolve("audit.key"), new byte[32]);
        VerifyReport r = AuditLog.open(dir).verify();
        assertThat(r).isInstanceOfSatisfying(VerifyReport.Broken.class, b -> {
            assertThat(b.firstBadLine()).isEqualTo(1);
            assertThat(b.intactUpTo()).isZero();
            assertThat(b.reason()).contains("no line verifies under the key file").contains("not the key");
        });
        assertThatThrownBy(() -> AuditLog.open(dir).append("x", Optional.empty(), Map.of()))
                .isInstanceOf(AuditException.class);
    }

    @Test
    void missingKeyIsReportedAndNotSilentlyReplaced() throws IOException {
        sevenLines();
        Files.delete(dir.resolve("audit.key"));
        AuditLog reopened = AuditLog.open(dir);
        assertThat(Files.exists(dir.resolve("audit.key"))).isFalse();
        VerifyReport r = reopened.verify();
        assertThat(r).isInstanceOfSatisfying(VerifyReport.Broken.class, b -> {
            assertThat(b.firstBadLine()).isEqualTo(1);
            assertThat(b.reason()).contains("audit.key").contains("missing");
        });
        assertThat(reopened.recent(3)).hasSize(3); // reading needs no key
        assertThatThrownBy(() -> reopened.append("x", Optional.empty(), Map.of()))
                .isInstanceOf(AuditException.class).hasMessageContaining("missing");
    }

    @Test
    void aCorrectlyMacdLineWithTheWrongSequenceNumberIsASequenceJump() throws IOException {
        // Only someone holding the key (or a buggy writer) can produce this; verify still names it.
        sevenLines();
        List<String> first = lines.subList(0, 2);
        byte[] second = bytes(first.get(1));
        AuditKey key = AuditKey.read(dir.resolve("audit.key"));
        byte[] jump = LineFormat.line(9, Instant.now(), "error", Optional.empty(), LineFormat.JSON.createObjectNode(),
                AuditKey.sha256Hex(second, 0, second.length), key.newMac());
        LogFiles.write(log.file(), List.of(first.get(0), first.get(1), new String(jump, StandardCharsets.UTF_8)));
        assertThat(log.verify()).isEqualTo(new VerifyReport.Broken(3, "sequence jumps from 2 to 9", 2));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
