package dev.airlock.sigv4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Immutable, multi-valued, case-insensitive HTTP headers, independent of any HTTP library.
 *
 * <p>Names are kept lower-cased (ASCII) and sorted, which is also the order SigV4 wants. The values of a
 * name keep the order in which the header lines arrived.
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(Collections.emptySortedMap());

    private final SortedMap<String, List<String>> byName;

    private Headers(SortedMap<String, List<String>> byName) {
        this.byName = byName;
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Copies a map of header lines (any name case; names that differ only by case are merged in map order). */
    public static Headers of(Map<String, ? extends List<String>> lines) {
        Builder builder = builder();
        lines.forEach((name, values) -> values.forEach(value -> builder.add(name, value)));
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All values of {@code name}, in arrival order; empty when absent. */
    public List<String> all(String name) {
        List<String> values = byName.get(lower(name));
        return values == null ? List.of() : values;
    }

    /** The first value of {@code name}. */
    public Optional<String> first(String name) {
        List<String> values = byName.get(lower(name));
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean contains(String name) {
        return byName.containsKey(lower(name));
    }

    /** Lower-cased names, sorted. */
    public java.util.Set<String> names() {
        return byName.keySet();
    }

    public int size() {
        return byName.size();
    }

    /** Visits every name (lower case, sorted) with its values. */
    public void forEach(BiConsumer<String, List<String>> visitor) {
        byName.forEach(visitor);
    }

    /** A copy with {@code name} replaced by the single {@code value}. */
    public Headers with(String name, String value) {
        TreeMap<String, List<String>> copy = new TreeMap<>(byName);
        copy.put(lower(name), List.of(value));
        return new Headers(Collections.unmodifiableSortedMap(copy));
    }

    /** A copy without {@code name}. */
    public Headers without(String name) {
        String key = lower(name);
        if (!byName.containsKey(key)) {
            return this;
        }
        TreeMap<String, List<String>> copy = new TreeMap<>(byName);
        copy.remove(key);
        return new Headers(Collections.unmodifiableSortedMap(copy));
    }

    public Map<String, List<String>> asMap() {
        return byName;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Headers && ((Headers) other).byName.equals(byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return byName.toString();
    }

    /** ASCII lower-casing: header names are tokens, and {@link String#toLowerCase()} is locale-sensitive. */
    static String lower(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = name.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    char d = chars[j];
                    if (d >= 'A' && d <= 'Z') {
                        chars[j] = (char) (d + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return name;
    }

    /** Collects header lines; not thread-safe. */
    public static final class Builder {
        private final TreeMap<String, List<String>> byName = new TreeMap<>();

        private Builder() {
        }

        /** Appends one header line. */
        public Builder add(String name, String value) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty header name");
            }
            byName.computeIfAbsent(lower(name), k -> new ArrayList<>(1)).add(value);
            return this;
        }

        public Headers build() {
            TreeMap<String, List<String>> frozen = new TreeMap<>();
            byName.forEach((name, values) -> frozen.put(name, List.copyOf(values)));
            return new Headers(Collections.unmodifiableSortedMap(frozen));
        }
    }
}
