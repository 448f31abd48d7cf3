package dev.airlock.policy;

/** The three answers IAM gives. */
public enum Outcome {
    ALLOWED("Allowed"),
    IMPLICITLY_DENIED("ImplicitlyDenied"),
    EXPLICITLY_DENIED("ExplicitlyDenied");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in AWS's own simulators and in Airlock's JSON output. */
    public String wireName() {
        return wireName;
    }
}
