package dev.airlock.policy;

import dev.airlock.policy.variable.VariableSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The condition keys of a request and their values. Key names are case-insensitive, as in IAM. A
 * key is single-valued, or multivalued (a set, such as {@code aws:TagKeys}) with any number of
 * values: IAM tells the two apart by the key, not by how many values a request happens to carry
 * (IAM User Guide, "Single-valued vs. multivalued context keys").
 */
public final class RequestContext implements VariableSource {

    private static final RequestContext EMPTY = new RequestContext(Map.of(), Set.of());

    private final Map<String, List<String>> values;
    private final Set<String> multivalued;

    private RequestContext(Map<String, List<String>> lowerCased, Set<String> multivalued) {
        this.values = lowerCased;
        this.multivalued = multivalued;
    }

    public static RequestContext empty() {
        return EMPTY;
    }

    /**
     * Builds a context from keys in any case; each value list is copied. A key with exactly one
     * value is single-valued, any other is multivalued.
     */
    public static RequestContext of(Map<String, List<String>> values) {
        return of(values, Set.of());
    }

    /**
     * Like {@link #of(Map)}, and the keys named in {@code multivalued} (any case) are multivalued
     * even with a single value, as {@code aws:TagKeys} is in a request that adds one tag.
     */
    public static RequestContext of(Map<String, List<String>> values, Set<String> multivalued) {
        Map<String, List<String>> copy = new HashMap<>(values.size() * 2);
        values.forEach((k, v) -> copy.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v), (a, b) -> {
            throw new IllegalArgumentException("context key " + k + " is given twice (keys are case-insensitive)");
        }));
        Set<String> sets = new HashSet<>();
        copy.forEach((k, v) -> {
            if (v.size() != 1) {
                sets.add(k);
            }
        });
        multivalued.forEach(k -> sets.add(k.toLowerCase(Locale.ROOT)));
        sets.retainAll(copy.keySet());
        return new RequestContext(Map.copyOf(copy), Set.copyOf(sets));
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

    /** Whether the request carries the (lower-cased) key as a multivalued key. */
    public boolean multivaluedLowerCase(String lowerKey) {
        return multivalued.contains(lowerKey);
    }

    /** A multivalued key is never a policy variable's value, even when it holds one value. */
    @Override
    public Optional<String> single(String lowerCaseKey) {
        List<String> v = values.get(lowerCaseKey);
        return v != null && v.size() == 1 && !multivalued.contains(lowerCaseKey) ? Optional.of(v.get(0))
                : Optional.empty();
    }

    public Map<String, List<String>> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
