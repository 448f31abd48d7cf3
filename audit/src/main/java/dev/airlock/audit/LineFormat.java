package dev.airlock.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;

/**
 * The line format:
 * {@code {"seq":N,"time":"2025-01-02T03:04:05.678Z","type":"...","session":"...",<fields>,"prev":"<64 hex>","mac":"<64 hex>"}}.
 * prev is the SHA-256 of the previous line's bytes (without its newline; 64 zeros for line 1); mac is the
 * HMAC-SHA256 of this line's bytes up to, not including, {@code ,"mac"}. Because both fixed-width fields
 * come last, a verifier finds them by position in the raw bytes and never re-serializes JSON (which could
 * differ in escaping or number format and break every MAC).
 */
final class LineFormat {

    static final String GENESIS = "0".repeat(64);
    /** The names the log itself writes around an event's fields. */
    static final Set<String> ENVELOPE = Set.of("seq", "time", "type", "session", "prev", "mac");
    /** Names a caller may not use: the envelope, and the list of redacted fields the log adds. */
    static final Set<String> RESERVED = Set.of("seq", "time", "type", "session", "prev", "mac", FieldValues.REDACTED);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    // Duplicate keys would let a reader and a person see different values for one line.
    static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final byte[] SEQ_PREFIX = ascii("{\"seq\":");
    private static final byte[] PREV_PREFIX = ascii(",\"prev\":\"");
    private static final byte[] MAC_PREFIX = ascii(",\"mac\":\"");
    private static final int HEX_LENGTH = 64;
    /** {@code ,"prev":"<hex>"} at the end of the body. */
    private static final int PREV_TAIL = PREV_PREFIX.length + HEX_LENGTH + 1;
    /** {@code ,"mac":"<hex>"}} at the end of the line. */
    private static final int MAC_TAIL = MAC_PREFIX.length + HEX_LENGTH + 2;

    private LineFormat() {
    }

    /** The line's bytes, without the newline. */
    static byte[] line(long seq, Instant time, String type, Optional<String> session, ObjectNode fields, String prev,
            Mac mac) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", seq);
        n.put("time", TIME.format(time));
        n.put("type", type);
        session.ifPresent(s -> n.put("session", s));
        n.setAll(fields);
        n.put("prev", prev);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of plain values always serializes", e);
        }
        int bodyLength = json.length - 1; // drop the closing brace; the mac goes before it
        ByteArrayOutputStream out = new ByteArrayOutputStream(bodyLength + MAC_TAIL);
        out.write(json, 0, bodyLength);
        out.writeBytes(MAC_PREFIX);
        out.writeBytes(AuditKey.macHex(mac, json, 0, bodyLength));
        out.write('"');
        out.write('}');
        return out.toByteArray();
    }

    /** What a verifier needs from a raw line, found by position; empty if the line does not have the shape. */
    record Raw(long seq, String prev, int bodyLength) {

        static Optional<Raw> parse(byte[] b, int length) {
            if (length < SEQ_PREFIX.length + 2 + PREV_TAIL + MAC_TAIL || !startsWith(b, SEQ_PREFIX)
                    || b[length - 1] != '}' || b[length - 2] != '"'
                    || !regionEquals(b, length - MAC_TAIL, MAC_PREFIX) || !isHex(b, length - 2 - HEX_LENGTH)) {
                return Optional.empty();
            }
            int body = length - MAC_TAIL;
            if (b[body - 1] != '"' || !regionEquals(b, body - PREV_TAIL, PREV_PREFIX)
                    || !isHex(b, body - 1 - HEX_LENGTH)) {
                return Optional.empty();
            }
            long seq = 0;
            int i = SEQ_PREFIX.length;
            int digits = 0;
            while (i < body - PREV_TAIL && b[i] >= '0' && b[i] <= '9') {
                if (digits == 0 && b[i] == '0' && b[i + 1] != ',') {
                    return Optional.empty(); // a leading zero: not something the writer produces
                }
                seq = seq * 10 + (b[i] - '0');
                i++;
                if (++digits > 18) {
                    return Optional.empty();
                }
            }
            if (digits == 0 || b[i] != ',') {
                return Optional.empty();
            }
            String prev = new String(b, body - 1 - HEX_LENGTH, HEX_LENGTH, StandardCharsets.US_ASCII);
            return Optional.of(new Raw(seq, prev, body));
        }

        /** Whether the line's mac field is the HMAC of its body, compared in constant time. */
        boolean macMatches(byte[] b, int length, Mac mac) {
            byte[] expected = AuditKey.macHex(mac, b, 0, bodyLength);
            byte[] actual = new byte[HEX_LENGTH];
            System.arraycopy(b, length - 2 - HEX_LENGTH, actual, 0, HEX_LENGTH);
            return java.security.MessageDigest.isEqual(expected, actual);
        }
    }

    /** Parses a line into a record (for reading, not verifying: the MAC is not checked here). */
    static AuditRecord record(byte[] b, int length) throws IOException {
        JsonNode n = JSON.readTree(b, 0, length);
        if (n == null || !n.isObject() || !n.path("seq").canConvertToLong() || !n.path("seq").isIntegralNumber()
                || !n.path("time").isTextual() || !n.path("type").isTextual()
                || (n.has("session") && !n.get("session").isTextual())) {
            throw new IOException("not an audit record (seq, time or type missing or of the wrong type)");
        }
        Instant time;
        try {
            time = Instant.parse(n.get("time").textValue());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException("its time is not an ISO-8601 instant", e);
        }
        Optional<String> session = Optional.ofNullable(n.get("session")).map(JsonNode::textValue);
        ObjectNode fields = ((ObjectNode) n).deepCopy();
        fields.remove(ENVELOPE);
        try {
            return new AuditRecord(n.get("seq").longValue(), time, n.get("type").textValue(), session,
                    FieldValues.toJavaMap(fields), new String(b, 0, length, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return regionEquals(b, 0, prefix);
    }

    private static boolean regionEquals(byte[] b, int at, byte[] expected) {
        if (at < 0 || at + expected.length > b.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(byte[] b, int at) {
        for (int i = at; i < at + HEX_LENGTH; i++) {
            if (!((b[i] >= '0' && b[i] <= '9') || (b[i] >= 'a' && b[i] <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
