package dev.airlock.sigv4;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** A flexible checksum (x-amz-checksum-*) computed over the decoded body, to check a trailing value. */
abstract class TrailerChecksum {

    static final String PREFIX = "x-amz-checksum-";

    final String headerName;

    private TrailerChecksum(String headerName) {
        this.headerName = headerName;
    }

    /** A checksum for the trailing header {@code name}, if it names an algorithm this library computes. */
    static Optional<TrailerChecksum> forHeader(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        switch (name.substring(PREFIX.length())) {
            case "crc32":
                return Optional.of(new Crc(name, new CRC32(), 4));
            case "crc32c":
                return Optional.of(new Crc(name, new CRC32C(), 4));
            case "crc64nvme":
                return Optional.of(new Crc(name, new Crc64Nvme(), 8));
            case "sha1":
                return Optional.of(new Digest(name, "SHA-1"));
            case "sha256":
                return Optional.of(new Digest(name, "SHA-256"));
            default:
                return Optional.empty();
        }
    }

    abstract void update(byte[] b, int off, int len);

    abstract byte[] value();

    String base64() {
        return Base64.getEncoder().encodeToString(value());
    }

    /** The algorithm as S3 names it in BadDigest messages (e.g. CRC32C). */
    String algorithmName() {
        return headerName.substring(PREFIX.length()).toUpperCase(Locale.ROOT);
    }

    private static final class Crc extends TrailerChecksum {
        private final Checksum checksum;
        private final int bytes;

        Crc(String headerName, Checksum checksum, int bytes) {
            super(headerName);
            this.checksum = checksum;
            this.bytes = bytes;
        }

        @Override
        void update(byte[] b, int off, int len) {
            checksum.update(b, off, len);
        }

        @Override
        byte[] value() {
            ByteBuffer out = ByteBuffer.allocate(8).putLong(checksum.getValue());
            byte[] all = out.array();
            byte[] tail = new byte[bytes];
            System.arraycopy(all, 8 - bytes, tail, 0, bytes);
            return tail;
        }
    }

    private static final class Digest extends TrailerChecksum {
        private final MessageDigest digest;

        Digest(String headerName, String algorithm) {
            super(headerName);
            try {
                this.digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks " + algorithm, e);
            }
        }

        @Override
        void update(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }

        @Override
        byte[] value() {
            return digest.digest();
        }
    }
}
