package dev.airlock.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Notices about lasting conditions, said the first time (and again when the text changes) rather
 * than on every run. What was said is kept under the data directory, one file per notice and key.
 */
public final class OnceNotices {
    private OnceNotices() {}

    /** Whether {@code text} is new for this notice and key; records it if so. */
    public static boolean first(Path dataDir, String notice, String key, String text) {
        Path file = dataDir.resolve("notices").resolve(notice + "-" + safe(key));
        if (read(file).filter(text::equals).isPresent()) {
            return false;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".notice", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Not remembered: it is said again next time, which is the safe side of a notice.
        }
        return true;
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A profile name as a file name: anything but [A-Za-z0-9._-] as %XX, so names cannot collide or escape. */
    private static String safe(String key) {
        StringBuilder b = new StringBuilder();
        for (byte c : key.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || (c == '.' && b.length() > 0)) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }
}
