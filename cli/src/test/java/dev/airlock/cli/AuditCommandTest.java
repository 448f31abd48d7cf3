package dev.airlock.cli;

import dev.airlock.lifecycle.Invocation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.audit.AuditLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    @TempDir
    Path tmp;

    Path dir;
    AuditLog log;

    @BeforeEach
    void threeRecords() {
        dir = tmp.resolve("audit");
        log = AuditLog.open(dir);
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("role", "arn:aws:iam::111122223333:role/agent");
        start.put("actions", List.of("s3:GetObject", "s3:ListBucket"));
        log.append("session.start", Optional.of("s-1"), start);
        log.append("session.refused", Optional.empty(), Map.of("reason", "unknown action s3:GetObjekt"));
        log.append("session.end", Optional.of("s-1"), Map.of("exitCode", 0));
    }

    @Test
    void verifyIntactExitsZero() {
        CliRun r = CliRun.of("audit", "verify", "--dir", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(log.file().toString()).contains("intact: 3 lines").doesNotContain("note");
    }

    @Test
    void dirIsAcceptedBeforeTheSubcommandToo() {
        CliRun r = CliRun.of("audit", "--dir", dir.toString(), "verify");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("intact: 3 lines");
    }

    @Test
    void verifyBrokenExitsAuditInvalidWithTheFirstBadLineAndWhy() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        lines.set(1, lines.get(1).replace("GetObjekt", "GetObject"));
        Files.write(log.file(), lines);
        CliRun r = CliRun.of("audit", "verify", "--dir", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.AUDIT_INVALID.code());
        assertThat(r.out()).contains("NOT INTACT").contains("first bad line: 2")
                .contains("why: line 2 was edited (MAC mismatch)").contains("lines 1 to 1 verify");
    }

    @Test
    void verifyReportsAnInterruptedWriteAsANoteNotAsTampering() throws IOException {
        Files.writeString(log.file(), "{\"seq\":4,\"ti", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        CliRun r = CliRun.of("audit", "verify", "--dir", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("intact: 3 lines").contains("note:").contains("intact up to line 3");
    }

    @Test
    void recentPrintsOneReadableLinePerRecord() {
        CliRun r = CliRun.of("audit", "recent", "-n", "2", "--dir", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("#2  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z  session.refused  -  "
                + "reason=unknown action s3:GetObjekt");
        assertThat(lines.get(1)).startsWith("#3  ").endsWith("  session.end  s-1  exitCode=0");
    }

    @Test
    void recentDefaultsToTwentyAndRefusesZero() {
        assertThat(CliRun.of("audit", "recent", "--dir", dir.toString()).out().lines()).hasSize(3);
        CliRun r = CliRun.of("audit", "recent", "-n", "0", "--dir", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("-n 0");
    }

    @Test
    void recentEscapesControlCharactersAndKeepsLongValuesWhole() {
        log.append("error", Optional.of("s-2"), Map.of("message", "\u001b[2Jgone\nnext", "policy", "x".repeat(500)));
        CliRun r = CliRun.of("audit", "recent", "-n", "1", "--dir", dir.toString());
        assertThat(r.out()).contains("message=\\u001b[2Jgone\\nnext").doesNotContain("\u001b")
                .contains("policy=" + "x".repeat(500)).doesNotContain("...");
    }

    @Test
    void showPrintsOneSession() {
        CliRun r = CliRun.of("audit", "show", "s-1", "--dir", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2).allMatch(l -> l.contains("  s-1  "));
        assertThat(r.out()).contains("role=arn:aws:iam::111122223333:role/agent")
                .contains("actions=[s3:GetObject,s3:ListBucket]");
    }

    @Test
    void showOfAnUnknownSessionIsBadInput() {
        CliRun r = CliRun.of("audit", "show", "s-404", "--dir", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("no record of session 's-404'").contains("hint:");
    }

    @Test
    void exportJsonlIsTheRawLog() throws IOException {
        CliRun r = CliRun.of("audit", "export", "--format", "jsonl", "--dir", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(Files.readString(log.file()));
    }

    @Test
    void exportCsv() {
        CliRun r = CliRun.of("audit", "export", "--format", "CSV", "--dir", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String[] rows = r.out().split("\r\n");
        assertThat(rows).hasSize(4);
        assertThat(rows[0]).isEqualTo("seq,time,type,session,action,resources,decision,reason,status,bytes_in,"
                + "bytes_out,latency_us,mode,profile,role,details");
        assertThat(rows[1]).startsWith("1,").endsWith(",session.start,s-1,s3:GetObject s3:ListBucket,,,,,,,,,,"
                + "arn:aws:iam::111122223333:role/agent,");
        assertThat(rows[3]).endsWith(",session.end,s-1,,,,,,,,,,,,\"{\"\"exitCode\"\":0}\"");
    }

    @Test
    void anUnknownExportFormatIsBadInput() {
        CliRun r = CliRun.of("audit", "export", "--format", "xml", "--dir", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("--format xml");
    }

    @Test
    void aMissingDirectoryIsBadInputAndIsNotCreated() {
        Path missing = tmp.resolve("nope");
        CliRun r = CliRun.of("audit", "verify", "--dir", missing.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("there is no audit log in " + missing);
        assertThat(Files.exists(missing)).isFalse();
    }

    @Test
    void theDefaultDirectoryComesFromAirlockHome() {
        CliRun r = Invocation.withEnv(Map.of("AIRLOCK_HOME", tmp.toString()), () -> CliRun.of("audit", "verify"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(dir.resolve("audit.jsonl").toString()).contains("intact: 3 lines");
    }
}
