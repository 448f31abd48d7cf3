package dev.airlock.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.audit.AuditLog;
import dev.airlock.audit.AuditRecord;
import dev.airlock.enforce.CallEvent;
import dev.airlock.testing.SecretShapes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallAuditorTest {

    @Test
    void aCallWhoseOneKeyLooksLikeASecretKeepsItsOtherResourcesAndTakesNoOtherCallWithIt(@TempDir Path dir) {
        AuditLog log = AuditLog.open(dir);
        String secret = SecretShapes.secretAccessKey();
        List<String> notices = new ArrayList<>();
        try (CallAuditor auditor = new CallAuditor(log, notices::add)) {
            for (int i = 0; i < 50; i++) {
                auditor.accept(call(List.of("arn:aws:s3:::b/k" + i)));
            }
            auditor.accept(call(List.of("arn:aws:s3:::b/before", "arn:aws:s3:::b/x/" + secret, "arn:aws:s3:::b/after")));
            auditor.accept(call(List.of("arn:aws:s3:::b/next")));
        }
        List<AuditRecord> records = log.recent(100);
        assertThat(records).hasSize(52);
        AuditRecord redacted = records.get(50);
        assertThat(redacted.fields().get("resources")).isEqualTo(List.of("arn:aws:s3:::b/before",
                "arn:aws:s3:::b/x/[redacted: aws-secret-access-key shape]", "arn:aws:s3:::b/after"));
        assertThat(redacted.fields()).containsEntry("operation", "DeleteObject").containsEntry("decision", "allowed")
                .containsEntry("status", 204L).containsEntry("redacted",
                        List.of(Map.of("field", "resources[1]", "reason", "aws-secret-access-key shape")));
        assertThat(records).filteredOn(r -> r.fields().containsKey("redacted")).containsExactly(redacted);
        assertThat(records.get(51).fields().get("resources")).isEqualTo(List.of("arn:aws:s3:::b/next"));
        assertThat(String.join("\n", records.stream().map(AuditRecord::line).toList())).doesNotContain(secret);
        assertThat(log.verify().intact()).isTrue();
        assertThat(notices).isEmpty();
    }

    @Test
    void theEndpointsMintedCredentialsAreRedactedFromAReasonWhateverTheirShape(@TempDir Path dir) {
        AuditLog log = AuditLog.open(dir);
        String token = "AirlockLocal/" + SecretShapes.unshaped();
        log.guard().protect(token);
        try (CallAuditor auditor = new CallAuditor(log, s -> { })) {
            auditor.accept(new CallEvent("20261123T000000-aaaabbbb", "GetObject", List.of("s3:GetObject"),
                    List.of("arn:aws:s3:::b/k"), "refused", "bad token " + token, 403, 0, 0, 1000, Optional.empty()));
        }
        AuditRecord r = log.recent(1).get(0);
        assertThat(r.fields().get("reason")).isEqualTo("bad token [redacted: known credential]");
        assertThat(r.fields().get("resources")).isEqualTo(List.of("arn:aws:s3:::b/k"));
        assertThat(r.line()).doesNotContain(token);
    }

    private static CallEvent call(List<String> resources) {
        return new CallEvent("20261123T000000-aaaabbbb", "DeleteObject", List.of("s3:DeleteObject"), resources,
                "allowed", "", 204, 0, 0, 1000, Optional.empty());
    }
}
