package dev.airlock.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts event fields to JSON and back. Only plain data is accepted, so what is logged is exactly what
 * the caller meant (no accidental toString() of an object holding credentials). Every name passes
 * {@link SecretGuard#checkName}; every string passes {@link SecretGuard#redact}, and the fields that were
 * redacted are listed, after the caller's own, under {@value #REDACTED} as
 * {@code [{"field":"resources[0]","reason":"aws-secret-access-key shape"}, ...]}.
 */
final class FieldValues {

    static final String REDACTED = "redacted";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SecretGuard guard;
    private final ArrayNode redactions = NODES.arrayNode();

    private FieldValues(SecretGuard guard) {
        this.guard = guard;
    }

    static ObjectNode toJson(Map<String, ?> fields, SecretGuard guard) {
        FieldValues values = new FieldValues(guard);
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            String name = values.requireName(e.getKey(), "");
            if (LineFormat.RESERVED.contains(name)) {
                throw new IllegalArgumentException("audit field '" + name + "' is reserved for the log itself; "
                        + "reserved names are " + LineFormat.RESERVED);
            }
            values.value(name, e.getValue()).ifPresent(v -> out.set(name, v));
        }
        if (!values.redactions.isEmpty()) {
            out.set(REDACTED, values.redactions);
        }
        return out;
    }

    /** Empty for an absent Optional, which means "omit this field". */
    private Optional<JsonNode> value(String path, Object v) {
        if (v == null) {
            throw new IllegalArgumentException("audit field '" + path + "' is null; pass Optional.empty() to omit it");
        }
        if (v instanceof Optional<?> o) {
            return o.isEmpty() ? Optional.empty() : value(path, o.get());
        }
        return Optional.of(present(path, v));
    }

    private JsonNode present(String path, Object v) {
        if (v instanceof String s) {
            return NODES.textNode(redacted(path, s));
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (v instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("audit field '" + path + "' is " + d + ", which JSON cannot hold");
            }
            return NODES.numberNode(d);
        }
        if (v instanceof Instant i) {
            return NODES.textNode(i.toString());
        }
        if (v instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                String item = path + "[" + i + "]";
                array.add(value(item, list.get(i)).orElseThrow(() -> new IllegalArgumentException(
                        "audit field '" + item + "' is an empty Optional; a list cannot omit an element")));
            }
            return array;
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("audit field '" + path + "' has a key that is not a String");
                }
                String name = requireName(key, path + ".");
                value(path + "." + name, e.getValue()).ifPresent(x -> object.set(name, x));
            }
            return object;
        }
        throw new IllegalArgumentException("audit field '" + path + "' is a " + v.getClass().getName()
                + "; only String, Number, Boolean, Instant, List, Map and Optional of those can be logged");
    }

    private String redacted(String path, String value) {
        SecretGuard.Redacted r = guard.redact(value);
        for (SecretGuard.Reason reason : r.reasons()) {
            redactions.addObject().put("field", path).put("reason", reason.label());
        }
        return r.text();
    }

    private String requireName(String name, String parent) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("audit field names must not be blank (under '" + parent + "')");
        }
        guard.checkName(name);
        return name;
    }

    /** Plain Java values for a parsed JSON value; JSON null (which this log never writes) is refused. */
    static Object toJava(JsonNode n) {
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isArray()) {
            List<Object> items = new ArrayList<>();
            n.forEach(item -> items.add(toJava(item)));
            return Collections.unmodifiableList(items);
        }
        if (n.isObject()) {
            return Collections.unmodifiableMap(toJavaMap(n));
        }
        throw new IllegalArgumentException("unexpected JSON " + n.getNodeType());
    }

    static Map<String, Object> toJavaMap(JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), toJava(e.getValue()));
        }
        return out;
    }
}
