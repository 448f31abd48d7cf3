package dev.airlock.broker.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The API's one JSON reader. A body is read once, into the record both the token check and the
 * planner use; duplicate keys, unknown fields, nulls, trailing data and coerced scalars ("5" for 5)
 * are refused, and fields a client must never set (approval, tier, upstream, ...) are refused by name.
 */
public final class ApiJson {

    /** Fields that decide what a session is allowed rather than what it asks for: the broker sets them. */
    static final Set<String> PRIVILEGED = Set.of("approved", "approval", "tier", "upstream", "openedBy", "client",
            "profile", "role", "policy", "principal", "sessionPolicy", "admin");

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .build();

    private ApiJson() {}

    /** The body as {@code type}, whose record components name the only fields accepted. */
    public static <T> T read(byte[] body, Class<T> type, Set<String> fields) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiProblem.invalid("malformed-json", "the body is not one JSON document: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiProblem.invalid("malformed-json", "the body cannot be read");
        }
        if (tree == null || !tree.isObject()) {
            throw ApiProblem.invalid("malformed-json", "the body must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (PRIVILEGED.contains(f.getKey())) {
                throw ApiProblem.invalid("privileged-field", "\"" + f.getKey() + "\" is decided by the broker, never by "
                        + "the client: leave it out");
            }
            if (!fields.contains(f.getKey())) {
                throw ApiProblem.invalid("unknown-field", "unknown field \"" + f.getKey() + "\"; the fields are "
                        + new java.util.TreeSet<>(fields));
            }
        }
        noNulls(tree, "");
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw ApiProblem.invalid("invalid-value", e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("invalid-value", e.getMessage());
        }
    }

    private static void noNulls(JsonNode node, String path) {
        if (node.isNull()) {
            throw ApiProblem.invalid("invalid-value", (path.isEmpty() ? "the body" : path) + " is null: leave the field "
                    + "out instead");
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> noNulls(e.getValue(), path + "." + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                noNulls(node.get(i), path + "[" + i + "]");
            }
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
