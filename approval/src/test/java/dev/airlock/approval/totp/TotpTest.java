package dev.airlock.approval.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {
    static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238, Appendix B, the SHA-1 column (8 digits). */
    @ParameterizedTest(name = "T = {0}")
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
        "2000000000, 69279037", "20000000000, 65353130"})
    void rfc6238TestVectors(long seconds, String code) {
        assertThat(new Totp(RFC_SECRET, 8).code(Totp.step(Instant.ofEpochSecond(seconds)))).isEqualTo(code);
    }

    /** RFC 4226, Appendix D: HOTP values of the same secret for counters 0..9 (6 digits). */
    @Test
    void rfc4226TestVectors() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
            "520489"};
        Totp t = new Totp(RFC_SECRET, 6);
        for (int i = 0; i < expected.length; i++) {
            assertThat(t.code(i)).isEqualTo(expected[i]);
        }
    }

    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(long seconds) {
            now.set(now.get().plusSeconds(seconds));
        }
    }

    @Test
    void aCodeApprovesOnceAndAnOlderOneCannotFollowANewerOne() {
        Totp t = new Totp(RFC_SECRET, 6);
        MovableClock clock = new MovableClock(Instant.ofEpochSecond(1_765_000_000L));
        TotpVerifier v = new TotpVerifier(t, Long.MIN_VALUE, clock);
        long step = Totp.step(clock.instant());
        String now = t.code(step);
        assertThat(v.verify(now)).isEqualTo(TotpVerifier.Outcome.ACCEPTED);
        assertThat(v.verify(now)).isEqualTo(TotpVerifier.Outcome.REUSED);
        assertThat(v.verify(t.code(step - 1))).as("the step before, after this one").isEqualTo(TotpVerifier.Outcome.REUSED);
        assertThat(v.verify(t.code(step + 1))).as("one step ahead (a fast phone)").isEqualTo(TotpVerifier.Outcome.ACCEPTED);
        assertThat(v.verify(t.code(step + 3))).isEqualTo(TotpVerifier.Outcome.WRONG);
        TotpVerifier restarted = new TotpVerifier(t, v.lastStep(), clock);
        assertThat(restarted.verify(t.code(step + 1))).as("the remembered step survives a restart")
                .isEqualTo(TotpVerifier.Outcome.REUSED);
        clock.advance(60);
        assertThat(restarted.verify(t.code(step + 2))).isEqualTo(TotpVerifier.Outcome.ACCEPTED);
    }

    @Test
    void onlySixAsciiDigitsAndWrongCodesLockOut() {
        Totp t = new Totp(RFC_SECRET, 6);
        MovableClock clock = new MovableClock(Instant.ofEpochSecond(1_765_000_000L));
        TotpVerifier v = new TotpVerifier(t, Long.MIN_VALUE, clock);
        String good = t.code(Totp.step(clock.instant()));
        StringBuilder arabic = new StringBuilder();
        for (char c : good.toCharArray()) {
            arabic.append((char) ('\u0660' + (c - '0')));
        }
        assertThat(Integer.parseInt(arabic.toString())).as("what parseInt would accept").isEqualTo(Integer.parseInt(good));
        assertThat(v.verify(arabic.toString())).isEqualTo(TotpVerifier.Outcome.MALFORMED);
        assertThat(v.verify(" " + good)).isEqualTo(TotpVerifier.Outcome.MALFORMED);
        assertThat(v.verify("+" + good.substring(1))).isEqualTo(TotpVerifier.Outcome.MALFORMED);
        for (int i = 0; i < 2; i++) {
            assertThat(v.verify("000000".equals(good) ? "111111" : "000000")).isEqualTo(TotpVerifier.Outcome.WRONG);
        }
        assertThat(v.verify(good)).as("five failures lock it, the right code too").isEqualTo(TotpVerifier.Outcome.LOCKED);
        clock.advance(TotpVerifier.LOCKOUT.toSeconds());
        assertThat(v.verify(t.code(Totp.step(clock.instant())))).isEqualTo(TotpVerifier.Outcome.ACCEPTED);
    }

    @Test
    void theEnrolmentUriCarriesTheSecretInBase32() {
        Totp t = new Totp(RFC_SECRET, 6);
        assertThat(Base32.encode(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Base32.decode("gezdgnbvgy3tqojqgezdgnbvgy3tqojq")).isEqualTo(RFC_SECRET);
        assertThat(t.otpauthUri("alice@example"))
                .isEqualTo("otpauth://totp/Airlock:alice@example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Airlock"
                        + "&algorithm=SHA1&digits=6&period=30");
        assertThat(t.toString()).doesNotContain("GEZD");
    }
}
