package dev.airlock.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * Checks every line's MAC, its link to the line before (prev hash) and its sequence number, then the
 * end of the log against the checkpoint, and reports the first problem. Works on the raw bytes only.
 */
final class Verifier {

    private final AuditPaths paths;
    private final Mac mac;

    private int lines;
    private boolean incompleteTail;
    private String expectedPrev = LineFormat.GENESIS;
    private long lastSeq;
    private Optional<String> hashAtCheckpoint = Optional.empty();
    private Optional<VerifyReport.Broken> broken = Optional.empty();
    /** Set when line 1's MAC fails; cleared as soon as any line verifies (then it was an edit, not the key). */
    private boolean everyMacFailed;

    private Verifier(AuditPaths paths, Mac mac) {
        this.paths = paths;
        this.mac = mac;
    }

    static VerifyReport verify(AuditPaths paths, Optional<AuditKey> key) throws IOException {
        // Snapshot checkpoint and size together under the lock: read in the other order, an append in
        // between would make a longer checkpoint than log, which looks exactly like truncation.
        long[] size = new long[1];
        Checkpoint.State[] checkpoint = new Checkpoint.State[1];
        Optional<Mac> mac = key.map(AuditKey::newMac);
        DirectoryLock.shared(paths.lock(), () -> {
            checkpoint[0] = mac.isPresent() ? Checkpoint.read(paths.checkpoint(), mac.get()) : new Checkpoint.Missing();
            size[0] = sizeOf(paths);
            return null;
        });
        if (mac.isEmpty()) {
            return size[0] == 0 ? new VerifyReport.Intact(0, false) : new VerifyReport.Broken(1, "the key file "
                    + paths.key() + " is missing, so no line can be authenticated", 0);
        }
        return new Verifier(paths, mac.get()).run(size[0], checkpoint[0]);
    }

    private VerifyReport run(long size, Checkpoint.State checkpoint) throws IOException {
        long checkpointSeq = checkpoint instanceof Checkpoint.Valid v ? v.checkpoint().seq() : -1;
        RawLines.forEach(paths.log(), size, (number, bytes, length, complete) -> {
            if (!complete) {
                incompleteTail = true;
                return false;
            }
            if (broken.isPresent()) {
                return stillEveryMacFailed(bytes, length);
            }
            check(number, bytes, length);
            if (broken.isEmpty() && number == checkpointSeq) {
                hashAtCheckpoint = Optional.of(AuditKey.sha256Hex(bytes, 0, length));
            }
            return broken.isEmpty() || everyMacFailed;
        });
        if (broken.isPresent()) {
            if (everyMacFailed && !(checkpoint instanceof Checkpoint.Valid)) {
                return new VerifyReport.Broken(1, "no line verifies under the key file " + paths.key()
                        + " (MAC mismatch on every line and on the checkpoint): it is not the key this log was "
                        + "written with, or the whole log was rewritten", 0);
            }
            return broken.get();
        }
        return checkEnd(checkpoint);
    }

    private void check(int number, byte[] bytes, int length) {
        Optional<LineFormat.Raw> parsed = LineFormat.Raw.parse(bytes, length);
        if (parsed.isEmpty()) {
            fail(number, "line " + number + " was edited (not a well-formed audit record)");
            return;
        }
        LineFormat.Raw raw = parsed.get();
        if (!raw.macMatches(bytes, length, mac)) {
            everyMacFailed = number == 1;
            fail(number, "line " + number + " was edited (MAC mismatch)");
            return;
        }
        if (!raw.prev().equals(expectedPrev)) {
            fail(number, number == 1
                    ? "line 1 does not start the log (its prev hash is not the genesis value: the lines before it "
                            + "were deleted)"
                    : "line " + number + " does not follow line " + (number - 1)
                            + " (prev hash mismatch: a line was deleted, inserted or reordered)");
            return;
        }
        if (raw.seq() != lastSeq + 1) {
            fail(number, "sequence jumps from " + lastSeq + " to " + raw.seq());
            return;
        }
        lines = number;
        lastSeq = raw.seq();
        expectedPrev = AuditKey.sha256Hex(bytes, 0, length);
    }

    private boolean stillEveryMacFailed(byte[] bytes, int length) {
        Optional<LineFormat.Raw> raw = LineFormat.Raw.parse(bytes, length);
        if (raw.isPresent() && raw.get().macMatches(bytes, length, mac)) {
            everyMacFailed = false;
        }
        return everyMacFailed;
    }

    private void fail(int number, String reason) {
        broken = Optional.of(new VerifyReport.Broken(number, reason, number - 1));
    }

    /** All present lines verify; now rule out lines cut off the end. */
    private VerifyReport checkEnd(Checkpoint.State checkpoint) {
        int after = lines + 1;
        if (checkpoint instanceof Checkpoint.Missing) {
            return lines == 0 ? new VerifyReport.Intact(0, incompleteTail) : new VerifyReport.Broken(after,
                    "the checkpoint " + paths.checkpoint() + " is missing, so truncation cannot be ruled out", lines);
        }
        if (checkpoint instanceof Checkpoint.Damaged d) {
            return new VerifyReport.Broken(after, d.why(), lines);
        }
        Checkpoint cp = ((Checkpoint.Valid) checkpoint).checkpoint();
        if (cp.seq() > lastSeq) {
            return new VerifyReport.Broken(after, "log ends at seq " + lastSeq + " but the last checkpoint recorded seq "
                    + cp.seq() + ": truncated", lines);
        }
        String expected = cp.seq() == 0 ? LineFormat.GENESIS : hashAtCheckpoint.orElse("");
        if (!expected.equals(cp.hash())) {
            int at = (int) Math.max(1, cp.seq());
            return new VerifyReport.Broken(at, "line " + at + " is not the line the checkpoint recorded (hash "
                    + "mismatch): the log was rewritten from there on", at - 1);
        }
        return new VerifyReport.Intact(lines, incompleteTail);
    }

    private static long sizeOf(AuditPaths paths) throws IOException {
        try {
            return Files.size(paths.log());
        } catch (NoSuchFileException e) {
            return 0;
        }
    }
}
