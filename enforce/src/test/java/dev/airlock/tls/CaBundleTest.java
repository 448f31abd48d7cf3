package dev.airlock.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaBundleTest {

    @TempDir
    Path dir;

    @Test
    void writesOnlyTheCaCertificateAsPemWithMode0600AndNoLeftovers() throws Exception {
        RunAuthority authority = RunAuthority.create("run-7", Duration.ofHours(1));

        try (CaBundle bundle = authority.writeCaBundle(dir)) {
            assertThat(bundle.path()).isEqualTo(dir.toAbsolutePath().resolve("airlock-ca-run-7.pem"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle.path()))).isEqualTo("rw-------");
            String pem = Files.readString(bundle.path(), StandardCharsets.US_ASCII);
            assertThat(pem).isEqualTo(authority.certificatePem())
                    .startsWith("-----BEGIN CERTIFICATE-----\n")
                    .endsWith("-----END CERTIFICATE-----\n")
                    .doesNotContain("PRIVATE");
            assertThat(TlsClients.readCertificates(bundle.path())).containsExactly(authority.certificate());
            assertThat(listing()).containsExactly("airlock-ca-run-7.pem"); // the temp file was renamed, not copied
        }
        assertThat(listing()).isEmpty();
    }

    @Test
    void rewritingReplacesTheFileAndClosingTwiceIsHarmless() throws Exception {
        RunAuthority authority = RunAuthority.create("again", Duration.ofHours(1));
        CaBundle first = authority.writeCaBundle(dir);
        Files.writeString(first.path(), "stale");
        CaBundle second = authority.writeCaBundle(dir);

        assertThat(Files.readString(second.path())).isEqualTo(authority.certificatePem());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second.path()))).isEqualTo("rw-------");
        second.close();
        first.close();
        assertThat(listing()).isEmpty();
    }

    @Test
    void refusesAMissingDirectory() {
        RunAuthority authority = RunAuthority.create("nodir", Duration.ofHours(1));
        assertThatThrownBy(() -> authority.writeCaBundle(dir.resolve("absent"))).isInstanceOf(IOException.class);
    }

    private java.util.List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
