package dev.airlock.policy.condition;

import java.util.Optional;

/**
 * A full condition operator as written in a policy, e.g. {@code ForAnyValue:StringLikeIfExists}.
 *
 * @param base the comparison
 * @param qualifier how a multi-valued request key is combined
 * @param ifExists whether an absent key makes a plain (non-set) condition true; with a set
 *     qualifier the qualifier's own rule for an absent key applies
 */
public record ConditionOperator(BaseOperator base, SetQualifier qualifier, boolean ifExists) {

    /** How the values of a multi-valued key are combined. */
    public enum SetQualifier {
        /** Single-valued operator: true when any request value matches any policy value. */
        NONE(""),
        /** {@code ForAllValues:} every request value must match; true for an absent or empty key. */
        FOR_ALL_VALUES("ForAllValues:"),
        /** {@code ForAnyValue:} at least one request value must match; false for an absent key. */
        FOR_ANY_VALUE("ForAnyValue:");

        private final String prefix;

        SetQualifier(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** Parses an operator name (case-insensitively); empty when it is not an IAM operator. */
    public static Optional<ConditionOperator> parse(String name) {
        String rest = name;
        SetQualifier q = SetQualifier.NONE;
        for (SetQualifier s : new SetQualifier[] {SetQualifier.FOR_ALL_VALUES, SetQualifier.FOR_ANY_VALUE}) {
            if (rest.regionMatches(true, 0, s.prefix(), 0, s.prefix().length())) {
                q = s;
                rest = rest.substring(s.prefix().length());
            }
        }
        boolean ifExists = false;
        if (rest.length() > 8 && rest.regionMatches(true, rest.length() - 8, "IfExists", 0, 8)) {
            ifExists = true;
            rest = rest.substring(0, rest.length() - 8);
        }
        Optional<BaseOperator> base = BaseOperator.byName(rest);
        if (base.isEmpty() || (ifExists && base.get() == BaseOperator.NULL)) {
            return Optional.empty();
        }
        return Optional.of(new ConditionOperator(base.get(), q, ifExists));
    }

    /** The operator's canonical spelling. */
    public String awsName() {
        return qualifier.prefix() + base.awsName() + (ifExists ? "IfExists" : "");
    }

    @Override
    public String toString() {
        return awsName();
    }
}
