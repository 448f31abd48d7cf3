package dev.airlock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {

    @TempDir
    Path dir;

    @Test
    void csvQuotesPerRfc4180() {
        AuditLog log = AuditLog.open(dir);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("note", "say \"hi\", then leave");
        fields.put("n", 3);
        AuditRecord a = log.append("refusal", Optional.of("s,1"), fields);
        AuditRecord b = log.append("error", Optional.empty(), Map.of());

        StringWriter out = new StringWriter();
        log.export(out, ExportFormat.CSV);
        String empty = ",,,,,,,,,,,,"; // eleven empty columns, then details
        assertThat(out.toString()).isEqualTo("seq,time,type,session,action,resources,decision,reason,status,bytes_in,"
                + "bytes_out,latency_us,mode,profile,role,details\r\n"
                + "1," + LineFormat.TIME.format(a.time()) + ",refusal,\"s,1\"" + empty
                + "\"{\"\"note\"\":\"\"say \\\"\"hi\\\"\", then leave\"\",\"\"n\"\":3}\"\r\n"
                + "2," + LineFormat.TIME.format(b.time()) + ",error," + empty + "\r\n");
    }

    @Test
    void csvGivesACallItsOwnColumns() {
        AuditLog log = AuditLog.open(dir);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("operation", "GetObject");
        fields.put("actions", java.util.List.of("s3:GetObject"));
        fields.put("resources", java.util.List.of("arn:aws:s3:::b/k", "arn:aws:s3:::b/j"));
        fields.put("decision", "deny");
        fields.put("reason", "no statement allows it, so it is implicitly denied");
        fields.put("status", 403);
        fields.put("bytesIn", 0);
        fields.put("bytesOut", 243);
        fields.put("micros", 812);
        AuditRecord a = log.append("call", Optional.of("s1"), fields);
        StringWriter out = new StringWriter();
        log.export(out, ExportFormat.CSV);
        assertThat(out.toString().split("\r\n")[1]).isEqualTo("1," + LineFormat.TIME.format(a.time()) + ",call,s1,"
                + "s3:GetObject,arn:aws:s3:::b/k arn:aws:s3:::b/j,deny,\"no statement allows it, so it is implicitly "
                + "denied\",403,0,243,812,,,,\"{\"\"operation\"\":\"\"GetObject\"\"}\"");
    }

    @Test
    void csvFieldQuotingRules() {
        assertThat(CsvExport.field("plain")).isEqualTo("plain");
        assertThat(CsvExport.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvExport.field("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
        assertThat(CsvExport.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(CsvExport.field("")).isEqualTo("");
    }

    @Test
    void jsonlExportIsTheRawLinesAndLeavesOutAnIncompleteTail() throws Exception {
        AuditLog log = LogFiles.logWith(dir, 3);
        java.nio.file.Files.writeString(log.file(), "{\"seq\":4", java.nio.file.StandardOpenOption.APPEND);
        StringWriter out = new StringWriter();
        log.export(out, ExportFormat.JSONL);
        assertThat(out.toString()).isEqualTo(String.join("\n", LogFiles.lines(log.file())) + "\n");
        assertThat(out.toString().lines()).hasSize(3);
    }
}
