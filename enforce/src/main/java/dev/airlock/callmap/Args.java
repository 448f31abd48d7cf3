package dev.airlock.callmap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input members of an RPC-style call, whether they came as a JSON object (AWS JSON 1.0/1.1,
 * REST-JSON bodies) or as Query-protocol parameters. Members the mapper reads must have the shape
 * it expects; a wrong shape is refused rather than skipped.
 */
sealed interface Args permits Args.Json, Args.Query {

    /** A string member; empty when absent. */
    Optional<String> str(String name) throws Unmappable;

    /** A boolean member as {@code "true"}/{@code "false"}; empty when absent. */
    Optional<String> bool(String name) throws Unmappable;

    /** A list of strings ({@code Name.member.N} / {@code Name.N} in Query form); empty when absent. */
    List<String> strings(String name) throws Unmappable;

    /**
     * A list of {@code {keyField, valueField}} pairs as an ordered map, e.g. {@code Tags} as
     * {@code [{"Key": .., "Value": ..}]} or {@code Tags.member.N.Key}; empty when absent.
     */
    Map<String, String> pairs(String name, String keyField, String valueField) throws Unmappable;

    boolean has(String name);

    /** A JSON request body. */
    record Json(JsonNode root) implements Args {

        /**
         * Strict: one object and nothing after it, no repeated member, no comments or other
         * extensions, numbers kept exactly, valid UTF-8 without lone surrogates. What another JSON
         * parser could read differently is refused, and {@link #bytes} writes what was read.
         */
        private static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();

        static Json parse(byte[] body) throws Unmappable {
            if (body.length == 0) {
                return new Json(MAPPER.createObjectNode());
            }
            Percent.utf8(body);
            try {
                JsonNode root = MAPPER.readTree(body);
                if (root == null || !root.isObject()) {
                    throw new Unmappable("the JSON body is not an object");
                }
                noLoneSurrogates(root);
                return new Json(root);
            } catch (IOException e) {
                String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                throw new Unmappable("malformed JSON body: " + why);
            }
        }

        /** The body to forward: the parsed object written again. */
        byte[] bytes() {
            try {
                return MAPPER.writeValueAsBytes(root);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed JSON body could not be written again", e);
            }
        }

        private static void noLoneSurrogates(JsonNode node) throws Unmappable {
            if (node.isTextual()) {
                lone(node.textValue());
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                lone(e.getKey());
                noLoneSurrogates(e.getValue());
            }
            if (node.isArray()) {
                for (JsonNode element : node) {
                    noLoneSurrogates(element);
                }
            }
        }

        private static void lone(String s) throws Unmappable {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new Unmappable("the JSON body holds an unpaired UTF-16 surrogate escape");
                }
            }
        }

        @Override
        public Optional<String> str(String name) throws Unmappable {
            return text(root, name);
        }

        @Override
        public Optional<String> bool(String name) throws Unmappable {
            JsonNode n = root.get(name);
            if (n == null || n.isNull()) {
                return Optional.empty();
            }
            if (!n.isBoolean()) {
                throw new Unmappable(name + " is not a boolean");
            }
            return Optional.of(Boolean.toString(n.booleanValue()));
        }

        @Override
        public List<String> strings(String name) throws Unmappable {
            return textList(root, name);
        }

        @Override
        public Map<String, String> pairs(String name, String keyField, String valueField) throws Unmappable {
            JsonNode n = root.get(name);
            Map<String, String> out = new LinkedHashMap<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isArray()) {
                throw new Unmappable(name + " is not a list");
            }
            for (JsonNode e : n) {
                if (!e.isObject()) {
                    throw new Unmappable(name + " has an entry that is not an object");
                }
                String k = text(e, keyField).orElseThrow(() -> new Unmappable(name + " entry without " + keyField));
                String v = text(e, valueField).orElse("");
                Pairs.put(out, k, v, name);
            }
            return out;
        }

        @Override
        public boolean has(String name) {
            JsonNode n = root.get(name);
            return n != null && !n.isNull();
        }

        /** A JSON object member as a string map ({@code {"k": "v"}}); empty when absent. */
        Map<String, String> stringMap(String name) throws Unmappable {
            return stringMap(root, name);
        }

        static Map<String, String> stringMap(JsonNode parent, String name) throws Unmappable {
            JsonNode n = parent.get(name);
            Map<String, String> out = new LinkedHashMap<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isObject()) {
                throw new Unmappable(name + " is not a map");
            }
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw new Unmappable(name + "." + e.getKey() + " is not a string");
                }
                Pairs.put(out, e.getKey(), e.getValue().textValue(), name);
            }
            return out;
        }

        static Optional<String> text(JsonNode parent, String name) throws Unmappable {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                return Optional.empty();
            }
            if (!n.isTextual()) {
                throw new Unmappable(name + " is not a string");
            }
            return Optional.of(n.textValue());
        }

        static List<String> textList(JsonNode parent, String name) throws Unmappable {
            JsonNode n = parent.get(name);
            List<String> out = new ArrayList<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isArray()) {
                throw new Unmappable(name + " is not a list");
            }
            for (JsonNode e : n) {
                if (!e.isTextual()) {
                    throw new Unmappable(name + " has an entry that is not a string");
                }
                out.add(e.textValue());
            }
            return out;
        }
    }

    /** Query-protocol parameters. */
    record Query(Params params) implements Args {

        @Override
        public Optional<String> str(String name) {
            return params.get(name);
        }

        @Override
        public Optional<String> bool(String name) throws Unmappable {
            Optional<String> v = params.get(name);
            if (v.isPresent() && !v.get().equals("true") && !v.get().equals("false")) {
                throw new Unmappable(name + " is not a boolean");
            }
            return v;
        }

        @Override
        public List<String> strings(String name) throws Unmappable {
            return params.list(name);
        }

        @Override
        public Map<String, String> pairs(String name, String keyField, String valueField) throws Unmappable {
            Map<String, String> out = new LinkedHashMap<>();
            java.util.regex.Pattern entry = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(name)
                    + "((?:\\.member)?\\.\\d+)\\.(?:" + java.util.regex.Pattern.quote(keyField) + "|"
                    + java.util.regex.Pattern.quote(valueField) + ")");
            java.util.Set<String> entries = new java.util.HashSet<>();
            for (String n : params.names()) {
                java.util.regex.Matcher m = entry.matcher(n);
                if (m.matches()) {
                    entries.add(m.group(1));
                }
            }
            for (String infix : List.of(".member.", ".")) {
                for (int i = 1; ; i++) {
                    String at = name + infix + i + ".";
                    Optional<String> k = params.get(at + keyField);
                    if (k.isEmpty()) {
                        if (params.has(at + valueField)) {
                            throw new Unmappable(at + valueField + " has no matching " + keyField);
                        }
                        break;
                    }
                    Pairs.put(out, k.get(), params.get(at + valueField).orElse(""), name);
                }
            }
            if (entries.size() != out.size()) {
                throw new Unmappable(name + " entries are not numbered 1..N");
            }
            return out;
        }

        @Override
        public boolean has(String name) {
            return params.has(name) || params.names().stream().anyMatch(n -> n.startsWith(name + "."));
        }
    }

    /** Shared helper for building tag-like maps. */
    final class Pairs {
        private Pairs() {}

        static void put(Map<String, String> out, String k, String v, String what) throws Unmappable {
            for (String existing : out.keySet()) {
                if (existing.equalsIgnoreCase(k)) {
                    throw new Unmappable(what + " names " + k + " twice (condition keys are case-insensitive)");
                }
            }
            out.put(k, v);
        }
    }
}
