package dev.airlock.policy;

import dev.airlock.policy.match.Principal;
import dev.airlock.policy.match.PrincipalMatch;
import dev.airlock.policy.match.PrincipalPattern;
import java.util.List;

/** A statement's {@code Principal} or {@code NotPrincipal} entries. */
public record PrincipalSet(List<PrincipalPattern> patterns, boolean negated) {

    public PrincipalSet {
        patterns = List.copyOf(patterns);
    }

    /**
     * How the entries name {@code p}. For {@code NotPrincipal} a caller that no entry names is
     * matched directly, and one that any entry names is not matched at all.
     */
    public PrincipalMatch match(Principal p) {
        PrincipalMatch best = PrincipalMatch.NONE;
        for (PrincipalPattern pattern : patterns) {
            best = best.best(pattern.match(p));
        }
        if (negated) {
            return best == PrincipalMatch.NONE ? PrincipalMatch.ANY : PrincipalMatch.NONE;
        }
        return best;
    }
}
