package dev.airlock.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Test helpers that read and rewrite the log file directly, as an attacker or a crash would. */
final class LogFiles {

    private LogFiles() {
    }

    /** The complete lines (without '\n'); an unterminated tail is left out. */
    static List<String> lines(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n') + 1;
            return text.substring(0, end).lines().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, List<String> lines) {
        try {
            Files.writeString(file, lines.stream().map(l -> l + "\n").collect(Collectors.joining()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A log with {@code n} session events. */
    static AuditLog logWith(Path dir, int n) {
        AuditLog log = AuditLog.open(dir);
        for (int i = 1; i <= n; i++) {
            log.append("session.start", Optional.of("s-" + i), Map.of("role", "arn:aws:iam::111122223333:role/r" + i));
        }
        return log;
    }
}
