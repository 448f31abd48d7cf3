package dev.airlock.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HostNameTest {

    @ParameterizedTest
    @CsvSource({
        "s3.us-east-1.amazonaws.com, s3.us-east-1.amazonaws.com, false",
        "Bucket.S3.EU-West-1.amazonaws.com., bucket.s3.eu-west-1.amazonaws.com, false",
        "localhost, localhost, false",
        "my_legacy_bucket.s3.amazonaws.com, my_legacy_bucket.s3.amazonaws.com, false",
        "127.0.0.1, 127.0.0.1, true",
        "::1, 0:0:0:0:0:0:0:1, true",
        "[::1], 0:0:0:0:0:0:0:1, true",
        "FE80::1, fe80:0:0:0:0:0:0:1, true",
    })
    void canonicalizes(String raw, String canonical, boolean ipLiteral) {
        HostName host = HostName.of(raw);
        assertThat(host.value()).isEqualTo(canonical);
        assertThat(host.isIpLiteral()).isEqualTo(ipLiteral);
        assertThat(host.ipAddress().isPresent()).isEqualTo(ipLiteral);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "*.amazonaws.com", "a..b", "-a.com", "a-.com", "exa mple.com", "bücher.de",
        "256.1.1.1", "1.2.3", "01.2.3.4", "example.com:443", "fe80::1%eth0", "a/b", "1:2:3"})
    void refusesWhatIsNoHostName(String raw) {
        assertThat(HostName.parse(raw)).isEmpty();
        assertThatThrownBy(() -> HostName.of(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesOverlongNames() {
        String label = "a".repeat(63);
        assertThat(HostName.parse(label + "." + label + "." + label + "." + "a".repeat(61))).isPresent();
        assertThat(HostName.parse(label + "." + label + "." + label + "." + "a".repeat(62))).isEmpty();
        assertThat(HostName.parse("a".repeat(64) + ".com")).isEmpty();
    }

    @Test
    void recordConstructorOnlyTakesCanonicalForms() {
        assertThat(new HostName("s3.amazonaws.com")).isEqualTo(HostName.of("S3.AMAZONAWS.COM."));
        assertThatThrownBy(() -> new HostName("S3.amazonaws.com")).isInstanceOf(IllegalArgumentException.class);
        assertThat(HostName.parse(null)).isEqualTo(Optional.empty());
    }
}
