package dev.airlock.policy.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JSON text into a located {@link Json} tree, refusing duplicate keys and trailing text. */
public final class JsonReader {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final int MAX_DEPTH = 64;

    private JsonReader() {}

    /** Parses {@code text}; throws {@link JsonSyntaxException} with the location of the fault. */
    public static Json read(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JsonSyntaxException("the document is empty", new Json.Location(1, 1));
            }
            Json value = readValue(p, 0);
            if (p.nextToken() != null) {
                throw new JsonSyntaxException("unexpected text after the end of the JSON value", loc(p));
            }
            return value;
        } catch (JsonParseException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            throw new JsonSyntaxException("malformed JSON: " + msg,
                    new Json.Location(l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr()));
        } catch (IOException e) {
            throw new JsonSyntaxException("unreadable JSON: " + e.getMessage(), new Json.Location(0, 0));
        }
    }

    private static Json readValue(JsonParser p, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new JsonSyntaxException("JSON nested deeper than " + MAX_DEPTH + " levels", loc(p));
        }
        Json.Location at = loc(p);
        switch (p.currentToken()) {
            case START_OBJECT:
                return readObject(p, at, depth);
            case START_ARRAY:
                List<Json> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p, depth + 1));
                }
                return new Json.Arr(List.copyOf(items), at);
            case VALUE_STRING:
                return new Json.Str(p.getText(), at);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Json.Num(p.getText(), at);
            case VALUE_TRUE:
                return new Json.Bool(true, at);
            case VALUE_FALSE:
                return new Json.Bool(false, at);
            case VALUE_NULL:
                return new Json.Null(at);
            default:
                throw new JsonSyntaxException("unexpected token " + p.currentToken(), at);
        }
    }

    private static Json readObject(JsonParser p, Json.Location at, int depth) throws IOException {
        Map<String, Json.Member> members = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Json.Location keyAt = loc(p);
            if (members.containsKey(key)) {
                throw new JsonSyntaxException("duplicate key \"" + key + "\"", keyAt);
            }
            p.nextToken();
            members.put(key, new Json.Member(key, keyAt, readValue(p, depth + 1)));
        }
        return new Json.Obj(java.util.Collections.unmodifiableMap(members), at);
    }

    private static Json.Location loc(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return new Json.Location(l.getLineNr(), l.getColumnNr());
    }
}
