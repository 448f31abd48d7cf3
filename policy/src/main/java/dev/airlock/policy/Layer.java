package dev.airlock.policy;

/** The kinds of policy that take part in an authorisation decision. */
public enum Layer {
    SCP("service control policy"),
    RCP("resource control policy"),
    RESOURCE("resource policy"),
    IDENTITY("identity policy"),
    PERMISSIONS_BOUNDARY("permissions boundary"),
    SESSION("session policy");

    private final String description;

    Layer(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
