package dev.airlock.cli.helper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code helper status} shows of a running helper: its pid, when it started, how long it has
 * been idle, and the environment it serves (secret variables named, never their values). Kept in a
 * 0600 file next to the helper's socket; the file's modification time is when it last served.
 *
 * @param socket the helper's socket
 * @param pid the helper's process id
 * @param started when it began listening
 * @param lastUsed when it last finished serving a request (its start if none)
 * @param environment the variables it resolves credentials and files from, secret ones as {@code (set)}
 */
record HelperInfo(Path socket, long pid, Instant started, Instant lastUsed, Map<String, String> environment) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path file(Path socket) {
        String name = socket.getFileName().toString().replaceFirst("\\.sock$", "");
        return socket.resolveSibling(name + ".info");
    }

    Duration idle(Instant now) {
        return Duration.between(lastUsed, now).isNegative() ? Duration.ZERO : Duration.between(lastUsed, now);
    }

    /** Written by the helper once it listens. */
    static void write(Path socket, long pid, Instant started, Map<String, String> env) throws IOException {
        ObjectNode o = JSON.createObjectNode().put("pid", pid).put("started", started.toString());
        ObjectNode e = o.putObject("environment");
        new TreeMap<>(env).forEach((k, v) -> {
            if (HelperAddress.fingerprinted(k)) {
                e.put(k, HelperAddress.secret(k) ? "(set)" : v);
            }
        });
        Path file = file(socket);
        Path tmp = Files.createTempFile(file.getParent(), ".info", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, JSON.writeValueAsBytes(o));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Marks the helper as used now; best effort, as the file only informs {@code status}. */
    static void touch(Path socket) {
        try {
            Files.setLastModifiedTime(file(socket), FileTime.from(Instant.now()));
        } catch (IOException e) {
            // status then shows it idle since its last recorded use
        }
    }

    static void remove(Path socket) {
        try {
            Files.deleteIfExists(file(socket));
        } catch (IOException e) {
            // a stale file is shown as stale
        }
    }

    /** The helper's info, if its file is there and readable. */
    static Optional<HelperInfo> read(Path socket) {
        Path file = file(socket);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            JsonNode o = JSON.readTree(Files.readAllBytes(file));
            Map<String, String> env = new TreeMap<>();
            o.path("environment").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
            return Optional.of(new HelperInfo(socket, o.path("pid").asLong(), Instant.parse(o.path("started").asText()),
                    Files.getLastModifiedTime(file).toInstant(), env));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
