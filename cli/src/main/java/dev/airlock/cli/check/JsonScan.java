package dev.airlock.cli.check;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A checking scan over the UTF-8 bytes of JSON Lines that finds where values start and end without
 * building them, so that a batch line's policies can be recognised by their bytes. RFC 8259 grammar,
 * except that {@code \n} and {@code \r} end the line rather than being whitespace: a line is one JSON
 * value.
 *
 * <p>It only ever accepts: whatever it does not take as it stands ({@link Declined}) is read again
 * by Jackson, whose messages are the ones users see. So it may decline more than Jackson refuses (a
 * string near Jackson's limits, say, or text after the value, which Jackson ignores), but what it
 * takes, it reads as Jackson does.
 *
 * <p>It works on bytes because a batch is mostly policy text that a cached policy matches: comparing
 * bytes in bulk ({@link java.util.Arrays#equals(byte[], int, int, byte[], int, int)}) is many times
 * faster than decoding the line into characters and comparing those, which the JVM's quick-start
 * compiler does a character at a time.
 */
final class JsonScan {

    /**
     * Text the scan, or the quick reading of a request built on it, does not take; cheap to throw, as
     * it only sends the line the thorough way.
     */
    static final class Declined extends RuntimeException {
        Declined(String what) {
            super(what, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 64;

    private final byte[] b;
    private final int limit;
    private final int maxString;
    private int pos;
    private int lineStart;

    /**
     * Scans {@code b} from 0 to {@code limit}, a block of whole lines; a string of more than {@code
     * maxString} bytes is not taken.
     */
    JsonScan(byte[] b, int limit, int maxString) {
        this.b = b;
        this.limit = limit;
        this.maxString = maxString;
    }

    byte[] bytes() {
        return b;
    }

    int limit() {
        return limit;
    }

    int pos() {
        return pos;
    }

    /** Moves to {@code index}, the end of a value recognised without scanning it. */
    void jump(int index) {
        pos = index;
    }

    /**
     * Moves past the rest of the line and its terminator ({@code \n}, {@code \r} or {@code \r\n});
     * false when no line follows.
     */
    boolean nextLine() {
        pos = lineEnd();
        if (pos < limit && b[pos++] == '\r' && pos < limit && b[pos] == '\n') {
            pos++;
        }
        lineStart = pos;
        return pos < limit;
    }

    /**
     * The text of the whole line, without its terminator (malformed UTF-8 becomes U+FFFD); the
     * position moves back to the line's start.
     */
    String lineText() {
        pos = lineStart;
        return new String(b, lineStart, lineEnd() - lineStart, StandardCharsets.UTF_8);
    }

    /** The end of the line, searched from the position, which never passes it. */
    private int lineEnd() {
        int i = pos;
        while (i < limit && b[i] != '\n' && b[i] != '\r') {
            i++;
        }
        return i;
    }

    /** Skips spaces and tabs and returns the next byte, or -1 at the end of the line. */
    int peek() {
        while (pos < limit) {
            byte c = b[pos];
            if (c != ' ' && c != '\t') {
                return c == '\n' || c == '\r' ? -1 : c & 0xff;
            }
            pos++;
        }
        return -1;
    }

    /** Consumes {@code c} after whitespace. */
    void expect(char c) {
        if (peek() != c) {
            throw new Declined("expected '" + c + "'");
        }
        pos++;
    }

    /** Consumes {@code c} after whitespace when it is next. */
    boolean take(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Only whitespace remains on the line. */
    void expectEnd() {
        if (peek() != -1) {
            throw new Declined("text after the end of the JSON value");
        }
    }

    /** The text of bytes {@code start} to {@code end}. */
    String text(int start, int end) {
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * The index in {@code names} (UTF-8, without quotes) of the string at the position, which is
     * then consumed: a field name compared as bytes, without decoding it. Declines a string that is
     * none of them, or is one of them written with escapes.
     */
    int oneOf(byte[][] names) {
        if (peek() != '"') {
            throw new Declined("expected a string");
        }
        int from = pos + 1;
        for (int i = 0; i < names.length; i++) {
            int end = from + names[i].length;
            if (end < limit && b[end] == '"' && Arrays.equals(b, from, end, names[i], 0, names[i].length)) {
                pos = end + 1;
                return i;
            }
        }
        throw new Declined("a field name that is not one of those expected");
    }

    /** Reads a string at the position, decoding escapes and UTF-8 (malformed UTF-8 becomes U+FFFD). */
    String string() {
        if (peek() != '"') {
            throw new Declined("expected a string");
        }
        int start = ++pos;
        skipPlain();
        String out = at('"') ? new String(b, start, pos - start, StandardCharsets.UTF_8) : escaped(start);
        if (pos - start >= maxString) {
            throw new Declined("string longer than " + maxString + " bytes");
        }
        pos++;
        return out;
    }

    /** Moves past plain string content: bytes that are not a quote, a backslash or a control character. */
    private void skipPlain() {
        while (pos < limit) {
            byte c = b[pos];
            if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
                return;
            }
            pos++;
        }
    }

    private boolean at(char c) {
        return pos < limit && b[pos] == c;
    }

    /** The rest of a string from {@code start}, at a backslash: decoded piece by piece up to the closing quote. */
    private String escaped(int start) {
        StringBuilder out = new StringBuilder();
        int run = start;
        while (at('\\')) {
            out.append(new String(b, run, pos - run, StandardCharsets.UTF_8)).append(escape());
            run = pos;
            skipPlain();
        }
        if (!at('"')) {
            throw new Declined("unterminated string or control character in a string");
        }
        return out.append(new String(b, run, pos - run, StandardCharsets.UTF_8)).toString();
    }

    /** Skips the value at the position, checking it; returns where it started. */
    int skipValue() {
        peek();
        int start = pos;
        skip(0);
        return start;
    }

    private void skip(int depth) {
        if (depth > MAX_DEPTH) {
            throw new Declined("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (peek()) {
            case '{' -> {
                pos++;
                if (!take('}')) {
                    do {
                        skipString();
                        expect(':');
                        skip(depth + 1);
                    } while (take(','));
                    expect('}');
                }
            }
            case '[' -> {
                pos++;
                if (!take(']')) {
                    do {
                        skip(depth + 1);
                    } while (take(','));
                    expect(']');
                }
            }
            case '"' -> skipString();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void skipString() {
        if (peek() != '"') {
            throw new Declined("expected a string");
        }
        pos++;
        while (true) {
            int c = pos < limit ? b[pos] : '\n';
            if (c == '"') {
                pos++;
                return;
            }
            if (c >= 0 && c < 0x20) {
                throw new Declined("unterminated string or control character in a string");
            }
            if (c == '\\') {
                escape();
            } else {
                pos++;
            }
        }
    }

    /** Reads the escape at the position (a backslash) and returns the character it stands for. */
    private char escape() {
        int e = pos + 1 < limit ? b[pos + 1] : '\n';
        if (e == '\n' || e == '\r') {
            throw new Declined("unterminated string"); // before moving: the position stays on the line
        }
        pos += 2;
        return switch (e) {
            case '"', '\\', '/' -> (char) e;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicode();
            default -> throw new Declined("invalid escape");
        };
    }

    private char unicode() {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = pos + i < limit ? Character.digit(b[pos + i], 16) : -1;
            if (d < 0) {
                throw new Declined("invalid \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++, pos++) {
            if (pos >= limit || b[pos] != word.charAt(i)) {
                throw new Declined("expected " + word);
            }
        }
    }

    private void number() {
        if (pos < limit && b[pos] == '-') {
            pos++;
        }
        if (pos < limit && b[pos] == '0') {
            pos++;
        } else if (digits() == 0) {
            throw new Declined("expected a value");
        }
        if (pos < limit && b[pos] == '.') {
            pos++;
            if (digits() == 0) {
                throw new Declined("invalid number");
            }
        }
        if (pos < limit && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < limit && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw new Declined("invalid number");
            }
        }
    }

    private int digits() {
        int from = pos;
        while (pos < limit && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        return pos - from;
    }
}
