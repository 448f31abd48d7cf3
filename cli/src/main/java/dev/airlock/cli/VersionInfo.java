package dev.airlock.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: Airlock's version and commit, and the Java running it. */
public final class VersionInfo implements IVersionProvider {

    static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"airlock " + VERSION + " (commit " + commit() + ")",
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")"};
    }

    /** Written by the build (git rev-parse); "unknown" for a build outside a git checkout. */
    static String commit() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("commit.txt")) {
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9a-f]{7,40}") ? text : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
