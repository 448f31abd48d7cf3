package dev.airlock.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;

/** Writes records as RFC 4180 CSV: seq,time,type,session,details. */
final class CsvExport {

    private CsvExport() {
    }

    static void header(Writer out) throws IOException {
        out.write("seq,time,type,session,details\r\n");
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
        out.write(',');
        out.write(field(LineFormat.JSON.writeValueAsString(details)));
        out.write("\r\n");
    }

    /** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling the quotes inside. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
