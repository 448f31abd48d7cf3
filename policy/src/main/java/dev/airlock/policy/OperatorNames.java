package dev.airlock.policy;

import dev.airlock.policy.condition.BaseOperator;
import dev.airlock.policy.condition.ConditionOperator;
import java.util.ArrayList;
import java.util.List;

/** Every spelling of every condition operator, for "did you mean" hints. */
final class OperatorNames {
    static final List<String> ALL;

    static {
        List<String> names = new ArrayList<>();
        for (ConditionOperator.SetQualifier q : ConditionOperator.SetQualifier.values()) {
            for (BaseOperator b : BaseOperator.values()) {
                names.add(q.prefix() + b.awsName());
                if (b != BaseOperator.NULL) {
                    names.add(q.prefix() + b.awsName() + "IfExists");
                }
            }
        }
        ALL = List.copyOf(names);
    }

    private OperatorNames() {}
}
