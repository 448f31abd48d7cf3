package dev.airlock.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes records as RFC 4180 CSV: seq, time, type, session, then the fields a spreadsheet filters
 * on as columns of their own (action, resources, decision, reason, status, bytes in and out,
 * latency in microseconds, mode, profile, role), and {@code details}: the remaining fields as JSON.
 * A list (actions, resources) is one cell, its items separated by spaces (ARNs hold none).
 */
final class CsvExport {

    private CsvExport() {
    }

    /** Column name, then the field it is read from. */
    private static final String[][] COLUMNS = {{"action", "actions"}, {"resources", "resources"},
        {"decision", "decision"}, {"reason", "reason"}, {"status", "status"}, {"bytes_in", "bytesIn"},
        {"bytes_out", "bytesOut"}, {"latency_us", "micros"}, {"mode", "mode"}, {"profile", "profile"},
        {"role", "role"}};

    static void header(Writer out) throws IOException {
        StringBuilder b = new StringBuilder("seq,time,type,session");
        for (String[] c : COLUMNS) {
            b.append(',').append(c[0]);
        }
        out.write(b + ",details\r\n");
    }

    /**
     * One row from the raw line. The columns come from the line's own text (time as written, details
     * re-serialized from the parsed fields in their logged order) rather than from an AuditRecord, whose
     * typed values could print differently (an Instant drops ".000", a Double may change notation).
     */
    static void row(Writer out, byte[] line, int length) throws IOException {
        JsonNode n = LineFormat.JSON.readTree(line, 0, length);
        if (n == null || !n.isObject()) {
            throw new IOException("not a JSON object");
        }
        ObjectNode details = ((ObjectNode) n).deepCopy();
        details.remove(LineFormat.ENVELOPE);
        out.write(field(n.path("seq").asText()));
        out.write(',');
        out.write(field(n.path("time").asText()));
        out.write(',');
        out.write(field(n.path("type").asText()));
        out.write(',');
        out.write(field(n.path("session").asText("")));
        for (String[] c : COLUMNS) {
            out.write(',');
            out.write(field(cell(details.remove(c[1]))));
        }
        out.write(',');
        out.write(field(details.isEmpty() ? "" : LineFormat.JSON.writeValueAsString(details)));
        out.write("\r\n");
    }

    private static String cell(JsonNode v) throws IOException {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode item : v) {
                b.append(b.length() == 0 ? "" : " ").append(item.isValueNode() ? item.asText() : item.toString());
            }
            return b.toString();
        }
        return v.isValueNode() ? v.asText() : LineFormat.JSON.writeValueAsString(v);
    }

    /** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling the quotes inside. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
