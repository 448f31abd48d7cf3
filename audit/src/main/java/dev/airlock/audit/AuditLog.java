package dev.airlock.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tamper-evident audit log: {@code audit.jsonl} in one directory, one JSON event per line, each line
 * carrying the SHA-256 of the line before and an HMAC-SHA256 under a local key ({@code audit.key}), plus a
 * MAC'd checkpoint ({@code audit.checkpoint}) of the last seq and line hash so truncation shows too.
 * See {@link LineFormat} for the exact bytes.
 *
 * <p>Appends are safe across threads and processes: each takes an exclusive lock on {@code audit.lock},
 * reads the tail under it, writes the whole line with one write to an APPEND channel and forces it to
 * disk. A crash mid-write leaves at worst an unterminated last line; {@link #verify()} reports that as
 * an interrupted write, and the next append cuts it off and records an {@code audit.repaired} event.
 *
 * <p>An append refuses (with {@link AuditException}) to extend a log its checkpoint shows was truncated or
 * rewritten, or whose key is missing: chaining new lines onto it would make the damage look legitimate.
 *
 * <p>Secrets never go in: every field passes this log's {@link SecretGuard} ({@link #guard()}), which
 * redacts what looks like a credential or is one the process {@linkplain SecretGuard#protect holds}, and
 * the record lists what it redacted.
 */
public final class AuditLog {

    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    static final String FRESH_START_HINT = "run 'airlock audit verify' to see what happened; to start a new "
            + "log, move audit.jsonl and audit.checkpoint aside (keep them as evidence)";

    private final AuditPaths paths;
    private final Optional<AuditKey> key;
    private final SecretGuard guard = new SecretGuard();

    private AuditLog(AuditPaths paths, Optional<AuditKey> key) {
        this.paths = paths;
        this.key = key;
    }

    /**
     * The guard every appended field passes. Give it the credentials this process holds
     * ({@link SecretGuard#protect}) as soon as it has them, before anything that might contain them is
     * logged; writers of other files that must hold no secret (session records) use it too.
     */
    public SecretGuard guard() {
        return guard;
    }

    /**
     * Opens the log in {@code directory}, creating the directory (rwx------) and, for a log with no lines
     * yet, the key (rw-------, 32 bytes from SecureRandom) and the initial checkpoint. A key is never
     * created for a log that already has lines: lines from another key would fail verification forever.
     * Such a log opens for reading and verify reports the missing key; append refuses.
     */
    public static AuditLog open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new AuditException("the audit directory " + dir + " is a file, not a directory", dir,
                        "point Airlock at a directory (--dir, or AIRLOCK_HOME)");
            }
            Files.createDirectories(dir, AuditPaths.ownerOnlyDirectory());
            AuditPaths paths = new AuditPaths(dir.toRealPath());
            if (needsInitialising(paths)) {
                DirectoryLock.exclusive(paths.lock(), () -> {
                    initialise(paths);
                    return null;
                });
            }
            Optional<AuditKey> key = Files.exists(paths.key()) ? Optional.of(AuditKey.read(paths.key()))
                    : Optional.empty();
            return new AuditLog(paths, key);
        } catch (IOException e) {
            throw new AuditException("cannot open the audit log in " + dir + ": " + describe(e), dir,
                    "check that the directory and its files belong to you and are readable and writable", e);
        }
    }

    /**
     * Appends one event and returns it as written.
     *
     * @param type e.g. {@code session.start}; letters, digits and {@code . _ : -}, at most 64 characters.
     *     Types starting with {@code audit.} are written by the log itself
     * @param fields String, Number, Boolean, {@link Instant} (written as ISO-8601), List and Map of those, or
     *     Optional of those (absent: the field is left out); kept in the map's iteration order. Strings
     *     holding a secret are written redacted, and the record gets a {@code redacted} field saying which
     *     (see {@link SecretGuard})
     * @throws IllegalArgumentException for a bad type, a reserved or secret-looking field name, or a value of
     *     another kind (nothing is written)
     * @throws AuditException if the log cannot be written, or its key or checkpoint show it must not be
     */
    public AuditRecord append(String type, Optional<String> sessionId, Map<String, ?> fields) {
        return appendAll(List.of(new Event(type, sessionId, fields))).get(0);
    }

    /** One event for {@link #appendAll}. */
    public record Event(String type, Optional<String> sessionId, Map<String, ?> fields) {}

    /**
     * Appends {@code events} in order as consecutive lines, under one lock and with one disk sync;
     * for bursts such as an enforced session's calls. Every event is validated as by {@link #append}
     * before anything is written, so a bad one writes none.
     */
    public List<AuditRecord> appendAll(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<Appender.Draft> drafts = new ArrayList<>(events.size());
        for (Event e : events) {
            drafts.add(draft(e));
        }
        AuditKey k = key.orElseThrow(() -> new AuditException("cannot append to " + paths.log() + ": its key file "
                + paths.key() + " is missing", paths.key(), "restore the key file from a backup; " + FRESH_START_HINT));
        try {
            return DirectoryLock.exclusive(paths.lock(), () -> Appender.appendLocked(paths, k.newMac(), drafts));
        } catch (IOException e) {
            throw new AuditException("cannot append to the audit log " + paths.log() + ": " + describe(e), paths.log(),
                    "check that the directory is writable by you and the disk is not full", e);
        }
    }

    private Appender.Draft draft(Event e) {
        String type = e.type();
        if (!TYPE.matcher(type).matches() || type.startsWith("audit.")) {
            throw new IllegalArgumentException("audit event type '" + type + "' is not allowed: use letters, digits "
                    + "and . _ : - (at most 64), not starting with 'audit.'");
        }
        e.sessionId().ifPresent(s -> {
            // Control characters would let a session id rewrite the terminal of whoever lists the log.
            if (s.isBlank() || s.length() > 256 || s.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("a session id must be non-blank, at most 256 characters and "
                        + "free of control characters");
            }
        });
        return new Appender.Draft(type, e.sessionId(), FieldValues.toJson(e.fields(), guard));
    }

    /** Checks the whole log; see {@link VerifyReport} for what is reported. */
    public VerifyReport verify() {
        try {
            return Verifier.verify(paths, key);
        } catch (IOException e) {
            throw new AuditException("cannot read the audit log " + paths.log() + ": " + describe(e), paths.log(),
                    "check that the files in " + paths.dir() + " are readable by you", e);
        }
    }

    /** The last {@code n} records, oldest first. Reads backwards from the end; does not verify. */
    public List<AuditRecord> recent(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("recent(n) needs n >= 0, got " + n);
        }
        List<byte[]> lines;
        try (FileChannel ch = FileChannel.open(paths.log(), StandardOpenOption.READ)) {
            lines = LogTail.lastLines(ch, n);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw readFailure(e);
        }
        List<AuditRecord> out = new ArrayList<>(lines.size());
        for (byte[] line : lines) {
            out.add(parse(line, line.length, "a line near the end"));
        }
        return List.copyOf(out);
    }

    /** Every record of one session, in log order. Reads the whole log; does not verify. */
    public List<AuditRecord> forSession(String sessionId) {
        List<AuditRecord> out = new ArrayList<>();
        forEachComplete((number, bytes, length) -> {
            AuditRecord r = parse(bytes, length, "line " + number);
            if (r.session().filter(sessionId::equals).isPresent()) {
                out.add(r);
            }
        });
        return List.copyOf(out);
    }

    /** The records of each of {@code sessionIds}, in log order, in one pass over the log; does not verify. */
    public java.util.Map<String, List<AuditRecord>> forSessions(java.util.Set<String> sessionIds) {
        java.util.Map<String, List<AuditRecord>> out = new java.util.HashMap<>();
        forEachComplete((number, bytes, length) -> {
            AuditRecord r = parse(bytes, length, "line " + number);
            r.session().filter(sessionIds::contains).ifPresent(id -> out.computeIfAbsent(id, k -> new ArrayList<>()).add(r));
        });
        return out;
    }

    /**
     * The offset just after the last complete line (0 for an empty or missing log): passed to
     * {@link #appendedSince}, it sees only what is appended from now on. Reads backwards from the end.
     */
    public long end() {
        try (FileChannel ch = FileChannel.open(paths.log(), StandardOpenOption.READ)) {
            return LogTail.completeEnd(ch);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    /**
     * What {@link #appendedSince} found: the records asked for, and the offset to pass next time.
     *
     * @param end the byte offset just after the last complete line read
     */
    public record Appended(List<AuditRecord> records, long end) {
        public Appended {
            records = List.copyOf(records);
        }
    }

    /**
     * The records of one {@code type} among the complete lines from byte {@code offset} (a line start, 0
     * or an earlier {@link Appended#end}) on. For a check repeated on every call: when nothing was
     * appended it costs one stat, otherwise a read of the new bytes only, and only lines whose bytes
     * name the type are parsed. If the log is now shorter than {@code offset} (moved aside, a new one
     * started) it is read from the start. Does not verify.
     *
     * @throws AuditException if the log cannot be read, or a line naming the type is not a record
     */
    public Appended appendedSince(long offset, String type) {
        long size;
        try {
            size = Files.size(paths.log());
        } catch (NoSuchFileException e) {
            return new Appended(List.of(), 0);
        } catch (IOException e) {
            throw readFailure(e);
        }
        long from = size < offset ? 0 : offset;
        if (size == from) {
            return new Appended(List.of(), from);
        }
        byte[] needle = ("\"type\":\"" + type + "\"").getBytes(StandardCharsets.UTF_8);
        List<AuditRecord> out = new ArrayList<>();
        long[] end = {from};
        try {
            RawLines.forEach(paths.log(), from, size - from, (number, bytes, length, complete) -> {
                if (!complete) {
                    return false;
                }
                end[0] += length + 1;
                if (contains(bytes, length, needle)) {
                    AuditRecord r = parse(bytes, length, "the line ending at byte " + end[0]);
                    if (r.type().equals(type)) {
                        out.add(r);
                    }
                }
                return true;
            });
        } catch (IOException e) {
            throw readFailure(e);
        }
        return new Appended(out, end[0]);
    }

    private static boolean contains(byte[] bytes, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Writes every complete line: JSONL as stored (so the export verifies under the key), or CSV (see
     * {@link ExportFormat#CSV}). An incomplete last line is left out. Does not verify.
     *
     * @throws UncheckedIOException if {@code out} fails
     */
    public void export(Writer out, ExportFormat format) {
        try {
            if (format == ExportFormat.CSV) {
                CsvExport.header(out);
            }
            forEachComplete((number, bytes, length) -> {
                try {
                    if (format == ExportFormat.JSONL) {
                        out.write(new String(bytes, 0, length, StandardCharsets.UTF_8));
                        out.write('\n');
                    } else {
                        try {
                            CsvExport.row(out, bytes, length);
                        } catch (com.fasterxml.jackson.core.JacksonException e) {
                            throw malformed("line " + number, e);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log file, {@code audit.jsonl}. */
    public Path file() {
        return paths.log();
    }

    private interface CompleteLine {
        void accept(int number, byte[] bytes, int length);
    }

    private void forEachComplete(CompleteLine consumer) {
        try {
            RawLines.forEach(paths.log(), Long.MAX_VALUE, (number, bytes, length, complete) -> {
                if (complete) {
                    consumer.accept(number, bytes, length);
                }
                return true;
            });
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    private AuditRecord parse(byte[] bytes, int length, String where) {
        try {
            return LineFormat.record(bytes, length);
        } catch (IOException e) {
            throw malformed(where, e);
        }
    }

    private AuditException malformed(String where, Exception e) {
        return new AuditException(where + " of " + paths.log() + " is not a well-formed audit record: "
                + describe(e), paths.log(), "run 'airlock audit verify' to find out what happened to the log", e);
    }

    private AuditException readFailure(IOException e) {
        return new AuditException("cannot read the audit log " + paths.log() + ": " + describe(e), paths.log(),
                "check that the files in " + paths.dir() + " are readable by you", e);
    }

    private static boolean needsInitialising(AuditPaths paths) throws IOException {
        // Only a log without lines is ever initialised, so a read-only copy of a real log opens without the lock.
        return isEmpty(paths.log()) && (isEmpty(paths.key()) || !Files.exists(paths.checkpoint()));
    }

    /** Under the lock, so two processes opening a new directory at once end up with one key. */
    private static void initialise(AuditPaths paths) throws IOException {
        if (!isEmpty(paths.log())) {
            return; // never re-key a log that has lines; see open()
        }
        if (Files.exists(paths.key()) && Files.size(paths.key()) == 0) {
            Files.delete(paths.key()); // a crash between creating and filling the key, before any line
        }
        if (!Files.exists(paths.key())) {
            AuditKey.create(paths.key());
        }
        if (!Files.exists(paths.checkpoint())) {
            Checkpoint.GENESIS.write(paths, AuditKey.read(paths.key()).newMac());
        }
    }

    private static boolean isEmpty(Path file) throws IOException {
        try {
            return Files.size(file) == 0;
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /** These two exceptions' messages are a bare path, which says nothing on its own. */
    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        return String.valueOf(e.getMessage());
    }
}
