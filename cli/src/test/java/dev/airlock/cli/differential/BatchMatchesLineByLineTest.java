package dev.airlock.cli.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.cli.BatchCheck;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code check --batch} writes, for every input, exactly what deciding each line on its own
 * ({@link BatchCheck#decideLine}) gives: the batch's quick reading, its policy cache, its blocks and
 * threads change nothing. The input mixes the differential test's requests (thousands of distinct
 * policies), the same requests again from other callers (so cached policies meet new requests), and
 * lines bent out of the usual shape: faults of every kind, duplicate keys, odd whitespace, escapes,
 * odd numbers, malformed UTF-8, very long and deeply nested values, blank lines and all three line
 * terminators.
 */
class BatchMatchesLineByLineTest {

    private static final List<String> CALLERS = List.of("arn:aws:iam::111122223333:user/alice",
            "arn:aws:sts::111122223333:assumed-role/AppRole/app-session", "arn:aws:iam::444455556666:user/eve");

    @Test
    void batchOutputIsTheOutputOfEachLineOnItsOwn() throws IOException {
        Random r = new Random(7);
        byte[] input = mixedInput(r);
        List<String> expected = lineByLine(input);
        assertThat(expected).as("a meaningful mix").hasSizeGreaterThan(15_000);
        assertThat(expected.stream().filter(l -> l.startsWith("{\"error\"")).count()).isGreaterThan(1_000);
        for (String d : List.of("Allowed", "ImplicitlyDenied", "ExplicitlyDenied")) {
            assertThat(expected.stream().filter(l -> l.startsWith("{\"decision\":\"" + d + "\"")).count())
                    .as(d).isGreaterThan(1_000);
        }

        assertSameLines(batch(new ByteArrayInputStream(input)), expected);
        // Reads of random small sizes: blocks end anywhere, \r\n is split across reads, lines outgrow blocks.
        assertSameLines(batch(new Trickle(input, new Random(11))), expected);
    }

    private static void assertSameLines(List<String> actual, List<String> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            assertThat(actual.get(i)).as("output line %d", i + 1).isEqualTo(expected.get(i));
        }
        assertThat(actual).hasSameSizeAs(expected);
    }

    private static List<String> batch(InputStream in) {
        StringWriter out = new StringWriter();
        BatchCheck.Totals totals = BatchCheck.run(in, out);
        List<String> lines = out.toString().lines().toList();
        assertThat(totals.lines()).isEqualTo(lines.size());
        assertThat(totals.errors()).isEqualTo(lines.stream().filter(l -> l.startsWith("{\"error\"")).count());
        return lines;
    }

    /** Splits the input as {@link BufferedReader#readLine} does and decides each line alone. */
    private static List<String> lineByLine(byte[] input) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader br = new BufferedReader(
                new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8))) {
            int lineNo = 0;
            for (String text = br.readLine(); text != null; text = br.readLine()) {
                BatchCheck.decideLine(text, ++lineNo).ifPresent(out::add);
            }
        }
        return out;
    }

    // ---- the input ------------------------------------------------------------------------------------

    private static byte[] mixedInput(Random r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // a byte order mark on line 1
        List<RequestGenerator.Case> cases = RequestGenerator.generate(DifferentialTest.DEFAULT_SEED);
        List<String> seen = new ArrayList<>();
        for (RequestGenerator.Case c : cases) {
            seen.add(c.line());
            line(out, r, c.line());
            if (r.nextInt(3) == 0) {
                line(out, r, otherCaller(seen.get(r.nextInt(seen.size())), r));
            }
            if (r.nextInt(4) == 0) {
                bent(out, r, seen.get(r.nextInt(seen.size())));
            }
        }
        out.write("{\"action\":\"s3:GetObject\"}".getBytes(StandardCharsets.UTF_8)); // the last line, unterminated
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, Random r, String text) {
        line(out, r, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void line(ByteArrayOutputStream out, Random r, byte[] text) {
        out.writeBytes(text);
        int t = r.nextInt(10);
        out.writeBytes((t < 7 ? "\n" : t < 9 ? "\r\n" : "\r").getBytes(StandardCharsets.US_ASCII));
    }

    /** The same request from another caller, its policies' text unchanged. */
    private static String otherCaller(String line, Random r) {
        ObjectNode n = (ObjectNode) read(line);
        n.put("principal", CALLERS.get(r.nextInt(CALLERS.size())));
        return Json.write(n);
    }

    private static JsonNode read(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line out of the usual shape, made from {@code base}. */
    private static void bent(ByteArrayOutputStream out, Random r, String base) {
        int kind = r.nextInt(BENDS.size() + 2);
        if (kind == BENDS.size()) {
            line(out, r, badUtf8(base, r));
        } else if (kind == BENDS.size() + 1) {
            line(out, r, BLANKS.get(r.nextInt(BLANKS.size())));
        } else {
            line(out, r, BENDS.get(kind).apply(base));
        }
    }

    private static final List<String> BLANKS = List.of("", "   ", " \t ", "\u000B", "\f", "\u3000", "\u00A0",
            "\u001C", "\u0085");

    private static final String ALLOW_ALL =
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";

    private static final List<String> CONTEXT_VALUES = List.of("1e1", "-0", "1.50", "12345678901234567890123",
            "true", "false", "null", "{}", "[]", "[[\"a\"]]", "[1,\"a\",true]", "\"\\ud800\"", "\"\\u0000x\"",
            "\"caf\u00e9 \u2603\"", "\"a\\\"b\\\\c\\/d\\n\"", "[" + "[".repeat(70) + "]".repeat(70) + "]",
            "\"" + "a".repeat(60_000) + "\"", "\"" + "b".repeat(300_000) + "\"");

    private static final List<UnaryOperator<String>> BENDS = List.of(
            s -> s.substring(0, s.length() / 2),
            s -> s.substring(0, s.length() - 1),
            s -> s + " x",
            s -> s + "{}",
            s -> s + " \t",
            s -> "\t " + s,
            s -> "\u000B" + s,
            s -> "[" + s + "]",
            s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"",
            s -> "5",
            s -> "null",
            s -> "{}",
            s -> context(s, "\"test:k\":\"1\",\"test:k\":\"2\""),
            s -> context(s, "\"Test:K\":\"1\",\"test:k\":\"2\""),
            s -> context(s, "\"test:k\":\"1\",\"test:k\":{}"),
            s -> context(s, "\"test:k\":{},\"test:k\":\"1\""),
            s -> context(s, "\"test:k\":" + CONTEXT_VALUES.get(Math.floorMod(s.hashCode(), CONTEXT_VALUES.size()))),
            s -> context(s, "\"" + "k".repeat(60_000) + "\":\"v\""),
            s -> "{\"action\":\"s3:PutObject\"," + s.substring(1),
            s -> s.substring(0, s.length() - 1) + ",\"action\":\"s3:PutObject\"}",
            s -> s.substring(0, s.length() - 1) + ",\"principal\":\"arn:aws:iam::111122223333:user/bob\"}",
            s -> "{\"resourcePolicy\":null," + s.substring(1),
            s -> "{\"identityPolicies\":[" + ALLOW_ALL + "]," + s.substring(1),
            s -> "{\"scps\":[[" + ALLOW_ALL.replace("Allow", "Deny") + "]]," + s.substring(1),
            s -> "{\"context\":{\"a\":{}}," + s.substring(1),
            s -> "{\"actoin\":\"s3:GetObject\"," + s.substring(1),
            s -> "{\"Action\":[]," + s.substring(1),
            s -> s.replace(":", " : ").replace(",", ",\t"),
            s -> s.replace("\"s3:", "\"\\u0073\\u0033:").replace("/", "\\/"),
            s -> s.replace("\"action\":", "\"act\\u0069on\":").replace("\"context\":", "\"\\u0063ontext\":"),
            s -> s.replace("\"Version\":\"2012-10-17\"", "\"Version\":\"2012-10-18\""),
            s -> s.replace("\"Statement\":", "\"Statement\":[],\"Statement2\":"),
            s -> set(s, "action", "5"),
            s -> set(s, "action", "\"\""),
            s -> set(s, "action", "null"),
            s -> set(s, "resource", "[\"*\"]"),
            s -> set(s, "resourceAccount", "null"),
            s -> set(s, "resourceAccount", "5"),
            s -> set(s, "resourceAccount", "\"444455556666\""),
            s -> set(s, "context", "null"),
            s -> set(s, "context", "[]"),
            s -> set(s, "identityPolicies", "null"),
            s -> set(s, "identityPolicies", "{}"),
            s -> set(s, "identityPolicies", "[[]]"),
            s -> set(s, "identityPolicies", "[null]"),
            s -> set(s, "identityPolicies", "[5]"),
            s -> set(s, "scps", "[{}]"),
            s -> set(s, "scps", "{}"),
            s -> set(s, "rcps", "[[]]"),
            s -> set(s, "sessionPolicy", "\"not a policy\""),
            s -> set(s, "permissionBoundary", "[]"),
            BatchMatchesLineByLineTest::policiesAsStrings,
            BatchMatchesLineByLineTest::policiesNamed,
            BatchMatchesLineByLineTest::identitiesSwapped);

    /** {@code base} with {@code entries} first in its context (a context made for them if it has none). */
    private static String context(String base, String entries) {
        return base.contains("\"context\":{}") ? base.replace("\"context\":{}", "\"context\":{" + entries + "}")
                : base.contains("\"context\":{") ? base.replace("\"context\":{", "\"context\":{" + entries + ",")
                : "{\"context\":{" + entries + "}," + base.substring(1);
    }

    /** {@code base} with the field set to {@code json}, written first (and the line's own value removed). */
    private static String set(String base, String field, String json) {
        ObjectNode n = (ObjectNode) read(base);
        n.remove(field);
        String rest = Json.write(n);
        return "{\"" + field + "\":" + json + (rest.equals("{}") ? "}" : "," + rest.substring(1));
    }

    private static String policiesAsStrings(String base) {
        ObjectNode n = (ObjectNode) read(base);
        JsonNode ids = n.path("identityPolicies");
        if (ids instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, Json.F.textNode(Json.write(a.get(i))));
            }
        }
        if (n.has("resourcePolicy") && n.get("resourcePolicy").isObject()) {
            n.put("resourcePolicy", Json.write(n.get("resourcePolicy")));
        }
        return Json.write(n);
    }

    private static String policiesNamed(String base) {
        ObjectNode n = (ObjectNode) read(base);
        if (n.path("identityPolicies") instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                ObjectNode named = Json.obj();
                named.put("name", i == 0 ? Json.F.numberNode(42) : Json.F.textNode("Named" + i));
                named.set("policy", a.get(i));
                a.set(i, named);
            }
        }
        return Json.write(n);
    }

    private static String identitiesSwapped(String base) {
        ObjectNode n = (ObjectNode) read(base);
        if (n.path("identityPolicies") instanceof ArrayNode a && a.size() >= 1) {
            a.insert(0, Json.read("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sqs:*\","
                    + "\"Resource\":\"*\"}}"));
        }
        return Json.write(n);
    }

    /** {@code base} with malformed UTF-8 in a context value, or a lone byte outside any string. */
    private static byte[] badUtf8(String base, Random r) {
        String marker = "\"test:u\":\"a@b\"";
        byte[] line = context(base, marker).getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {{(byte) 0xC3, '('}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}};
        byte[] insert = bad[r.nextInt(bad.length)];
        String text = new String(line, StandardCharsets.ISO_8859_1);
        int at = r.nextBoolean() ? text.indexOf("a@b") + 1 : 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(line, 0, at);
        out.writeBytes(insert);
        out.write(line, at + (at == 0 ? 0 : 1), line.length - at - (at == 0 ? 0 : 1));
        return out.toByteArray();
    }

    /** An input stream that hands out its bytes a few at a time. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final Random r;
        private int pos;

        Trickle(byte[] bytes, Random r) {
            this.bytes = bytes;
            this.r = r;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + r.nextInt(r.nextBoolean() ? 16 : 3000)), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
