package dev.airlock.policy.condition;

/** A policy's condition value is not of the type its operator compares. */
public final class ConditionValueException extends RuntimeException {
    private final String value;
    private final String expected;

    public ConditionValueException(String value, String expected) {
        super("\"" + value + "\" is not " + expected);
        this.value = value;
        this.expected = expected;
    }

    public String value() {
        return value;
    }

    public String expected() {
        return expected;
    }
}
