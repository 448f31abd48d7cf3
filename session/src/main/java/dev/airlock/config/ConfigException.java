package dev.airlock.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The configuration file is missing, unreadable or invalid, or names no such profile.
 *
 * <p>{@link #getMessage()} is one self-contained line in the compiler style
 * {@code FILE:LINE:COLUMN: what is wrong; what is expected} (line and column when known), for
 * example {@code /home/a/.config/airlock/config.toml:12:7: profiles.dev.ttl: "15 minutes" is not
 * a duration; use e.g. 15m, 1h, 900s}. {@link #hint()} says what to do next (may be empty).
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final int column;
    private final String problem;
    private final String hint;

    /** A problem with the file as a whole (no line). */
    public ConfigException(Path file, String problem, String hint) {
        this(file, 0, 0, problem, hint, null);
    }

    /** A problem at a place in the file; {@code line} and {@code column} are 1-based, 0 when unknown. */
    public ConfigException(Path file, int line, int column, String problem, String hint) {
        this(file, line, column, problem, hint, null);
    }

    /** As {@link #ConfigException(Path, int, int, String, String)}, with the underlying cause. */
    public ConfigException(Path file, int line, int column, String problem, String hint, Throwable cause) {
        super(format(file, line, column, problem), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.line = Math.max(0, line);
        this.column = this.line == 0 ? 0 : Math.max(0, column);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.hint = hint == null ? "" : hint;
    }

    /** The config file concerned (for "no config file", where Airlock looked for or would create it). */
    public Path file() {
        return file;
    }

    /** The 1-based line of the offending key or value, when known. */
    public OptionalInt line() {
        return line == 0 ? OptionalInt.empty() : OptionalInt.of(line);
    }

    /** The 1-based column of the offending key or value, when known. */
    public OptionalInt column() {
        return column == 0 ? OptionalInt.empty() : OptionalInt.of(column);
    }

    /** The message without the {@code FILE:LINE:COLUMN: } prefix. */
    public String problem() {
        return problem;
    }

    /** What to do about it; empty when the message says it all. */
    public String hint() {
        return hint;
    }

    private static String format(Path file, int line, int column, String problem) {
        StringBuilder s = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        return s.append(": ").append(problem).toString();
    }
}
