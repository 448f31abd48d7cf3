package dev.airlock.policy.variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Text with IAM policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team, 'x'}},
 * {@code ${*}}, {@code ${?}}, {@code ${$}}), parsed once. Resolving it against a request yields the
 * text plus a mask telling which characters came from the policy (and so may act as wildcards) and
 * which came from the request (always literal).
 */
public final class Template {

    private sealed interface Part permits Text, Variable {}

    private record Text(String text, boolean wildcardCapable) implements Part {}

    /** A context key (lower-cased, as lookups are case-insensitive) with an optional default. */
    private record Variable(String key, Optional<String> fallback) implements Part {}

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Parses {@code text}; a {@code ${} with no closing brace stays literal text, as in IAM. */
    public static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            int close = open < 0 ? -1 : text.indexOf('}', open + 2);
            if (open < 0 || close < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, open);
            String body = text.substring(open + 2, close);
            switch (body) {
                case "*", "?", "$" -> {
                    flush(parts, literal);
                    parts.add(new Text(body, false));
                }
                default -> {
                    flush(parts, literal);
                    parts.add(variable(body));
                }
            }
            i = close + 1;
        }
        flush(parts, literal);
        return new Template(text, List.copyOf(parts));
    }

    private static Part variable(String body) {
        int comma = body.indexOf(',');
        if (comma < 0) {
            return new Variable(body.trim().toLowerCase(Locale.ROOT), Optional.empty());
        }
        String key = body.substring(0, comma).trim().toLowerCase(Locale.ROOT);
        String def = body.substring(comma + 1).trim();
        if (def.length() >= 2 && def.startsWith("'") && def.endsWith("'")) {
            def = def.substring(1, def.length() - 1);
        }
        return new Variable(key, Optional.of(def));
    }

    private static void flush(List<Part> parts, StringBuilder literal) {
        if (literal.length() > 0) {
            parts.add(new Text(literal.toString(), true));
            literal.setLength(0);
        }
    }

    /** True when the text holds at least one variable or escape and so needs resolving. */
    public boolean hasVariables() {
        for (Part p : parts) {
            if (!(p instanceof Text t && t.wildcardCapable())) {
                return true;
            }
        }
        return false;
    }

    /** The context keys this template refers to (lower-cased). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Variable v) {
                keys.add(v.key());
            }
        }
        return keys;
    }

    public String source() {
        return source;
    }

    /**
     * Substitutes every variable. Empty when a variable has no single value in the request and no
     * default: IAM then treats the element that holds it as not matching.
     */
    public Optional<Resolved> resolve(VariableSource values) {
        StringBuilder out = new StringBuilder(source.length() + 16);
        List<int[]> literalRanges = new ArrayList<>(2);
        for (Part p : parts) {
            if (p instanceof Text t) {
                int start = out.length();
                out.append(t.text());
                if (!t.wildcardCapable()) {
                    literalRanges.add(new int[] {start, out.length()});
                }
            } else {
                Variable v = (Variable) p;
                Optional<String> value = values.single(v.key()).or(v::fallback);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                int start = out.length();
                out.append(value.get());
                literalRanges.add(new int[] {start, out.length()});
            }
        }
        boolean[] wild = new boolean[out.length()];
        java.util.Arrays.fill(wild, true);
        for (int[] r : literalRanges) {
            java.util.Arrays.fill(wild, r[0], r[1], false);
        }
        return Optional.of(new Resolved(out.toString(), wild));
    }

    /** Resolved text; {@code wild[i]} is true where character i may act as a wildcard. */
    public record Resolved(String text, boolean[] wild) {}

    @Override
    public String toString() {
        return source;
    }
}
