package dev.airlock.policy;

import dev.airlock.policy.variable.VariableSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The condition keys of a request and their values. Key names are case-insensitive, as in IAM; a
 * key maps to one value or, for multi-valued keys such as {@code aws:TagKeys}, to several.
 */
public final class RequestContext implements VariableSource {

    private static final RequestContext EMPTY = new RequestContext(Map.of());

    private final Map<String, List<String>> values;

    private RequestContext(Map<String, List<String>> lowerCased) {
        this.values = lowerCased;
    }

    public static RequestContext empty() {
        return EMPTY;
    }

    /** Builds a context from keys in any case; each value list is copied. */
    public static RequestContext of(Map<String, List<String>> values) {
        Map<String, List<String>> copy = new HashMap<>(values.size() * 2);
        values.forEach((k, v) -> copy.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v), (a, b) -> {
            throw new IllegalArgumentException("context key " + k + " is given twice (keys are case-insensitive)");
        }));
        return new RequestContext(Map.copyOf(copy));
    }

    /** Builds a context of single-valued keys. */
    public static RequestContext ofSingle(Map<String, String> values) {
        Map<String, List<String>> m = new HashMap<>();
        values.forEach((k, v) -> m.put(k, List.of(v)));
        return of(m);
    }

    /** The values of {@code key} (any case); empty when the request does not carry the key. */
    public Optional<List<String>> get(String key) {
        return Optional.ofNullable(values.get(key.toLowerCase(Locale.ROOT)));
    }

    /** Lookup by a key the caller has already lower-cased (the evaluator's hot path). */
    public Optional<List<String>> getLowerCase(String lowerKey) {
        return Optional.ofNullable(values.get(lowerKey));
    }

    @Override
    public Optional<String> single(String lowerCaseKey) {
        List<String> v = values.get(lowerCaseKey);
        return v != null && v.size() == 1 ? Optional.of(v.get(0)) : Optional.empty();
    }

    public Map<String, List<String>> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
