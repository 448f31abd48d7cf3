package dev.airlock.policy.condition;

import dev.airlock.policy.RequestContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One operator applied to one condition key with its policy values (OR across the values). A
 * statement's conditions are ANDed by {@link ConditionBlock}.
 */
public final class Condition {

    private final ConditionOperator operator;
    private final String key;
    private final String lowerKey;
    private final List<String> rawValues;
    private final PolicyValues values;

    private Condition(ConditionOperator operator, String key, List<String> rawValues, PolicyValues values) {
        this.operator = operator;
        this.key = key;
        this.lowerKey = key.toLowerCase(Locale.ROOT);
        this.rawValues = rawValues;
        this.values = values;
    }

    /**
     * Compiles one condition. {@code variables} is false for 2008-10-17 policies, where
     * {@code ${...}} is literal text.
     *
     * @throws ConditionValueException when a value does not fit the operator
     */
    public static Condition compile(ConditionOperator operator, String key, List<String> values, boolean variables) {
        return new Condition(operator, key, List.copyOf(values),
                PolicyValues.compile(operator.base(), values, variables));
    }

    public ConditionOperator operator() {
        return operator;
    }

    /** The key as written in the policy. */
    public String key() {
        return key;
    }

    public List<String> values() {
        return rawValues;
    }

    /** Evaluates against a request, following the IAM rules for absent and multi-valued keys. */
    public boolean test(RequestContext context) {
        Optional<List<String>> found = context.getLowerCase(lowerKey);
        if (values instanceof PolicyValues.Nulls nulls) {
            return nulls.test(found.isPresent());
        }
        if (found.isEmpty()) {
            return absent();
        }
        List<String> request = found.get();
        boolean negated = operator.base().negated();
        switch (operator.qualifier()) {
            case FOR_ALL_VALUES:
                for (String r : request) {
                    if (values.matchesAny(r, context) == negated) {
                        return false;
                    }
                }
                return true;
            case FOR_ANY_VALUE:
                for (String r : request) {
                    if (values.matchesAny(r, context) != negated) {
                        return true;
                    }
                }
                return false;
            default:
                // A plain operator compares one value; a set has none to give it, so the condition
                // does not match (IAM User Guide, "Single-valued vs. multivalued context keys":
                // multivalued context keys require a condition set operator).
                if (context.multivaluedLowerCase(lowerKey)) {
                    return false;
                }
                return values.matchesAny(request.get(0), context) != negated;
        }
    }

    /**
     * The verdict when the request lacks the key: ForAllValues is vacuously true and ForAnyValue
     * false, IfExists or not (the set operator's own rule for a missing key decides: IAM User Guide,
     * "Single-valued vs. multivalued context keys"); a plain operator is true with IfExists and
     * otherwise exactly when it is a negated one.
     */
    private boolean absent() {
        return switch (operator.qualifier()) {
            case FOR_ALL_VALUES -> true;
            case FOR_ANY_VALUE -> false;
            case NONE -> operator.ifExists() || operator.base().negated();
        };
    }

    @Override
    public String toString() {
        return operator.awsName() + " " + key + " " + rawValues;
    }
}
