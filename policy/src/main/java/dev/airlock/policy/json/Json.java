package dev.airlock.policy.json;

import java.util.List;
import java.util.Map;

/**
 * A JSON value that remembers where it was in the source text, so that a refused policy can say
 * exactly which line and column is at fault. Jackson's tree model drops locations, hence this.
 */
public sealed interface Json {

    Location location();

    /** A short name of the JSON type for error messages ("string", "array", ...). */
    String typeName();

    record Location(int line, int column) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column;
        }
    }

    record Str(String value, Location location) implements Json {
        public String typeName() {
            return "string";
        }
    }

    /** A number kept as its source text: IAM compares numbers as decimals, never as doubles. */
    record Num(String text, Location location) implements Json {
        public String typeName() {
            return "number";
        }
    }

    record Bool(boolean value, Location location) implements Json {
        public String typeName() {
            return "boolean";
        }
    }

    record Null(Location location) implements Json {
        public String typeName() {
            return "null";
        }
    }

    record Arr(List<Json> items, Location location) implements Json {
        public String typeName() {
            return "array";
        }
    }

    /** An object; members keep source order and each key its own location. */
    record Obj(Map<String, Member> members, Location location) implements Json {
        public String typeName() {
            return "object";
        }
    }

    record Member(String key, Location keyLocation, Json value) {}
}
