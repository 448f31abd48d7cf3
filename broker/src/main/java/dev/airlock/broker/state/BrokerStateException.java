package dev.airlock.broker.state;

/** The broker's directory or one of its files cannot be used; the hint says what to do. */
public final class BrokerStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public BrokerStateException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
