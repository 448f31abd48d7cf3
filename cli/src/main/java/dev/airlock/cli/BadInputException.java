package dev.airlock.cli;

/**
 * An input the user gave cannot be used. The message says what was wrong and where; the hint what
 * to do about it. Mapped to {@link ExitCode#BAD_INPUT} in {@link Main}.
 */
public final class BadInputException extends RuntimeException {
    private final String hint;

    public BadInputException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
