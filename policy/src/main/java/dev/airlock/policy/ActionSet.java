package dev.airlock.policy;

import dev.airlock.policy.match.Wildcard;
import java.util.List;

/** A statement's {@code Action} (or, when {@code negated}, {@code NotAction}) patterns. */
public record ActionSet(List<Wildcard> patterns, boolean negated) {

    public ActionSet {
        patterns = List.copyOf(patterns);
    }

    /** Matches an action already lower-cased (action names are case-insensitive). */
    public boolean matchesLowerCase(String action) {
        boolean any = false;
        for (Wildcard w : patterns) {
            if (w.matchesNormalized(action)) {
                any = true;
                break;
            }
        }
        return any != negated;
    }
}
