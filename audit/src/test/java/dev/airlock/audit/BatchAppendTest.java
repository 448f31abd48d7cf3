package dev.airlock.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchAppendTest {

    @TempDir
    Path dir;

    @Test
    void aBatchIsWrittenAsConsecutiveChainedLinesThatVerify() {
        AuditLog log = AuditLog.open(dir);
        log.append("session.start", Optional.of("s-1"), Map.of("mode", "enforce"));
        List<AuditLog.Event> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(new AuditLog.Event("call", Optional.of("s-1"), Map.of("n", i, "decision", "allowed")));
        }
        List<AuditRecord> written = log.appendAll(calls);
        log.append("session.end", Optional.of("s-1"), Map.of("status", "succeeded"));
        assertThat(written).extracting(AuditRecord::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(2, 301).boxed().toList());
        assertThat(log.verify()).isEqualTo(new VerifyReport.Intact(302, false));
    }

    @Test
    void oneBadEventWritesNothingOfItsBatch() throws Exception {
        AuditLog log = AuditLog.open(dir);
        log.append("session.start", Optional.of("s-1"), Map.of());
        long before = Files.size(log.file());
        assertThatThrownBy(() -> log.appendAll(List.of(
                new AuditLog.Event("call", Optional.of("s-1"), Map.of("n", 1)),
                new AuditLog.Event("call", Optional.of("s-1"), Map.of("sessionToken", "x")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.size(log.file())).isEqualTo(before);
        assertThat(log.verify().intact()).isTrue();
    }
}
