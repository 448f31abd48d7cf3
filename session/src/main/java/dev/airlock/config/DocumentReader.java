package dev.airlock.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlStreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.airlock.config.ConfigNode.Array;
import dev.airlock.config.ConfigNode.Entry;
import dev.airlock.config.ConfigNode.Kind;
import dev.airlock.config.ConfigNode.Loc;
import dev.airlock.config.ConfigNode.Null;
import dev.airlock.config.ConfigNode.Scalar;
import dev.airlock.config.ConfigNode.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Reads a TOML or YAML document into {@link ConfigNode}s with Jackson's streaming parser, keeping
 * the location of every key and value: YAML's tokens carry their own; for TOML they come from
 * {@link TomlLocator}. Syntax errors become {@link ConfigException}s with Jackson's line and column.
 */
final class DocumentReader {

    private static final TomlFactory TOML = TomlFactory.builder().build();
    /** {@code key:} with nothing after it is null (unset), as {@code ~} is; {@code key: ""} stays "". */
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

    /** Where keys and values are. */
    private interface Locations {
        Loc key(ConfigPath path, JsonParser p);

        Loc value(ConfigPath path, JsonParser p);
    }

    private final Path file;
    private final Syntax syntax;
    private final Locations locations;

    private DocumentReader(Path file, Syntax syntax, Locations locations) {
        this.file = file;
        this.syntax = syntax;
        this.locations = locations;
    }

    /** The document's top-level table (empty for an empty file). */
    static Table read(Path file, String text, Syntax syntax) {
        return syntax == Syntax.TOML ? readToml(file, text) : readYaml(file, text);
    }

    private static Table readToml(Path file, String text) {
        JsonParser parser;
        try {
            parser = TOML.createParser(text);
            // The TOML parser parses the whole document up front: syntax errors surface here.
            parser.nextToken();
        } catch (TomlStreamReadException e) {
            throw tomlSyntaxError(file, text, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        TomlLocator located = TomlLocator.scan(text);
        Locations locations = new Locations() {
            @Override
            public Loc key(ConfigPath path, JsonParser p) {
                return located.key(path);
            }

            @Override
            public Loc value(ConfigPath path, JsonParser p) {
                return path.isRoot() ? new Loc(1, 1) : located.value(path);
            }
        };
        try (JsonParser p = parser) {
            return new DocumentReader(file, Syntax.TOML, locations).root(p);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static Table readYaml(Path file, String text) {
        Locations locations = new Locations() {
            @Override
            public Loc key(ConfigPath path, JsonParser p) {
                return loc(p.currentTokenLocation());
            }

            @Override
            public Loc value(ConfigPath path, JsonParser p) {
                return loc(p.currentTokenLocation());
            }
        };
        try (JsonParser p = YAML.createParser(text)) {
            if (p.nextToken() == null) {
                return new Table(new Loc(1, 1), new LinkedHashMap<>());
            }
            DocumentReader reader = new DocumentReader(file, Syntax.YAML, locations);
            Table root = reader.root(p);
            if (p.nextToken() != null) {
                Loc at = loc(p.currentTokenLocation());
                throw new ConfigException(file, at.line(), at.column(),
                        "a second YAML document starts here; the config file holds one",
                        "remove the '---' separator and the second document, or merge the two");
            }
            return root;
        } catch (JacksonException e) {
            throw yamlSyntaxError(file, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        } catch (RuntimeException e) {
            if (e instanceof ConfigException c) {
                throw c;
            }
            // SnakeYAML's own errors (limits, unresolvable tags) are not always wrapped by Jackson.
            throw yamlSyntaxError(file, e);
        }
    }

    /** The top-level value, which must be a table; the parser is on its first token. */
    private Table root(JsonParser p) throws IOException {
        ConfigNode node = value(p, ConfigPath.ROOT);
        if (node instanceof Table t) {
            return t;
        }
        if (node instanceof Null) {
            return new Table(node.loc(), new LinkedHashMap<>());
        }
        throw new ConfigException(file, node.loc().line(), node.loc().column(),
                "the file must be a " + syntax.mapWord + " of settings (default_profile, profiles), not "
                        + ConfigValidator.describe(node, syntax),
                "see 'airlock init --path FILE' for a commented example");
    }

    private ConfigNode value(JsonParser p, ConfigPath path) throws IOException {
        JsonToken token = p.currentToken();
        Loc at = locations.value(path, p);
        if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new ConfigException(file, at.line(), at.column(), path + ": YAML aliases (*" + p.getText()
                    + ") are not supported", "write the settings out in full where they are needed");
        }
        switch (token) {
            case START_OBJECT -> {
                LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    ConfigPath keyPath = path.key(key);
                    Loc keyLoc = locations.key(keyPath, p);
                    if (syntax == Syntax.YAML && key.equals("<<")) {
                        throw new ConfigException(file, keyLoc.line(), keyLoc.column(), keyPath
                                + ": YAML merge keys (<<) are not supported", "write the settings out in full");
                    }
                    Entry earlier = entries.get(key);
                    if (earlier != null) {
                        throw new ConfigException(file, keyLoc.line(), keyLoc.column(), keyPath + ": duplicate key"
                                + (earlier.keyLoc().known() ? " (first set on line " + earlier.keyLoc().line() + ")" : ""),
                                "keep one of the two");
                    }
                    p.nextToken();
                    entries.put(key, new Entry(key, keyLoc, value(p, keyPath)));
                }
                return new Table(at, entries);
            }
            case START_ARRAY -> {
                List<ConfigNode> items = new ArrayList<>();
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p, path.index(index++)));
                }
                return new Array(at, items);
            }
            case VALUE_STRING -> {
                return new Scalar(at, Kind.STRING, p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return new Scalar(at, Kind.INTEGER, p.getText());
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Scalar(at, Kind.FLOAT, p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Scalar(at, Kind.BOOLEAN, p.getText());
            }
            case VALUE_NULL -> {
                return new Null(at);
            }
            default -> {
                return new Scalar(at, Kind.OTHER, String.valueOf(p.getText()));
            }
        }
    }

    private static ConfigException tomlSyntaxError(Path file, String text, TomlStreamReadException e) {
        String problem = e.getOriginalMessage();
        Loc at = loc(e.getLocation());
        if (problem != null && problem.toLowerCase().contains("duplicate")) {
            // Jackson points past the duplicate; the locator knows the key itself.
            Optional<TomlLocator.Duplicate> dup = TomlLocator.scan(text).duplicate();
            if (dup.isPresent()) {
                TomlLocator.Duplicate d = dup.get();
                return new ConfigException(file, d.loc().line(), d.loc().column(), d.path() + ": defined twice"
                        + (d.first().known() ? " (first on line " + d.first().line() + ")" : ""),
                        "keep one of the two", e);
            }
        }
        return new ConfigException(file, at.line(), at.column(), "TOML syntax error: " + problem,
                "strings need quotes (ttl = \"15m\"), lists brackets (allow = [\"s3:GetObject\"]); "
                        + "see 'airlock init --path FILE' for a commented example", e);
    }

    private static ConfigException yamlSyntaxError(Path file, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                String problem = m.getProblem();
                String context = m.getContext() != null && m.getContextMark() != null
                        ? " (" + m.getContext() + " started on line " + (m.getContextMark().getLine() + 1) + ")"
                        : "";
                return new ConfigException(file, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1,
                        "YAML syntax error: " + problem + context,
                        "check the quoting and the indentation (spaces, not tabs) around that line; "
                                + "see 'airlock init --path FILE' for a commented example (TOML, same keys)", e);
            }
        }
        Loc at = e instanceof JacksonException j ? loc(j.getLocation()) : Loc.UNKNOWN;
        String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        return new ConfigException(file, at.line(), at.column(), "YAML syntax error: " + message,
                "see 'airlock init --path FILE' for a commented example", e);
    }

    private static ConfigException unreadable(Path file, IOException e) {
        return new ConfigException(file, 0, 0, "cannot be read: " + e.getMessage(), "", e);
    }

    private static Loc loc(JsonLocation l) {
        if (l == null || l.getLineNr() <= 0) {
            return Loc.UNKNOWN;
        }
        return new Loc(l.getLineNr(), Math.max(0, l.getColumnNr()));
    }
}
