package dev.airlock.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;

/** One append, run while holding the directory lock: read the tail, check it, repair it, write, checkpoint. */
final class Appender {

    private static final String REPAIRED = "audit.repaired";

    private Appender() {
    }

    /** One event to write, already validated and converted to JSON. */
    record Draft(String type, Optional<String> session, ObjectNode fields) {}

    /**
     * Writes {@code drafts} as consecutive lines with one write and one sync: a burst of events (the
     * calls of an enforced session) costs one disk flush, not one each.
     */
    static List<AuditRecord> appendLocked(AuditPaths paths, Mac mac, List<Draft> drafts) throws IOException {
        Checkpoint.State checkpoint = Checkpoint.read(paths.checkpoint(), mac);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        List<byte[]> events = new ArrayList<>(drafts.size());
        byte[] event = null;
        long seq;
        try (FileChannel ch = FileChannel.open(paths.log(), Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), AuditPaths.ownerOnlyFile())) {
            LogTail tail = LogTail.read(ch);
            Position at = Position.of(tail, paths);
            requireConsistent(paths, checkpoint, at);
            seq = at.seq();
            String prev = at.hash();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            if (tail.partialBytes() > 0) {
                // An interrupted write left an unterminated line; nothing can be chained onto it, so cut it
                // off (we hold the lock, so no writer is still producing it) and say so in the log.
                byte[] dropped = LogTail.readRange(ch, tail.completeEnd(), tail.size());
                ch.truncate(tail.completeEnd());
                ch.force(true);
                ObjectNode repaired = LineFormat.JSON.createObjectNode();
                repaired.put("droppedBytes", dropped.length);
                repaired.put("droppedSha256", AuditKey.sha256Hex(dropped, 0, dropped.length));
                byte[] line = LineFormat.line(++seq, now, REPAIRED, Optional.empty(), repaired, prev, mac);
                lines.writeBytes(line);
                lines.write('\n');
                prev = AuditKey.sha256Hex(line, 0, line.length);
            }
            for (Draft d : drafts) {
                event = LineFormat.line(++seq, now, d.type(), d.session(), d.fields(), prev, mac);
                lines.writeBytes(event);
                lines.write('\n');
                events.add(event);
                prev = AuditKey.sha256Hex(event, 0, event.length);
            }
        }
        try (FileChannel ch = FileChannel.open(paths.log(), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(lines.toByteArray());
            // One write call in practice; the loop only covers a short write, which the lock keeps unshared.
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        new Checkpoint(seq, AuditKey.sha256Hex(event, 0, event.length)).write(paths, mac);
        List<AuditRecord> records = new ArrayList<>(events.size());
        for (byte[] e : events) {
            records.add(LineFormat.record(e, e.length));
        }
        return records;
    }

    /**
     * The checkpoint may lag the log by one line (a crash between writing the line and the checkpoint) but
     * never lead it, and where it can be compared cheaply it must name the same line.
     */
    private static void requireConsistent(AuditPaths paths, Checkpoint.State state, Position at) {
        if (state instanceof Checkpoint.Damaged d) {
            throw new AuditException("refusing to append: " + d.why(), paths.checkpoint(), AuditLog.FRESH_START_HINT);
        }
        if (state instanceof Checkpoint.Missing) {
            if (at.seq() > 0) {
                throw new AuditException("refusing to append: the checkpoint " + paths.checkpoint() + " is missing, "
                        + "so truncation of " + paths.log() + " cannot be ruled out", paths.checkpoint(),
                        AuditLog.FRESH_START_HINT);
            }
            return;
        }
        Checkpoint cp = ((Checkpoint.Valid) state).checkpoint();
        boolean ok = cp.seq() < at.seq() - 1
                || (cp.seq() == at.seq() && cp.hash().equals(at.hash()))
                || (cp.seq() == at.seq() - 1 && cp.hash().equals(at.prev()));
        if (!ok) {
            throw new AuditException("refusing to append: " + paths.log() + " ends at seq " + at.seq()
                    + " but the checkpoint recorded seq " + cp.seq()
                    + (cp.seq() > at.seq() ? " (the log was truncated)" : " with another line (the log was rewritten)"),
                    paths.log(), AuditLog.FRESH_START_HINT);
        }
    }

    /** The last complete line: its seq, its hash (the next line's prev) and its own prev. */
    private record Position(long seq, String hash, String prev) {
        static Position of(LogTail tail, AuditPaths paths) {
            if (tail.last().isEmpty()) {
                return new Position(0, LineFormat.GENESIS, LineFormat.GENESIS);
            }
            byte[] last = tail.last().get();
            LineFormat.Raw raw = LineFormat.Raw.parse(last, last.length).orElseThrow(() -> new AuditException(
                    "refusing to append: the last line of " + paths.log() + " is not a well-formed audit record",
                    paths.log(), AuditLog.FRESH_START_HINT));
            return new Position(raw.seq(), AuditKey.sha256Hex(last, 0, last.length), raw.prev());
        }
    }
}
