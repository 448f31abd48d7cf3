package dev.airlock.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The chain of chunk signatures: each chunk's string to sign names the previous signature, starting from the
 * seed (the request's own signature). Also used by tests to produce aws-chunked bodies.
 */
final class ChunkSigner {

    private static final byte[] EMPTY_HASH_LINE = ("\n" + SigV4.EMPTY_SHA256 + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEWLINE = {'\n'};

    private final Mac mac = Crypto.newHmac();
    private final byte[] payloadPrefix;
    private final byte[] trailerPrefix;
    private byte[] previous;

    ChunkSigner(SecretKeySpec signingKey, String amzDate, CredentialScope scope, String seedSignature) {
        Crypto.init(mac, signingKey);
        String common = amzDate + "\n" + scope.value() + "\n";
        this.payloadPrefix = ("AWS4-HMAC-SHA256-PAYLOAD\n" + common).getBytes(StandardCharsets.US_ASCII);
        this.trailerPrefix = ("AWS4-HMAC-SHA256-TRAILER\n" + common).getBytes(StandardCharsets.US_ASCII);
        this.previous = seedSignature.getBytes(StandardCharsets.US_ASCII);
    }

    /** Signs the next chunk, given the SHA-256 of its data, and advances the chain. Returns the hex signature. */
    byte[] nextChunk(byte[] chunkSha256) {
        mac.update(payloadPrefix);
        mac.update(previous);
        mac.update(EMPTY_HASH_LINE);
        mac.update(Hex.encodeAscii(chunkSha256));
        previous = Hex.encodeAscii(mac.doFinal());
        return previous;
    }

    /** Signs the trailer, given the SHA-256 of its canonical form, and advances the chain. */
    byte[] trailer(byte[] canonicalTrailerSha256) {
        mac.update(trailerPrefix);
        mac.update(previous);
        mac.update(NEWLINE);
        mac.update(Hex.encodeAscii(canonicalTrailerSha256));
        previous = Hex.encodeAscii(mac.doFinal());
        return previous;
    }

    static boolean matches(byte[] expectedHexAscii, byte[] claimedHexAscii) {
        return MessageDigest.isEqual(expectedHexAscii, claimedHexAscii);
    }
}
