package dev.airlock.policy;

/**
 * Where a policy is attached, which decides the elements its statements must and must not have:
 * identity-side policies never name a principal and always name resources; resource policies
 * always name a principal.
 */
public enum PolicyKind {
    IDENTITY("identity policy", false),
    SESSION("session policy", false),
    PERMISSIONS_BOUNDARY("permissions boundary", false),
    SCP("service control policy", false),
    RESOURCE("resource policy", true),
    RCP("resource control policy", true),
    /** Unknown placement (lint): both shapes are accepted. */
    ANY("policy", false);

    private final String description;
    private final boolean principalRequired;

    PolicyKind(String description, boolean principalRequired) {
        this.description = description;
        this.principalRequired = principalRequired;
    }

    public String description() {
        return description;
    }

    public boolean principalRequired() {
        return principalRequired;
    }

    public boolean principalForbidden() {
        return !principalRequired && this != ANY;
    }
}
