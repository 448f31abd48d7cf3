package dev.airlock.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a value sits in the document: keys (String) and list indexes (Integer). Printed as
 * {@code profiles.dev.tags."app.name"} or {@code profiles.dev.allow[2]}.
 */
record ConfigPath(List<Object> segments) {
    static final ConfigPath ROOT = new ConfigPath(List.of());
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_-]+");

    ConfigPath {
        segments = Collections.unmodifiableList(new ArrayList<>(segments));
    }

    ConfigPath key(String key) {
        List<Object> s = new ArrayList<>(segments);
        s.add(key);
        return new ConfigPath(s);
    }

    ConfigPath index(int index) {
        List<Object> s = new ArrayList<>(segments);
        s.add(index);
        return new ConfigPath(s);
    }

    ConfigPath parent() {
        return segments.isEmpty() ? this : new ConfigPath(segments.subList(0, segments.size() - 1));
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Object seg : segments) {
            if (seg instanceof Integer i) {
                s.append('[').append(i).append(']');
            } else {
                if (s.length() > 0) {
                    s.append('.');
                }
                s.append(bareOrQuoted((String) seg));
            }
        }
        return s.length() == 0 ? "(top level)" : s.toString();
    }

    /** A key as TOML writes it: bare when it can be, else in double quotes. */
    static String bareOrQuoted(String key) {
        if (BARE.matcher(key).matches()) {
            return key;
        }
        StringBuilder s = new StringBuilder("\"");
        key.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        s.append(String.format("\\u%04X", c));
                    } else {
                        s.appendCodePoint(c);
                    }
                }
            }
        });
        return s.append('"').toString();
    }
}
