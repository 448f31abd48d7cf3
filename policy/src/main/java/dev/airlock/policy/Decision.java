package dev.airlock.policy;

import java.util.List;
import java.util.Optional;

/**
 * The answer to a request, with why.
 *
 * @param deciding for an explicit deny the Deny statements that matched; for an allow the Allow
 *     statements that granted it; empty for an implicit deny
 * @param missingAllows for an implicit deny every layer that failed to allow; otherwise empty
 * @param note why no statement decided, when AWS decides the request without its policies (an
 *     action that needs no permission)
 */
public record Decision(Outcome outcome, List<StatementRef> deciding, List<MissingAllow> missingAllows,
        Optional<String> note) {

    public Decision {
        deciding = List.copyOf(deciding);
        missingAllows = List.copyOf(missingAllows);
    }

    public Decision(Outcome outcome, List<StatementRef> deciding, List<MissingAllow> missingAllows) {
        this(outcome, deciding, missingAllows, Optional.empty());
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
