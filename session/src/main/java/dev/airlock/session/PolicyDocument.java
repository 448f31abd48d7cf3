package dev.airlock.session;

import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicyParseException;
import java.util.Objects;

/** A policy as IAM stores it: a name and its JSON text, parsed when it is needed. */
public record PolicyDocument(String name, PolicyKind kind, String json) {
    public PolicyDocument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(json, "json");
    }

    /** @throws RoleInspectionException when the document is not a valid policy */
    public Policy parse() {
        try {
            return Policy.parse(name, kind, json);
        } catch (PolicyParseException e) {
            throw new RoleInspectionException("policy " + name + " does not parse: " + e.getMessage());
        }
    }
}
