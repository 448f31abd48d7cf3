package dev.airlock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditDirectoryTest {

    @Test
    void airlockHomeWins() {
        assertThat(AuditDirectory.resolve(Map.of("AIRLOCK_HOME", "/opt/al", "XDG_DATA_HOME", "/x", "HOME", "/h")))
                .isEqualTo(Path.of("/opt/al/audit"));
    }

    @Test
    void thenXdgDataHome() {
        assertThat(AuditDirectory.resolve(Map.of("XDG_DATA_HOME", "/x", "HOME", "/h")))
                .isEqualTo(Path.of("/x/airlock/audit"));
    }

    @Test
    void thenHomeDotLocalShare() {
        assertThat(AuditDirectory.resolve(Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.local/share/airlock/audit"));
    }

    @Test
    void emptyOrRelativeValuesAreIgnored() {
        assertThat(AuditDirectory.resolve(Map.of("AIRLOCK_HOME", "", "XDG_DATA_HOME", "rel", "HOME", "/h")))
                .isEqualTo(Path.of("/h/.local/share/airlock/audit"));
        assertThat(AuditDirectory.resolve(Map.of())).isEqualTo(
                Path.of(System.getProperty("user.home"), ".local", "share", "airlock", "audit"));
    }
}
