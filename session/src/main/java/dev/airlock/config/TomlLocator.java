package dev.airlock.config;

import dev.airlock.config.ConfigNode.Loc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds where each key and value of a TOML document is written.
 *
 * <p>Jackson's TOML parser builds a tree before it hands out tokens, so its tokens carry no
 * location. This scanner walks the same text and records, for every path, the line and column of
 * the key (each segment of a dotted key or {@code [table.header]} on its own) and of the value
 * (for a table: its header). It only locates: Jackson parses and reports syntax errors, so the
 * scanner is lenient, and on anything it does not understand it stops and keeps what it found;
 * callers fall back to the nearest enclosing path that was located.
 */
final class TomlLocator {

    /** A key assigned twice, or a table defined twice. */
    record Duplicate(ConfigPath path, Loc loc, Loc first) {
    }

    private final Map<ConfigPath, Loc> keys = new HashMap<>();
    private final Map<ConfigPath, Loc> values = new HashMap<>();
    private Duplicate duplicate;

    private TomlLocator() {
    }

    static TomlLocator scan(String text) {
        TomlLocator found = new TomlLocator();
        try {
            found.new Scanner(text).document();
        } catch (RuntimeException malformed) {
            // Keep what was located before it; Jackson reports the syntax error itself.
        }
        return found;
    }

    /** Where the key of {@code path} is written, else its value, else the nearest enclosing path's. */
    Loc key(ConfigPath path) {
        for (ConfigPath p = path; ; p = p.parent()) {
            Loc at = keys.get(p);
            if (at == null) {
                at = values.get(p);
            }
            if (at != null) {
                return at;
            }
            if (p.isRoot()) {
                return Loc.UNKNOWN;
            }
        }
    }

    /** Where the value of {@code path} starts, else its key, else the nearest enclosing path's. */
    Loc value(ConfigPath path) {
        Loc at = values.get(path);
        return at != null ? at : key(path);
    }

    Optional<Duplicate> duplicate() {
        return Optional.ofNullable(duplicate);
    }

    private record Part(String key, Loc loc) {
    }

    private final class Scanner {
        private final String s;
        private int pos;
        private int line = 1;
        private int col = 1;
        private final Set<ConfigPath> assigned = new HashSet<>();
        private final Set<ConfigPath> definedTables = new HashSet<>();
        private final Map<ConfigPath, Integer> arrayTableCounts = new HashMap<>();

        Scanner(String s) {
            this.s = s;
        }

        void document() {
            ConfigPath table = ConfigPath.ROOT;
            while (!eof()) {
                skipBlank();
                if (eof()) {
                    break;
                }
                char c = peek();
                if (c == '#' || c == '\n' || c == '\r') {
                    skipRestOfLine();
                } else if (c == '[') {
                    table = header();
                    skipRestOfLine();
                } else {
                    keyValue(table);
                    skipRestOfLine();
                }
            }
        }

        private ConfigPath header() {
            Loc at = here();
            boolean arrayOfTables = peekAt(1) == '[';
            advance();
            if (arrayOfTables) {
                advance();
            }
            List<Part> parts = key();
            expect(']');
            if (arrayOfTables) {
                expect(']');
            }
            ConfigPath p = ConfigPath.ROOT;
            for (int i = 0; i < parts.size(); i++) {
                p = p.key(parts.get(i).key());
                keys.putIfAbsent(p, parts.get(i).loc());
                boolean last = i == parts.size() - 1;
                if (last && arrayOfTables) {
                    values.putIfAbsent(p, at);
                    int index = arrayTableCounts.merge(p, 1, Integer::sum) - 1;
                    p = p.index(index);
                    keys.putIfAbsent(p, at);
                } else {
                    Integer count = arrayTableCounts.get(p);
                    if (count != null) {
                        p = p.index(count - 1);
                    }
                }
            }
            values.putIfAbsent(p, at);
            if (!arrayOfTables && !definedTables.add(p) && duplicate == null) {
                duplicate = new Duplicate(p, at, values.get(p));
            }
            return p;
        }

        private void keyValue(ConfigPath table) {
            List<Part> parts = key();
            expect('=');
            skipBlank();
            ConfigPath p = table;
            for (Part part : parts) {
                p = p.key(part.key());
                Loc first = keys.putIfAbsent(p, part.loc());
                if (part == parts.get(parts.size() - 1) && !assigned.add(p) && duplicate == null) {
                    duplicate = new Duplicate(p, part.loc(), first == null ? Loc.UNKNOWN : first);
                }
            }
            value(p);
        }

        private List<Part> key() {
            List<Part> parts = new ArrayList<>();
            while (true) {
                skipBlank();
                Loc at = here();
                parts.add(new Part(simpleKey(), at));
                skipBlank();
                if (!eof() && peek() == '.') {
                    advance();
                } else {
                    return parts;
                }
            }
        }

        private String simpleKey() {
            char c = peek();
            if (c == '"') {
                return basicString();
            }
            if (c == '\'') {
                advance();
                StringBuilder k = new StringBuilder();
                while (peek() != '\'') {
                    k.append(advance());
                }
                advance();
                return k.toString();
            }
            StringBuilder k = new StringBuilder();
            while (!eof() && isBare(peek())) {
                k.append(advance());
            }
            if (k.length() == 0) {
                throw new IllegalStateException("no key at " + here());
            }
            return k.toString();
        }

        private String basicString() {
            advance();
            StringBuilder k = new StringBuilder();
            while (true) {
                char c = advance();
                if (c == '"') {
                    return k.toString();
                }
                if (c == '\n') {
                    throw new IllegalStateException("newline in a string");
                }
                if (c != '\\') {
                    k.append(c);
                    continue;
                }
                char e = advance();
                switch (e) {
                    case 'b' -> k.append('\b');
                    case 't' -> k.append('\t');
                    case 'n' -> k.append('\n');
                    case 'f' -> k.append('\f');
                    case 'r' -> k.append('\r');
                    case 'e' -> k.append('\u001b');
                    case 'x' -> k.appendCodePoint(hex(2));
                    case 'u' -> k.appendCodePoint(hex(4));
                    case 'U' -> k.appendCodePoint(hex(8));
                    default -> k.append(e);
                }
            }
        }

        private int hex(int digits) {
            StringBuilder h = new StringBuilder();
            for (int i = 0; i < digits; i++) {
                h.append(advance());
            }
            return Integer.parseInt(h.toString(), 16);
        }

        private void value(ConfigPath path) {
            values.putIfAbsent(path, here());
            char c = peek();
            if (c == '"' || c == '\'') {
                if (s.startsWith(c == '"' ? "\"\"\"" : "'''", pos)) {
                    multiLineString(c);
                } else if (c == '"') {
                    basicString();
                } else {
                    advance();
                    while (advance() != '\'') {
                        // skip
                    }
                }
            } else if (c == '[') {
                advance();
                int index = 0;
                while (true) {
                    skipBlankLinesAndComments();
                    if (peek() == ']') {
                        advance();
                        return;
                    }
                    value(path.index(index++));
                    skipBlankLinesAndComments();
                    char next = advance();
                    if (next == ']') {
                        return;
                    }
                    if (next != ',') {
                        throw new IllegalStateException("expected , or ] in an array");
                    }
                }
            } else if (c == '{') {
                advance();
                while (true) {
                    skipBlankLinesAndComments();
                    if (peek() == '}') {
                        advance();
                        return;
                    }
                    keyValue(path);
                    skipBlankLinesAndComments();
                    char next = advance();
                    if (next == '}') {
                        return;
                    }
                    if (next != ',') {
                        throw new IllegalStateException("expected , or } in an inline table");
                    }
                }
            } else {
                while (!eof() && ",]}#\r\n".indexOf(peek()) < 0) {
                    advance();
                }
            }
        }

        private void multiLineString(char quote) {
            String delimiter = String.valueOf(quote).repeat(3);
            pos += 3;
            col += 3;
            while (true) {
                if (quote == '"' && peek() == '\\') {
                    advance();
                    advance();
                } else if (s.startsWith(delimiter, pos)) {
                    pos += 3;
                    col += 3;
                    for (int extra = 0; extra < 2 && !eof() && peek() == quote; extra++) {
                        advance();
                    }
                    return;
                } else {
                    advance();
                }
            }
        }

        private void skipBlank() {
            while (!eof() && (peek() == ' ' || peek() == '\t')) {
                advance();
            }
        }

        private void skipBlankLinesAndComments() {
            while (!eof()) {
                char c = peek();
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    advance();
                } else if (c == '#') {
                    while (!eof() && peek() != '\n') {
                        advance();
                    }
                } else {
                    return;
                }
            }
        }

        private void skipRestOfLine() {
            while (!eof()) {
                if (advance() == '\n') {
                    return;
                }
            }
        }

        private void expect(char c) {
            skipBlank();
            if (advance() != c) {
                throw new IllegalStateException("expected " + c);
            }
        }

        private boolean isBare(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }

        private boolean eof() {
            return pos >= s.length();
        }

        private char peek() {
            if (eof()) {
                throw new IllegalStateException("unexpected end of document");
            }
            return s.charAt(pos);
        }

        private char peekAt(int ahead) {
            return pos + ahead < s.length() ? s.charAt(pos + ahead) : '\0';
        }

        private char advance() {
            char c = peek();
            pos++;
            if (c == '\n') {
                line++;
                col = 1;
            } else if (!Character.isLowSurrogate(c)) {
                col++;
            }
            return c;
        }

        private Loc here() {
            return new Loc(line, col);
        }
    }
}
