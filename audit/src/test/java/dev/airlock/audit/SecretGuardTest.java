package dev.airlock.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretGuardTest {

    private static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"secretAccessKey", "SecretAccessKey", "aws_secret_access_key", "password", "dbPassword",
        "sessionToken", "session_token", "SessionToken", "token", "tokenCodeGiven", "accessKey", "accessKeyId",
        "aws-access-key-id"})
    void secretLookingNamesAreRefused(String name) {
        AuditLog log = AuditLog.open(dir);
        assertThatThrownBy(() -> log.append("session.start", Optional.empty(), Map.of(name, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name)
                .hasMessageContaining("never stores secrets");
        assertThat(log.recent(1)).isEmpty();
    }

    @Test
    void nestedNamesAreCheckedToo() {
        AuditLog log = AuditLog.open(dir);
        assertThatThrownBy(() -> log.append("session.start", Optional.empty(),
                Map.of("credentials", Map.of("SessionToken", "x")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append("session.start", Optional.empty(),
                Map.of("list", List.of(Map.of("password", "x"))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretLookingValuesAreRefusedUnderAnyNameWithoutRepeatingThem() {
        AuditLog log = AuditLog.open(dir);
        assertThatThrownBy(() -> log.append("error", Optional.empty(),
                Map.of("message", "failed with key " + EXAMPLE_SECRET + " in env")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'message'")
                .hasMessageNotContaining(EXAMPLE_SECRET);
        assertThatThrownBy(() -> log.append("error", Optional.empty(),
                Map.of("detail", Optional.of("IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append("error", Optional.empty(), Map.of("args", List.of("ok", EXAMPLE_SECRET))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("args[1]");
        assertThat(Files.exists(log.file())).isFalse();
    }

    @Test
    void ordinaryValuesPass() {
        AuditLog log = AuditLog.open(dir);
        assertThatCode(() -> log.append("session.start", Optional.of("s-1"), Map.of(
                "commit", "da39a3ee5e6b4b0d3255bfef95601890afd80709", // 40 hex: no upper case
                "keyId", "ASIAIOSFODNN7EXAMPLE",
                "role", "arn:aws:iam::111122223333:role/agent-readonly",
                "digest", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")))
                .doesNotThrowAnyException();
        assertThat(SecretGuard.looksLikeSecret(EXAMPLE_SECRET)).isTrue();
        assertThat(SecretGuard.looksLikeSecret("ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ")).isFalse();
    }
}
