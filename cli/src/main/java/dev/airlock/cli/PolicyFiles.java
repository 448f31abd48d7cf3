package dev.airlock.cli;

import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicyParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads policy documents from files, turning every failure into a {@link BadInputException}. */
public final class PolicyFiles {

    private PolicyFiles() {}

    public static Policy read(Path file, PolicyKind kind) {
        return parse(file.toString(), kind, text(file));
    }

    public static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("policy file " + file + " does not exist", "check the path");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BadInputException("cannot read policy file " + file + ": " + e.getMessage(),
                    "check that it is a readable UTF-8 text file");
        }
    }

    public static Policy parse(String name, PolicyKind kind, String json) {
        try {
            return Policy.parse(name, kind, json);
        } catch (PolicyParseException e) {
            throw new BadInputException("invalid " + kind.description() + " " + e.getMessage(),
                    "fix it and re-run; 'airlock lint " + name + "' checks a policy on its own and shows its warnings");
        }
    }
}
