package dev.airlock.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path tmp;

    @Test
    void appendedEventsVerifyIntact() {
        AuditLog log = LogFiles.logWith(tmp.resolve("audit"), 5);
        assertThat(log.verify()).isEqualTo(new VerifyReport.Intact(5, false));
        assertThat(log.verify().summary()).isEqualTo("intact: 5 lines");
        assertThat(log.file()).isEqualTo(tmp.resolve("audit").resolve("audit.jsonl"));
    }

    @Test
    void aNewLogIsEmptyAndIntact() {
        AuditLog log = AuditLog.open(tmp.resolve("a/b/audit"));
        assertThat(log.verify()).isEqualTo(new VerifyReport.Intact(0, false));
        assertThat(log.recent(10)).isEmpty();
        assertThat(log.forSession("x")).isEmpty();
    }

    @Test
    void lineHasTheDocumentedShapeAndAnIndependentlyCheckableMacAndChain() throws Exception {
        AuditLog log = AuditLog.open(tmp);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("role", "arn:aws:iam::111122223333:role/agent");
        fields.put("durationSeconds", 900);
        AuditRecord first = log.append("session.start", Optional.of("s-1"), fields);
        AuditRecord second = log.append("refusal", Optional.empty(), Map.of("action", "iam:CreateUser"));

        assertThat(first.line()).matches("\\{\"seq\":1,\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\","
                + "\"type\":\"session.start\",\"session\":\"s-1\",\"role\":\"arn:aws:iam::111122223333:role/agent\","
                + "\"durationSeconds\":900,\"prev\":\"0{64}\",\"mac\":\"[0-9a-f]{64}\"}");
        assertThat(second.line()).matches("\\{\"seq\":2,\"time\":\"[^\"]+\",\"type\":\"refusal\","
                + "\"action\":\"iam:CreateUser\",\"prev\":\"[0-9a-f]{64}\",\"mac\":\"[0-9a-f]{64}\"}");
        assertThat(LogFiles.lines(log.file())).containsExactly(first.line(), second.line());

        byte[] key = Files.readAllBytes(tmp.resolve("audit.key"));
        assertThat(key).hasSize(32);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (String line : List.of(first.line(), second.line())) {
            String body = line.substring(0, line.indexOf(",\"mac\""));
            String expected = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
            assertThat(line).endsWith(",\"mac\":\"" + expected + "\"}");
        }
        String hashOfFirst = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(first.line().getBytes(StandardCharsets.UTF_8)));
        assertThat(second.line()).contains(",\"prev\":\"" + hashOfFirst + "\",");
    }

    @Test
    void recordsComeBackWithTheirFieldsInOrder() {
        AuditLog log = AuditLog.open(tmp);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("expires", Instant.parse("2030-01-02T03:04:05Z"));
        fields.put("count", 3);
        fields.put("ratio", 0.5);
        fields.put("ok", true);
        fields.put("actions", List.of("s3:GetObject", "s3:PutObject"));
        fields.put("tags", Map.of("team", "data"));
        fields.put("absent", Optional.empty());
        fields.put("present", Optional.of("yes"));
        fields.put("unicode", "zoë \u2028 \"quoted\"\nnext");
        AuditRecord written = log.append("session.start", Optional.of("s-1"), fields);

        AuditRecord read = log.recent(1).get(0);
        assertThat(read).isEqualTo(written);
        assertThat(read.seq()).isEqualTo(1);
        assertThat(read.type()).isEqualTo("session.start");
        assertThat(read.session()).contains("s-1");
        assertThat(read.fields()).containsExactly(
                Map.entry("expires", "2030-01-02T03:04:05Z"), Map.entry("count", 3L), Map.entry("ratio", 0.5),
                Map.entry("ok", true), Map.entry("actions", List.of("s3:GetObject", "s3:PutObject")),
                Map.entry("tags", Map.of("team", "data")), Map.entry("present", "yes"),
                Map.entry("unicode", "zoë \u2028 \"quoted\"\nnext"));
        assertThat(read.line()).doesNotContain("\n");
        assertThat(log.verify()).isEqualTo(new VerifyReport.Intact(1, false));
    }

    @Test
    void recentAndForSession() {
        AuditLog log = AuditLog.open(tmp);
        log.append("session.start", Optional.of("a"), Map.of());
        log.append("session.start", Optional.of("b"), Map.of());
        log.append("refusal", Optional.of("a"), Map.of("action", "iam:PassRole"));
        log.append("error", Optional.empty(), Map.of("message", "STS unreachable"));
        log.append("session.end", Optional.of("a"), Map.of("exitCode", 0));

        assertThat(log.recent(2)).extracting(AuditRecord::seq).containsExactly(4L, 5L);
        assertThat(log.recent(100)).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(log.recent(0)).isEmpty();
        assertThat(log.forSession("a")).extracting(AuditRecord::type)
                .containsExactly("session.start", "refusal", "session.end");
        assertThat(log.forSession("nope")).isEmpty();
        assertThatThrownBy(() -> log.recent(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badTypesFieldsAndValuesAreRefusedAndNothingIsWritten() {
        AuditLog log = AuditLog.open(tmp);
        assertThatThrownBy(() -> log.append("audit.repaired", Optional.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append("has space", Optional.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append("x", Optional.empty(), Map.of("seq", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> log.append("x", Optional.empty(), Map.of("when", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only String, Number");
        assertThatThrownBy(() -> log.append("x", Optional.empty(), Map.of("n", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("n", null);
        assertThatThrownBy(() -> log.append("x", Optional.empty(), withNull))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Optional.empty()");
        assertThatThrownBy(() -> log.append("x", Optional.of("s\u001b[2J"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(log.recent(10)).isEmpty();
    }

    @Test
    void keyLogAndCheckpointAreOwnerOnlyFromCreation() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path dir = tmp.resolve("new/audit");
        AuditLog log = AuditLog.open(dir);
        log.append("session.start", Optional.of("s"), Map.of());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        for (String name : List.of("audit.key", "audit.jsonl", "audit.checkpoint", "audit.lock")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
        assertThat(Files.size(dir.resolve("audit.key"))).isEqualTo(32);
    }

    @Test
    void reopeningKeepsTheKeyAndTheChain() throws IOException {
        LogFiles.logWith(tmp, 2);
        byte[] key = Files.readAllBytes(tmp.resolve("audit.key"));
        AuditLog again = AuditLog.open(tmp);
        again.append("session.end", Optional.of("s-1"), Map.of());
        assertThat(Files.readAllBytes(tmp.resolve("audit.key"))).isEqualTo(key);
        assertThat(again.verify()).isEqualTo(new VerifyReport.Intact(3, false));
    }

    @Test
    void aDirectoryThatIsAFileIsAnAuditException() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> AuditLog.open(file)).isInstanceOf(AuditException.class)
                .hasMessageContaining("not a directory")
                .satisfies(e -> assertThat(((AuditException) e).path()).isEqualTo(file));
    }

    @Test
    void aDamagedKeyIsAnAuditExceptionSayingWhatToDo() throws IOException {
        LogFiles.logWith(tmp, 1);
        Files.write(tmp.resolve("audit.key"), new byte[5]);
        assertThatThrownBy(() -> AuditLog.open(tmp)).isInstanceOf(AuditException.class)
                .hasMessageContaining("holds 5 bytes, not 32")
                .satisfies(e -> assertThat(((AuditException) e).hint()).contains("backup"));
    }
}
