package dev.airlock.cli.helper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The handshake's HMAC-SHA256 against the JDK's, on random inputs and the RFC 4231 vectors. */
class HmacSha256Test {

    @Test
    void equalsTheJdkOnRandomKeysAndMessagesOfEveryLengthAroundTheBlockBoundaries() throws Exception {
        SplittableRandom random = new SplittableRandom(20261123);
        Mac jdk = Mac.getInstance("HmacSHA256");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int cases = 0;
        for (int keyLength : new int[] {1, 20, 31, 32, 55, 56, 63, 64, 65, 100, 128, 129, 131, 200}) {
            for (int messageLength = 0; messageLength <= 300; messageLength++) {
                byte[] key = bytes(random, keyLength);
                byte[] message = bytes(random, messageLength);
                jdk.init(new SecretKeySpec(key, "HmacSHA256"));
                assertThat(HmacSha256.mac(key, message)).as("key %d, message %d", keyLength, messageLength)
                        .isEqualTo(jdk.doFinal(message));
                assertThat(HmacSha256.sha256(message)).isEqualTo(sha.digest(message));
                cases++;
            }
        }
        assertThat(cases).isEqualTo(14 * 301);
    }

    @Test
    void rfc4231TestCases() {
        // Test case 1: 20 bytes of 0x0b, "Hi There".
        assertThat(hex(HmacSha256.mac(filled(20, 0x0b), "Hi There".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        // Test case 2: key "Jefe".
        assertThat(hex(HmacSha256.mac("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        // Test case 6: a 131-byte key (hashed first).
        assertThat(hex(HmacSha256.mac(filled(131, 0xaa),
                "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
