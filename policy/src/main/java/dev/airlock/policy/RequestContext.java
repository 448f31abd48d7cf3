package dev.airlock.policy;

import dev.airlock.policy.variable.VariableSource;
import java.util.Collections;
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
     *
     * @throws IllegalArgumentException when a key is given twice in different cases
     */
    public static RequestContext of(Map<String, List<String>> values, Set<String> multivalued) {
        Set<String> sets = new HashSet<>();
        multivalued.forEach(k -> sets.add(k.toLowerCase(Locale.ROOT)));
        Builder b = builder();
        values.forEach((k, v) -> {
            if (!b.add(k, v, sets.contains(k.toLowerCase(Locale.ROOT)))) {
                throw new IllegalArgumentException("context key " + k + " is given twice (keys are case-insensitive)");
            }
        });
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects keys one at a time, for callers that read a context key by key (such as a batch of
     * requests) and would otherwise build a map only for {@link #of(Map, Set)} to copy it. A builder
     * builds one context.
     */
    public static final class Builder {
        private Map<String, List<String>> values = new HashMap<>();
        private Set<String> multivalued = new HashSet<>();

        private Builder() {}

        /**
         * Adds {@code key} (any case) with a copy of its values; it is multivalued when {@code set}
         * says so or when it has other than one value.
         *
         * @return false, adding nothing, when the key is there already in some case
         */
        public boolean add(String key, List<String> keyValues, boolean set) {
            String lower = key.toLowerCase(Locale.ROOT);
            if (values.putIfAbsent(lower, List.copyOf(keyValues)) != null) {
                return false;
            }
            if (set || keyValues.size() != 1) {
                multivalued.add(lower);
            }
            return true;
        }

        /** The context; the builder cannot be used afterwards. */
        public RequestContext build() {
            if (values == null) {
                throw new IllegalStateException("this builder has built its context already");
            }
            RequestContext c = values.isEmpty() ? EMPTY
                    : new RequestContext(Collections.unmodifiableMap(values), Collections.unmodifiableSet(multivalued));
            values = null;
            multivalued = null;
            return c;
        }
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
