package dev.airlock.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the log forwards as raw bytes split on '\n' only. Not via a Reader: decoding and re-encoding, or
 * treating '\r' as a line end, would change the bytes the hashes and MACs cover.
 */
final class RawLines {

    /** Receives each line (bytes [0, length) of {@code bytes}, which is reused); returns false to stop. */
    interface Consumer {
        boolean line(int number, byte[] bytes, int length, boolean complete) throws IOException;
    }

    private RawLines() {
    }

    /** Reads at most {@code limit} bytes; a final segment without '\n' is passed with complete = false. */
    static void forEach(Path file, long limit, Consumer consumer) throws IOException {
        forEach(file, 0, limit, consumer);
    }

    /** As {@link #forEach(Path, long, Consumer)}, from byte {@code from} (a line start); numbers count from there. */
    static void forEach(Path file, long from, long limit, Consumer consumer) throws IOException {
        InputStream in;
        try {
            in = Channels.newInputStream(Files.newByteChannel(file).position(from));
        } catch (NoSuchFileException e) {
            return;
        }
        try (in) {
            byte[] chunk = new byte[(int) Math.min(64 * 1024, Math.max(limit, 1))];
            byte[] line = new byte[1024];
            int length = 0;
            int number = 0;
            long remaining = limit;
            int n;
            while (remaining > 0 && (n = in.read(chunk, 0, (int) Math.min(chunk.length, remaining))) > 0) {
                remaining -= n;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        if (!consumer.line(++number, line, length, true)) {
                            return;
                        }
                        length = 0;
                    } else {
                        if (length == line.length) {
                            line = Arrays.copyOf(line, line.length * 2);
                        }
                        line[length++] = chunk[i];
                    }
                }
            }
            if (length > 0) {
                consumer.line(++number, line, length, false);
            }
        }
    }
}
