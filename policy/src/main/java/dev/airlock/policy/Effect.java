package dev.airlock.policy;

public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String awsName;

    Effect(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }
}
