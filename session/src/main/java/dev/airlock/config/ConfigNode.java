package dev.airlock.config;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * The document as read, before validation: tables, lists and scalars, each with where it is in
 * the file. Built by {@link DocumentReader}; validated by {@link ConfigValidator}.
 */
sealed interface ConfigNode {

    /** Where this value starts in the file (for a table: its header or first key). */
    Loc loc();

    /** Where a key or value is: 1-based line and column; 0 when unknown. */
    record Loc(int line, int column) {
        static final Loc UNKNOWN = new Loc(0, 0);

        boolean known() {
            return line > 0;
        }
    }

    /** A key of a table with where the key itself is written. */
    record Entry(String key, Loc keyLoc, ConfigNode value) {
    }

    /** A TOML table / YAML mapping, in file order. */
    record Table(Loc loc, LinkedHashMap<String, Entry> entries) implements ConfigNode {
    }

    /** A TOML array / YAML sequence. */
    record Array(Loc loc, List<ConfigNode> items) implements ConfigNode {
    }

    /** A string, number or boolean, with its text as written. */
    record Scalar(Loc loc, Kind kind, String text) implements ConfigNode {
    }

    /** YAML's null ({@code key:} with no value, or {@code ~}); TOML has none. */
    record Null(Loc loc) implements ConfigNode {
    }

    enum Kind {
        STRING("a string"),
        INTEGER("a number"),
        FLOAT("a number"),
        BOOLEAN("a boolean"),
        OTHER("a value of an unsupported type");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }
}
