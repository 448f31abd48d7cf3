package dev.airlock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendedSinceTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyLogHasNothingAndEndsAtZero() {
        AuditLog log = AuditLog.open(dir);
        assertThat(log.appendedSince(0, "session.revoked")).isEqualTo(new AuditLog.Appended(java.util.List.of(), 0));
    }

    @Test
    void returnsOnlyTheTypeAskedForAndThenOnlyWhatWasAppendedSince() throws Exception {
        AuditLog log = AuditLog.open(dir);
        log.append("call", Optional.of("s-1"), Map.of("operation", "GetObject"));
        AuditRecord first = log.append("session.revoked", Optional.of("s-1"), Map.of("by", "test"));
        // A value that spells the type out is escaped in JSON, so it neither matches nor is parsed as one.
        log.append("call", Optional.of("s-2"), Map.of("resources", "\"type\":\"session.revoked\""));

        AuditLog.Appended all = log.appendedSince(0, "session.revoked");
        assertThat(all.records()).extracting(AuditRecord::seq).containsExactly(first.seq());
        assertThat(all.end()).isEqualTo(Files.size(log.file()));

        assertThat(log.appendedSince(all.end(), "session.revoked").records()).isEmpty();
        AuditRecord second = log.append("session.revoked", Optional.of("s-2"), Map.of("by", "test"));
        AuditLog.Appended next = log.appendedSince(all.end(), "session.revoked");
        assertThat(next.records()).extracting(AuditRecord::seq).containsExactly(second.seq());
        assertThat(next.records().get(0).session()).contains("s-2");
    }

    @Test
    void anUnterminatedLastLineIsLeftForNextTime() throws Exception {
        AuditLog log = AuditLog.open(dir);
        AuditRecord r = log.append("session.revoked", Optional.of("s-1"), Map.of("by", "test"));
        long complete = Files.size(log.file());
        Files.writeString(log.file(), "{\"seq\":2,\"type\":\"session.revoked\"", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        AuditLog.Appended a = log.appendedSince(0, "session.revoked");
        assertThat(a.records()).containsExactly(r);
        assertThat(a.end()).isEqualTo(complete);
    }

    @Test
    void aLogShorterThanTheOffsetIsReadFromTheStart() throws Exception {
        AuditLog log = AuditLog.open(dir);
        for (int i = 0; i < 5; i++) {
            log.append("call", Optional.of("s-1"), Map.of("n", i));
        }
        long end = log.appendedSince(0, "session.revoked").end();
        Files.move(log.file(), dir.resolve("old.jsonl"));
        Files.delete(dir.resolve("audit.checkpoint"));
        AuditLog fresh = AuditLog.open(dir);
        AuditRecord r = fresh.append("session.revoked", Optional.of("s-1"), Map.of("by", "test"));
        assertThat(fresh.appendedSince(end, "session.revoked").records()).containsExactly(r);
    }
}
