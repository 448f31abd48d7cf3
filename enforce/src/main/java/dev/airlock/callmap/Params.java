package dev.airlock.callmap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decoded {@code name=value} pairs of a URL query or a form body, in order. A name given twice is
 * refused: which of the two a service would honour is not something to guess.
 */
final class Params {

    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    static Params empty() {
        return new Params(new LinkedHashMap<>());
    }

    /** Parses a raw URL query; {@code +} is refused as ambiguous. */
    static Params query(String raw) throws Unmappable {
        return parse(raw, false);
    }

    /** Parses an {@code application/x-www-form-urlencoded} body, where {@code +} is a space. */
    static Params form(String raw) throws Unmappable {
        return parse(raw, true);
    }

    private static Params parse(String raw, boolean form) throws Unmappable {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return new Params(out);
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = Percent.decode(eq < 0 ? pair : pair.substring(0, eq), form, !form);
            String value = eq < 0 ? "" : Percent.decode(pair.substring(eq + 1), form, !form);
            if (out.containsKey(name)) {
                throw new Unmappable("parameter \"" + name + "\" is given more than once");
            }
            out.put(name, value);
        }
        return new Params(out);
    }

    /** Both sets of parameters; a name in both is refused. */
    Params merge(Params other) throws Unmappable {
        Map<String, String> out = new LinkedHashMap<>(values);
        for (Map.Entry<String, String> e : other.values.entrySet()) {
            if (out.putIfAbsent(e.getKey(), e.getValue()) != null) {
                throw new Unmappable("parameter \"" + e.getKey() + "\" is given in both the query and the body");
            }
        }
        return new Params(out);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Set<String> names() {
        return values.keySet();
    }

    Map<String, String> asMap() {
        return values;
    }

    /** These parameters without the named ones. */
    Params without(Set<String> names) {
        Map<String, String> out = new LinkedHashMap<>(values);
        out.keySet().removeAll(names);
        return new Params(out);
    }

    /**
     * The values of a Query-protocol list, {@code Name.1}, {@code Name.2}, ... or
     * {@code Name.member.1}, ...; numbered from 1 without gaps, or refused.
     */
    List<String> list(String name) throws Unmappable {
        List<String> out = new ArrayList<>();
        for (String infix : List.of(".", ".member.")) {
            String prefix = name + infix;
            List<String> found = numbered(prefix);
            if (!found.isEmpty()) {
                if (!out.isEmpty()) {
                    throw new Unmappable("list " + name + " is given in two forms");
                }
                out = found;
            }
        }
        return out;
    }

    private List<String> numbered(String prefix) throws Unmappable {
        int count = 0;
        for (String n : values.keySet()) {
            if (n.startsWith(prefix) && n.substring(prefix.length()).matches("\\d+")) {
                count++;
            }
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String v = values.get(prefix + i);
            if (v == null) {
                throw new Unmappable("list " + prefix + "N is not numbered 1.." + count);
            }
            out.add(v);
        }
        return out;
    }

    /**
     * The parameters encoded again, in order: each name and value percent-encoded once (RFC 3986
     * unreserved characters kept), a parameter with an empty value as its bare name.
     */
    String encode() {
        return encode(true);
    }

    /** As {@link #encode()}, for a form body: every parameter as {@code name=value}. */
    String encodeForm() {
        return encode(false);
    }

    private String encode(boolean bareEmpty) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(Percent.encodeComponent(e.getKey()));
            if (!bareEmpty || !e.getValue().isEmpty()) {
                out.append('=').append(Percent.encodeComponent(e.getValue()));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
