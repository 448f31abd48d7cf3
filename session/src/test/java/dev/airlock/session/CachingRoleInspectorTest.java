package dev.airlock.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.policy.PolicyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingRoleInspectorTest {

    static final String ROLE = "arn:aws:iam::111122223333:role/AgentRole";
    static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";

    @TempDir
    Path data;
    final AtomicInteger reads = new AtomicInteger();
    final RoleInspector iam = arn -> {
        reads.incrementAndGet();
        return new RoleDetails(arn, Optional.of(Duration.ofHours(2)), List.of(new PolicyDocument("admin", PolicyKind.IDENTITY, DOC)),
                Optional.empty(), "IAM");
    };

    private CachingRoleInspector at(Instant now) {
        return new CachingRoleInspector(iam, data, Duration.ofMinutes(10), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aSecondReadWithinTheTtlComesFromTheCacheWithTheSameContent() {
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        RoleDetails first = at(t0).inspect(ROLE);
        RoleDetails second = at(t0.plus(Duration.ofMinutes(9))).inspect(ROLE);
        assertThat(reads).hasValue(1);
        assertThat(second.maxSessionDuration()).isEqualTo(first.maxSessionDuration());
        assertThat(second.documents()).isEqualTo(first.documents());
        assertThat(second.policies()).hasSize(1);
        assertThat(second.source()).startsWith("IAM, cached at");
    }

    @Test
    void anExpiredOrDamagedEntryIsReadAgain() throws Exception {
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        at(t0).inspect(ROLE);
        at(t0.plus(Duration.ofMinutes(11))).inspect(ROLE);
        assertThat(reads).hasValue(2);
        try (var files = Files.list(data.resolve("roles"))) {
            for (Path f : files.toList()) {
                Files.writeString(f, "{not json");
            }
        }
        at(t0.plus(Duration.ofMinutes(12))).inspect(ROLE);
        assertThat(reads).hasValue(3);
    }

    @Test
    void theCacheFileIsPrivate() throws Exception {
        at(Instant.now()).inspect(ROLE);
        try (var files = Files.list(data.resolve("roles"))) {
            Path f = files.findFirst().orElseThrow();
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        }
    }
}
