package dev.airlock.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;

/**
 * The last sequence number and line hash the writer recorded, kept beside the log. A hash chain alone
 * cannot show that lines were cut off the end (what remains still chains); the checkpoint can. Stored as
 * {@code {"seq":N,"hash":"<hex>","mac":"<hex>"}} with the mac over the bytes before {@code ,"mac"}, like a
 * line. One key serves both: a checkpoint body has no time, type or prev, so it can never pass as a line.
 */
record Checkpoint(long seq, String hash) {

    static final Checkpoint GENESIS = new Checkpoint(0, LineFormat.GENESIS);
    private static final Pattern FORMAT = Pattern.compile(
            "(\\{\"seq\":(0|[1-9][0-9]{0,17}),\"hash\":\"([0-9a-f]{64})\"),\"mac\":\"([0-9a-f]{64})\"}\n?");

    /** What was found on disk. */
    sealed interface State permits Missing, Damaged, Valid {
    }

    record Missing() implements State {
    }

    record Damaged(String why) implements State {
    }

    record Valid(Checkpoint checkpoint) implements State {
    }

    static State read(Path file, Mac mac) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return new Missing();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new Damaged("the checkpoint " + file + " is not a checkpoint (it was edited)");
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return new Damaged("the checkpoint " + file + " is not a checkpoint (it was edited)");
        }
        byte[] body = m.group(1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(AuditKey.macHex(mac, body, 0, body.length),
                m.group(4).getBytes(StandardCharsets.US_ASCII))) {
            return new Damaged("the checkpoint " + file + " was edited or written under another key (MAC mismatch)");
        }
        return new Valid(new Checkpoint(Long.parseLong(m.group(2)), m.group(3)));
    }

    /** Replaces the checkpoint atomically (temp file + rename), so a crash leaves the old one or the new one. */
    void write(AuditPaths paths, Mac mac) throws IOException {
        byte[] body = ("{\"seq\":" + seq + ",\"hash\":\"" + hash + "\"").getBytes(StandardCharsets.US_ASCII);
        byte[] macHex = AuditKey.macHex(mac, body, 0, body.length);
        ByteBuffer buf = ByteBuffer.allocate(body.length + macHex.length + 11);
        buf.put(body).put(",\"mac\":\"".getBytes(StandardCharsets.US_ASCII)).put(macHex)
                .put("\"}\n".getBytes(StandardCharsets.US_ASCII)).flip();
        Path temp = paths.checkpointTemp();
        try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), AuditPaths.ownerOnlyFile())) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true); // the content must be on disk before the rename makes it the checkpoint
        }
        Files.move(temp, paths.checkpoint(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
