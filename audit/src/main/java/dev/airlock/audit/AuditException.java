package dev.airlock.audit;

import java.nio.file.Path;

/**
 * The audit log cannot be opened, read or appended to. The message says what went wrong with which
 * file; {@link #hint()} says what to do about it, so callers can show both without guessing.
 */
public class AuditException extends RuntimeException {
    private final Path path;
    private final String hint;

    public AuditException(String message, Path path, String hint) {
        super(message);
        this.path = path;
        this.hint = hint;
    }

    public AuditException(String message, Path path, String hint, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.hint = hint;
    }

    /** The file or directory concerned. */
    public Path path() {
        return path;
    }

    /** What the user can do about it. */
    public String hint() {
        return hint;
    }
}
