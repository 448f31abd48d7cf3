package dev.airlock.sigv4;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** Body checksums as S3 carries them in headers: Content-MD5 and the flexible x-amz-checksum-* family. */
public final class Checksums {

    private Checksums() {}

    /** Content-MD5: the base64 of the body's MD5. */
    public static String contentMd5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }

    /**
     * The value of header {@code x-amz-checksum-ALGORITHM} for {@code body}, when this library
     * computes that algorithm (CRC32, CRC32C, CRC64NVME, SHA1, SHA256).
     */
    public static Optional<String> flexible(String algorithm, byte[] body) {
        return TrailerChecksum.forHeader(TrailerChecksum.PREFIX + algorithm.toLowerCase(Locale.ROOT)).map(c -> {
            c.update(body, 0, body.length);
            return c.base64();
        });
    }
}
