package dev.airlock.policy;

import dev.airlock.policy.match.Arn;
import dev.airlock.policy.match.ArnPattern;
import dev.airlock.policy.variable.VariableSource;
import java.util.List;
import java.util.Optional;

/**
 * A statement's {@code Resource} or {@code NotResource} patterns. A statement without either (as
 * in a role trust policy) applies to the resource the policy is attached to, so it matches all.
 */
public record ResourceSet(List<ArnPattern> patterns, boolean negated, boolean present) {

    public ResourceSet {
        patterns = List.copyOf(patterns);
    }

    public static ResourceSet absent() {
        return new ResourceSet(List.of(), false, false);
    }

    public boolean matches(Optional<Arn> arn, String raw, VariableSource vars) {
        if (!present) {
            return true;
        }
        boolean any = false;
        for (ArnPattern p : patterns) {
            if (p.matches(arn, raw, vars)) {
                any = true;
                break;
            }
        }
        return any != negated;
    }
}
