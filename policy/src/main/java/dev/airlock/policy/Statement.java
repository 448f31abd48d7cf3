package dev.airlock.policy;

import dev.airlock.policy.condition.ConditionBlock;
import java.util.Optional;

/**
 * One compiled statement.
 *
 * @param index position in the policy's Statement list, from 0
 * @param principals present only in resource-side policies
 */
public record Statement(int index, Optional<String> sid, Effect effect, ActionSet actions, ResourceSet resources,
        Optional<PrincipalSet> principals, ConditionBlock conditions) {

    /** "Sid" when the statement has one, otherwise "#index". */
    public String label() {
        return sid.filter(s -> !s.isEmpty()).orElse("#" + index);
    }
}
