package dev.airlock.session;

import java.util.Objects;

/**
 * The requested scope (actions, resources, duration) cannot be turned into a session: the message
 * says what and where, the hint what to do instead.
 */
public final class ScopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String hint;

    public ScopeException(String message, String hint) {
        super(message);
        this.hint = Objects.requireNonNull(hint, "hint");
    }

    public String hint() {
        return hint;
    }
}
