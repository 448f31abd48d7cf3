package dev.airlock.policy.json;

/** The text is not well-formed JSON (or breaks a rule every policy document shares). */
public final class JsonSyntaxException extends RuntimeException {
    private final Json.Location location;

    public JsonSyntaxException(String message, Json.Location location) {
        super(message);
        this.location = location;
    }

    public Json.Location location() {
        return location;
    }
}
