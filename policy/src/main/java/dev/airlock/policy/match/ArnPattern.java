package dev.airlock.policy.match;

import dev.airlock.policy.variable.Template;
import dev.airlock.policy.variable.VariableSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ARN pattern as IAM matches it in {@code Resource} and in the {@code Arn*} condition
 * operators: each of the five parts after {@code arn:} is matched on its own, case-sensitively,
 * with {@code *} and {@code ?} wildcards that never cross into a neighbouring part. The pattern
 * {@code *} alone matches every resource.
 */
public final class ArnPattern {

    private final String source;
    private final boolean matchesAll;
    /** Five compiled parts when the pattern has no variables; otherwise null and templates used. */
    private final Wildcard[] parts;
    private final Template[] templates;

    private ArnPattern(String source, boolean matchesAll, Wildcard[] parts, Template[] templates) {
        this.source = source;
        this.matchesAll = matchesAll;
        this.parts = parts;
        this.templates = templates;
    }

    /** Whether {@code text} is {@code *} or has the ARN's six parts; the parser's validity test. */
    public static boolean isWellFormed(String text) {
        return text.equals("*") || splitPattern(text).isPresent();
    }

    /**
     * Compiles {@code text}; {@code withVariables} says whether {@code ${...}} is a policy variable
     * (policy version 2012-10-17) or literal text (2008-10-17).
     *
     * @throws IllegalArgumentException when the text is neither {@code *} nor a six-part ARN
     */
    public static ArnPattern compile(String text, boolean withVariables) {
        if (text.equals("*")) {
            return new ArnPattern(text, true, null, null);
        }
        List<String> split = splitPattern(text)
                .orElseThrow(() -> new IllegalArgumentException("not an ARN: " + text));
        Template[] templates = new Template[5];
        boolean variables = false;
        for (int i = 0; i < 5; i++) {
            templates[i] = Template.parse(split.get(i));
            variables |= withVariables && templates[i].hasVariables();
        }
        if (variables) {
            return new ArnPattern(text, false, null, templates);
        }
        Wildcard[] parts = new Wildcard[5];
        for (int i = 0; i < 5; i++) {
            parts[i] = Wildcard.compile(split.get(i), false);
        }
        return new ArnPattern(text, false, parts, null);
    }

    /**
     * Splits on the first five colons, skipping colons inside {@code ${...}} so a variable default
     * such as {@code ${aws:username}} stays whole.
     */
    private static Optional<List<String>> splitPattern(String text) {
        if (!text.startsWith("arn:")) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>(5);
        int start = 4;
        int depth = 0;
        for (int i = 4; i < text.length() && out.size() < 4; i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ':' && depth == 0) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (out.size() < 4) {
            return Optional.empty();
        }
        out.add(text.substring(start));
        return Optional.of(out);
    }

    public String source() {
        return source;
    }

    public boolean matchesAll() {
        return matchesAll;
    }

    /** True when matching needs the request's values for policy variables. */
    public boolean hasVariables() {
        return templates != null;
    }

    /**
     * Matches a resource. {@code arn} is the parsed resource or empty when it is not an ARN (such a
     * resource, for example {@code *}, only matches the pattern {@code *}).
     */
    public boolean matches(Optional<Arn> arn, String raw, VariableSource vars) {
        if (matchesAll) {
            return true;
        }
        if (arn.isEmpty()) {
            return false;
        }
        Arn a = arn.get();
        if (parts != null) {
            for (int i = 0; i < 5; i++) {
                if (!parts[i].matchesNormalized(a.part(i))) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < 5; i++) {
            Optional<Template.Resolved> r = templates[i].resolve(vars);
            if (r.isEmpty()) {
                return false;
            }
            if (!Wildcard.compileMasked(r.get().text(), r.get().wild(), false).matchesNormalized(a.part(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return source;
    }
}
