package dev.airlock.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.audit.SecretGuard;
import dev.airlock.testing.SecretShapes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {

    @TempDir
    Path data;

    static SessionRecord record(String id, List<String> resources, List<String> command) {
        Instant now = Instant.parse("2026-11-23T05:00:00Z");
        return new SessionRecord(id, "dev", "arn:aws:iam::111122223333:role/AgentRole", Optional.empty(),
                Optional.of("ASIAIOSFODNN7EXAMPLE"), List.of("s3:GetObject"), resources, command, now,
                now.plusSeconds(900), Optional.empty(), OptionalInt.empty(), SessionStatus.ACTIVE);
    }

    @Test
    void theCommandAndResourcesAreStoredWithSecretsRedactedAndTheRestKept() throws Exception {
        String shaped = SecretShapes.secretAccessKey();
        String known = SecretShapes.unshaped();
        SecretGuard guard = new SecretGuard();
        guard.protect(known);
        SessionStore store = new SessionStore(data, guard);
        store.save(record("20261123T050000-aaaabbbb", List.of("arn:aws:s3:::b/" + shaped),
                List.of("tool", "--key", shaped, "--token=" + known, "plain")));

        SessionRecord back = store.find("20261123T050000-aaaabbbb").orElseThrow();
        assertThat(back.command()).containsExactly("tool", "--key", "[redacted: aws-secret-access-key shape]",
                "--token=[redacted: known credential]", "plain");
        assertThat(back.resources()).containsExactly("arn:aws:s3:::b/[redacted: aws-secret-access-key shape]");
        assertThat(back.accessKeyId()).contains("ASIAIOSFODNN7EXAMPLE");
        String file = Files.readString(data.resolve("sessions").resolve("20261123T050000-aaaabbbb.json"));
        assertThat(file).doesNotContain(shaped).doesNotContain(known);
    }
}
