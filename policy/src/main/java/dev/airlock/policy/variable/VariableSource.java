package dev.airlock.policy.variable;

import java.util.Optional;

/** Where policy variables take their values from: the request context. */
@FunctionalInterface
public interface VariableSource {
    /**
     * The single value of a lower-cased context key; empty when the key is absent or has several
     * values (a multi-valued key cannot stand in a policy variable).
     */
    Optional<String> single(String lowerCaseKey);
}
