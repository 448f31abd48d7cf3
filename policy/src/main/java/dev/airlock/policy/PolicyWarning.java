package dev.airlock.policy;

/**
 * A legal but risky shape in a policy, for example {@code Allow} with {@code NotAction}.
 *
 * @param path JSON path of the element, e.g. {@code $.Statement[2].NotAction}
 * @param line 1-based source line, 0 when unknown
 * @param column 1-based source column, 0 when unknown
 * @param code a stable identifier for scripts, e.g. {@code allow-not-action}
 */
public record PolicyWarning(String path, int line, int column, String code, String message) {
    @Override
    public String toString() {
        return path + " (line " + line + ", column " + column + "): " + message + " [" + code + "]";
    }
}
