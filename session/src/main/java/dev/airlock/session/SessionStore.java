package dev.airlock.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.airlock.audit.SecretGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Session records as one JSON file each under {@code DATA/sessions/}. Every write goes to a temp
 * file that is renamed into place, so a reader or a crash never sees half a record, and passes the
 * command and resources through a {@link SecretGuard} (the audit log's, so it knows the process's live
 * credentials): a secret-shaped argument is stored redacted, as in the audit's {@code session.start}.
 */
public final class SessionStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;
    private final SecretGuard guard;

    /** @param guard redacts what is saved; pass the audit log's ({@code AuditLog.guard()}) */
    public SessionStore(Path dataDir, SecretGuard guard) {
        this.dir = dataDir.resolve("sessions");
        this.guard = guard;
    }

    /** A store for reading; what it saves is redacted by AWS's key shapes only. */
    public SessionStore(Path dataDir) {
        this(dataDir, new SecretGuard());
    }

    public void save(SessionRecord given) {
        SessionRecord record = given.redacted(v -> guard.redact(v).text());
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createTempFile(dir, record.id(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
                move(tmp, file(record.id()));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write session record " + record.id() + " in " + dir, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public Optional<SessionRecord> find(String id) {
        if (!SessionIds.looksValid(id)) {
            return Optional.empty();
        }
        Path f = file(id);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(read(f));
    }

    /** All records, newest first. */
    public List<SessionRecord> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<SessionRecord> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".json")).forEach(p -> out.add(read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(Comparator.comparing(SessionRecord::start).reversed().thenComparing(SessionRecord::id));
        return out;
    }

    private static SessionRecord read(Path f) {
        try {
            return JSON.readValue(f.toFile(), SessionRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("session record " + f + " is unreadable", e);
        }
    }

    /**
     * Writes the marker {@code ID.revoked} and sets the record's status to REVOKED (it keeps its history).
     * Only {@link Revocations} calls this: it also records the revocation in the audit log, and is the one
     * place that answers whether a session is revoked.
     *
     * @return false when there is no such session
     */
    boolean markRevoked(String id) {
        Optional<SessionRecord> record = find(id);
        if (record.isEmpty()) {
            return false;
        }
        try {
            Files.createDirectories(dir);
            Path marker = marker(id);
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark session " + id + " revoked in " + dir, e);
        }
        SessionRecord r = record.get();
        save(new SessionRecord(r.id(), r.profile(), r.roleArn(), r.assumedRoleArn(), r.accessKeyId(), r.actions(),
                r.resources(), r.command(), r.start(), r.expires(), r.end(), r.exitCode(), SessionStatus.REVOKED));
        return true;
    }

    /** One stat. */
    boolean hasRevokedMarker(String id) {
        return SessionIds.looksValid(id) && Files.exists(marker(id));
    }

    private Path marker(String id) {
        return dir.resolve(id + ".revoked");
    }

    private Path file(String id) {
        return dir.resolve(id + ".json");
    }
}
