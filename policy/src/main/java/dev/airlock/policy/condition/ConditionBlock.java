package dev.airlock.policy.condition;

import dev.airlock.policy.RequestContext;
import java.util.List;

/** A statement's {@code Condition} element: every condition must hold. */
public record ConditionBlock(List<Condition> conditions) {

    private static final ConditionBlock NONE = new ConditionBlock(List.of());

    public ConditionBlock {
        conditions = List.copyOf(conditions);
    }

    public static ConditionBlock none() {
        return NONE;
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    public boolean test(RequestContext context) {
        for (Condition c : conditions) {
            if (!c.test(context)) {
                return false;
            }
        }
        return true;
    }
}
