package dev.airlock.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The local HMAC-SHA256 key, and the hashing both the writer and the verifier use. */
final class AuditKey {

    static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    private AuditKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** Creates the key file (owner-only from the start); fails if it exists, so two creators cannot both win. */
    static AuditKey create(Path file) throws IOException {
        byte[] bytes = new byte[LENGTH];
        new SecureRandom().nextBytes(bytes);
        Files.createFile(file, AuditPaths.ownerOnlyFile());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        return new AuditKey(bytes);
    }

    static AuditKey read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != LENGTH) {
            throw new AuditException("the audit key " + file + " holds " + bytes.length + " bytes, not " + LENGTH
                    + ": it was damaged or replaced", file,
                    "restore the key file from a backup; without it the log cannot be verified or extended");
        }
        return new AuditKey(bytes);
    }

    /** A fresh Mac (they are not thread-safe); reuse it for a run of lines. */
    Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    /** The MAC as 64 lower-case hex digits, in ASCII, as it appears in a line. */
    static byte[] macHex(Mac mac, byte[] data, int offset, int length) {
        mac.update(data, offset, length);
        return HEX.formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII);
    }

    static String sha256Hex(byte[] data, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, offset, length);
            return HEX.formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
