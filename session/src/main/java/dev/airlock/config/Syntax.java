package dev.airlock.config;

import java.nio.file.Path;
import java.util.Locale;

/** The config file's format, and how examples in messages are written in it. */
enum Syntax {
    TOML("table"),
    YAML("mapping");

    /** What a key/value map is called in this format. */
    final String mapWord;

    Syntax(String mapWord) {
        this.mapWord = mapWord;
    }

    /** By file extension: .yaml and .yml are YAML, everything else is treated as TOML. */
    static Syntax of(Path file) {
        return isYaml(file) ? YAML : TOML;
    }

    static boolean isYaml(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    static boolean isToml(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".toml");
    }

    /** {@code key = "value"} or {@code key: value}. */
    String keyValue(String key, String value) {
        return this == TOML ? key + " = \"" + value + "\"" : key + ": " + value;
    }

    /** {@code key = ["a", "b"]} or {@code key: [a, b]}. */
    String keyList(String key, String... values) {
        StringBuilder s = new StringBuilder(key).append(this == TOML ? " = [" : ": [");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(this == TOML ? "\"" + values[i] + "\"" : values[i]);
        }
        return s.append(']').toString();
    }

    /** How to write a new profile, for "add one" hints. */
    String tableExample(String profile) {
        String key = ConfigPath.bareOrQuoted(profile);
        return this == TOML
                ? "[profiles." + key + "] table with role_arn = \"arn:aws:iam::123456789012:role/NAME\""
                : "'" + profile + ":' entry under 'profiles:' with role_arn: arn:aws:iam::123456789012:role/NAME";
    }
}
