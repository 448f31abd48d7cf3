package dev.airlock.callmap;

/**
 * Thrown inside the mapper when a call cannot be mapped; {@link CallMapper} turns it into
 * {@link CallMapping.Unmapped}. Never escapes the package.
 */
final class Unmappable extends Exception {
    private static final long serialVersionUID = 1L;

    Unmappable(String why) {
        super(why, null, false, false);
    }
}
