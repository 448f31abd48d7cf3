package dev.airlock.policy.condition;

import dev.airlock.policy.match.Arn;
import dev.airlock.policy.match.ArnPattern;
import dev.airlock.policy.match.Wildcard;
import dev.airlock.policy.variable.Template;
import dev.airlock.policy.variable.VariableSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The compiled values of one condition key: answers "does this request value match any of the
 * policy's values" for the operator's comparison. Compiled once per policy.
 */
abstract sealed class PolicyValues {

    /** True when {@code requestValue} matches at least one policy value (the positive comparison). */
    abstract boolean matchesAny(String requestValue, VariableSource vars);

    /**
     * Compiles {@code values} for {@code op}.
     *
     * @throws ConditionValueException naming the first value of the wrong type
     */
    static PolicyValues compile(BaseOperator op, List<String> values, boolean variables) {
        return switch (op.family()) {
            case STRING -> new Strings(templates(values, variables), false);
            case STRING_IGNORE_CASE -> new Strings(templates(values, variables), true);
            case STRING_LIKE -> new Likes(templates(values, variables));
            case NUMERIC -> new Numbers(op, parseAll(values, Values::number,
                    "a number (an integer or decimal such as 10 or 0.5; IAM has no exponent notation like 1e1)"));
            case DATE -> new Dates(op, parseAll(values, Values::date, "a date (ISO 8601 or epoch seconds)"));
            case BOOL -> new Bools(parseAll(values, Values::bool, "true or false"));
            case BINARY -> new Binaries(parseAll(values, Values::base64, "base64"));
            case IP -> new Ips(parseAll(values, Cidr::parse, "an IPv4 or IPv6 address or CIDR block"));
            case ARN -> new Arns(arns(values, variables));
            case NULL -> new Nulls(parseAll(values, Values::bool, "true or false"));
        };
    }

    private static List<Template> templates(List<String> values, boolean variables) {
        List<Template> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(variables ? Template.parse(v) : Template.parse(v.replace("${", "${$}{")));
        }
        return out;
    }

    private static List<ArnPattern> arns(List<String> values, boolean variables) {
        List<ArnPattern> out = new ArrayList<>(values.size());
        for (String v : values) {
            // A bare "*" means every resource in Resource, but the ARN operators compare an ARN's six
            // components one by one and it has none: to match any ARN, say so per component.
            if (v.equals("*")) {
                throw new ConditionValueException(v, "an ARN (arn:partition:service:region:account:resource); a bare "
                        + "\"*\" is not one: write \"arn:*:*:*:*:*\" to match any ARN");
            }
            if (!ArnPattern.isWellFormed(v)) {
                throw new ConditionValueException(v, "an ARN (arn:partition:service:region:account:resource)");
            }
            out.add(ArnPattern.compile(v, variables));
        }
        return out;
    }

    private static <T> List<T> parseAll(List<String> values, java.util.function.Function<String, Optional<T>> reader,
            String expected) {
        List<T> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(reader.apply(v).orElseThrow(() -> new ConditionValueException(v, expected)));
        }
        return out;
    }

    /** StringEquals and friends; values without variables are pre-resolved. */
    static final class Strings extends PolicyValues {
        private final List<Template> templates;
        private final String[] fixed;
        private final boolean ignoreCase;

        Strings(List<Template> templates, boolean ignoreCase) {
            this.templates = templates;
            this.ignoreCase = ignoreCase;
            boolean anyVar = templates.stream().anyMatch(Template::hasVariables);
            this.fixed = anyVar ? null : templates.stream().map(t -> norm(t.source())).toArray(String[]::new);
        }

        private String norm(String s) {
            return ignoreCase ? s.toLowerCase(Locale.ROOT) : s;
        }

        @Override
        boolean matchesAny(String requestValue, VariableSource vars) {
            String r = norm(requestValue);
            if (fixed != null) {
                for (String f : fixed) {
                    if (f.equals(r)) {
                        return true;
                    }
                }
                return false;
            }
            for (Template t : templates) {
                Optional<Template.Resolved> v = t.resolve(vars);
                if (v.isPresent() && norm(v.get().text()).equals(r)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** StringLike: case-sensitive globs; characters from variables are literal. */
    static final class Likes extends PolicyValues {
        private final List<Template> templates;
        private final Wildcard[] fixed;

        Likes(List<Template> templates) {
            this.templates = templates;
            boolean anyVar = templates.stream().anyMatch(Template::hasVariables);
            this.fixed = anyVar ? null
                    : templates.stream().map(t -> Wildcard.compile(t.source(), false)).toArray(Wildcard[]::new);
        }

        @Override
        boolean matchesAny(String requestValue, VariableSource vars) {
            if (fixed != null) {
                for (Wildcard w : fixed) {
                    if (w.matchesNormalized(requestValue)) {
                        return true;
                    }
                }
                return false;
            }
            for (Template t : templates) {
                Optional<Template.Resolved> v = t.resolve(vars);
                if (v.isPresent() && Wildcard.compileMasked(v.get().text(), v.get().wild(), false)
                        .matchesNormalized(requestValue)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Numbers extends PolicyValues {
        private final BaseOperator op;
        private final List<BigDecimal> values;

        Numbers(BaseOperator op, List<BigDecimal> values) {
            this.op = op;
            this.values = values;
        }

        @Override
        boolean matchesAny(String requestValue, VariableSource vars) {
            Optional<BigDecimal> r = Values.number(requestValue);
            return r.isPresent() && values.stream().anyMatch(p -> compare(op, r.get().compareTo(p)));
        }
    }

    static final class Dates extends PolicyValues {
        private final BaseOperator op;
        private final long[] values;

        Dates(BaseOperator op, List<Long> values) {
            this.op = op;
            this.values = values.stream().mapToLong(Long::longValue).toArray();
        }

        @Override
        boolean matchesAny(String requestValue, VariableSource vars) {
            Optional<Long> r = Values.date(requestValue);
            if (r.isEmpty()) {
                return false;
            }
            long rv = r.get();
            return Arrays.stream(values).anyMatch(p -> compare(op, Long.compare(rv, p)));
        }
    }

    /** Maps a comparison of request value to policy value onto the operator's verdict. */
    static boolean compare(BaseOperator op, int cmp) {
        IntPredicate test = switch (op) {
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS -> c -> c == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> c -> c < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> c -> c <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> c -> c > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> c -> c >= 0;
            default -> throw new IllegalStateException("not an ordering operator: " + op);
        };
        return test.test(cmp);
    }

    static final class Bools extends PolicyValues {
        private final List<Boolean> values;

        Bools(List<Boolean> values) {
            this.values = values;
        }

        @Override
        boolean matchesAny(String requestValue, VariableSource vars) {
            Optional<Boolean> r = Values.bool(requestValue);
            return r.isPresent() && values.contains(r.get());
        }
    }

    static final class Binaries extends PolicyValues {
        private final List<byte[]> values;

        Binaries(List<byte[]> values) {
            this.values = values;
        }

        @Override
        boolean matchesAny(String requestValue, VariableSource vars) {
            Optional<byte[]> r = Values.base64(requestValue);
            return r.isPresent() && values.stream().anyMatch(v -> Arrays.equals(v, r.get()));
        }
    }

    static final class Ips extends PolicyValues {
        private final List<Cidr> values;

        Ips(List<Cidr> values) {
            this.values = values;
        }

        @Override
        boolean matchesAny(String requestValue, VariableSource vars) {
            Optional<byte[]> ip = Cidr.address(requestValue.trim());
            return ip.isPresent() && values.stream().anyMatch(c -> c.contains(ip.get()));
        }
    }

    static final class Arns extends PolicyValues {
        private final List<ArnPattern> values;

        Arns(List<ArnPattern> values) {
            this.values = values;
        }

        @Override
        boolean matchesAny(String requestValue, VariableSource vars) {
            Optional<Arn> arn = Arn.parse(requestValue);
            if (arn.isEmpty()) {
                return false;
            }
            for (ArnPattern p : values) {
                if (p.matches(arn, requestValue, vars)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Null: the values say whether the key must be absent (true) or present (false). */
    static final class Nulls extends PolicyValues {
        private final List<Boolean> values;

        Nulls(List<Boolean> values) {
            this.values = values;
        }

        boolean test(boolean present) {
            return values.contains(!present);
        }

        @Override
        boolean matchesAny(String requestValue, VariableSource vars) {
            throw new UnsupportedOperationException("Null is evaluated on the key's presence");
        }
    }
}
