package dev.airlock.tls;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM file holding a run's CA certificate, as handed to the child in {@code AWS_CA_BUNDLE}.
 * Closing deletes it: the file is only meaningful while the run's proxy is alive.
 *
 * @param path the absolute path of the PEM file
 */
public record CaBundle(Path path) implements Closeable {

    public CaBundle {
        Objects.requireNonNull(path, "path");
    }

    /** Deletes the file; deleting one that is already gone is not an error. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
