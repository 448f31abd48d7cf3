package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.audit.AuditLog;
import dev.airlock.audit.AuditRecord;
import dev.airlock.enforce.CallEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallAuditorTest {

    @Test
    void aCallWhoseKeyLooksLikeASecretIsRedactedAndTakesNoOtherCallWithIt(@TempDir Path dir) {
        AuditLog log = AuditLog.open(dir);
        List<String> notices = new ArrayList<>();
        try (CallAuditor auditor = new CallAuditor(log, notices::add)) {
            for (int i = 0; i < 50; i++) {
                auditor.accept(call("arn:aws:s3:::b/k" + i));
            }
            auditor.accept(call("arn:aws:s3:::b/x-Abcdefghij0123456789ABCDEFGHIJabcdefghij"));
            auditor.accept(call("arn:aws:s3:::b/after"));
        }
        List<AuditRecord> records = log.recent(100);
        assertThat(records).hasSize(52);
        assertThat(records).filteredOn(r -> r.fields().containsKey("redacted")).hasSize(1);
        assertThat(records.get(51).line()).contains("arn:aws:s3:::b/after");
        assertThat(String.join("\n", records.stream().map(AuditRecord::line).toList()))
                .doesNotContain("Abcdefghij0123456789ABCDEFGHIJabcdefghij");
        assertThat(log.verify().intact()).isTrue();
        assertThat(notices).isEmpty();
    }

    private static CallEvent call(String resource) {
        return new CallEvent("20261123T000000-aaaabbbb", "DeleteObject", List.of("s3:DeleteObject"), List.of(resource),
                "allowed", "", 204, 0, 0, 1000);
    }
}
