package dev.airlock.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and validates the config file. Every failure is a {@link ConfigException} naming the file
 * and, for problems inside it, the line and column.
 */
public final class ConfigLoader {

    /** A config file is a few kilobytes; anything over this is not one. */
    static final long MAX_SIZE = 1 << 20;

    private ConfigLoader() {
    }

    /**
     * Loads {@code file}: TOML when it ends in .toml, YAML for .yaml or .yml.
     *
     * @throws ConfigException if it cannot be read, is not valid TOML/YAML, or has an unknown key
     *     or a bad value
     */
    public static AirlockConfig load(Path file) {
        Objects.requireNonNull(file, "file");
        Syntax syntax;
        if (Syntax.isToml(file)) {
            syntax = Syntax.TOML;
        } else if (Syntax.isYaml(file)) {
            syntax = Syntax.YAML;
        } else {
            throw new ConfigException(file, "cannot tell the format from the file name",
                    "name the file with a .toml, .yaml or .yml extension");
        }
        String text = read(file);
        ConfigNode.Table root = DocumentReader.read(file, text, syntax);
        return new ConfigValidator(file, syntax).validate(root);
    }

    /**
     * Loads the config file {@link AirlockPaths#configFile} finds, if there is one.
     *
     * @throws ConfigException if the file is invalid, if {@code AIRLOCK_CONFIG} names a file that
     *     does not exist, or if the config directory holds both a TOML and a YAML file
     */
    public static Optional<AirlockConfig> loadIfPresent(Map<String, String> env) {
        Optional<Path> file = AirlockPaths.configFile(env);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        if (AirlockPaths.explicitConfigFile(env).isPresent() && Files.notExists(file.get())) {
            throw new ConfigException(file.get(), "does not exist (AIRLOCK_CONFIG names it)",
                    "create it with 'airlock init' (which writes to $AIRLOCK_CONFIG), or unset AIRLOCK_CONFIG");
        }
        return Optional.of(load(file.get()));
    }

    /**
     * As {@link #loadIfPresent}, but a missing config file is an error too.
     *
     * @throws ConfigException naming where the file was looked for, with a hint to run airlock init
     */
    public static AirlockConfig loadRequired(Map<String, String> env) {
        return loadIfPresent(env).orElseThrow(() -> {
            Path target = AirlockPaths.defaultConfigTarget(env);
            return new ConfigException(target, "no config file (looked for "
                    + String.join(", ", AirlockPaths.CONFIG_NAMES) + " in " + AirlockPaths.configDir(env) + ")",
                    "run 'airlock init' to create " + target + ", or set AIRLOCK_CONFIG to a config file");
        });
    }

    private static String read(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(file, "is a directory, not a config file", "");
            }
            long size = Files.size(file);
            if (size > MAX_SIZE) {
                throw new ConfigException(file, "is " + size + " bytes; a config file is at most 1 MiB",
                        "check that this is the right file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, 0, "does not exist", "run 'airlock init --path " + file
                    + "' to create it", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(file, 0, 0, "cannot be read: permission denied",
                    "check the file's owner and mode (ls -l " + file + "); it should be readable by you "
                            + "(chmod 600 is enough)", e);
        } catch (IOException e) {
            throw new ConfigException(file, 0, 0, "cannot be read: " + e.getMessage(), "", e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, firstBadLine(bytes), 0, "is not UTF-8 text", "save it as UTF-8", e);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The line of the first byte sequence that is not UTF-8, or 0. */
    private static int firstBadLine(byte[] bytes) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return 0;
    }
}
