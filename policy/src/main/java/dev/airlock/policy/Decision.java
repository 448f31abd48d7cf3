package dev.airlock.policy;

import java.util.List;

/**
 * The answer to a request, with why.
 *
 * @param deciding for an explicit deny the Deny statements that matched; for an allow the Allow
 *     statements that granted it; empty for an implicit deny
 * @param missingAllows for an implicit deny every layer that failed to allow; otherwise empty
 */
public record Decision(Outcome outcome, List<StatementRef> deciding, List<MissingAllow> missingAllows) {

    public Decision {
        deciding = List.copyOf(deciding);
        missingAllows = List.copyOf(missingAllows);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
