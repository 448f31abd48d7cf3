package dev.airlock.broker.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Function;

/**
 * A file the running broker reads again whenever it changed (size, modification time or inode),
 * so the owner's {@code clients add} or {@code token revoke} takes effect on the next request.
 */
final class ReloadingFile<T> {
    private final Path file;
    private final Function<byte[], T> parse;
    private final T absent;
    private Object stamp = "";
    private T value;

    ReloadingFile(Path file, Function<byte[], T> parse, T absent) {
        this.file = file;
        this.parse = parse;
        this.absent = absent;
        this.value = absent;
    }

    synchronized T get() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            Object now = a.fileKey() + "/" + a.size() + "/" + a.lastModifiedTime().toMillis();
            if (!now.equals(stamp)) {
                value = parse.apply(Files.readAllBytes(file));
                stamp = now;
            }
            return value;
        } catch (NoSuchFileException e) {
            stamp = "";
            value = absent;
            return absent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
