package dev.airlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.lifecycle.Invocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiersCommandTest {

    @TempDir
    Path home;

    @Test
    void eachActionIsPrintedWithItsTierApprovalAndRule() {
        CliRun r = CliRun.of("tiers", "s3:GetObject", "s3:DeleteObject", "iam:PassRole");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(3);
        assertThat(r.out()).containsPattern("s3:GetObject +T0 +none +access level Read")
                .containsPattern("s3:DeleteObject +T2 +typed confirmation +a write whose name starts with 'Delete'")
                .containsPattern("iam:PassRole +T3 +TOTP and a delay");
    }

    @Test
    void aProfilesOverrideApplies() throws Exception {
        Path config = home.resolve("config.toml");
        Files.writeString(config, """
                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/AgentRole"
                tiers = { "s3:DeleteObject" = "T1" }
                """);
        CliRun r = Invocation.withEnv(Map.of("AIRLOCK_CONFIG", config.toString(), "HOME", home.toString()),
                () -> CliRun.of("tiers", "--profile", "dev", "s3:DeleteObject", "s3:DeleteObjectVersion", "--json"));
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out()).get("tiers");
        assertThat(rows.get(0).get("tier").asText()).isEqualTo("T1");
        assertThat(rows.get(0).get("why").asText()).contains("override");
        assertThat(rows.get(1).get("tier").asText()).isEqualTo("T2");
    }

    @Test
    void aWildcardOrBadTierInTheProfileIsAConfigError() throws Exception {
        Path config = home.resolve("config.toml");
        Files.writeString(config, """
                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/AgentRole"
                tiers = { "s3:Delete*" = "T1" }
                """);
        Map<String, String> env = Map.of("AIRLOCK_CONFIG", config.toString(), "HOME", home.toString());
        CliRun wild = Invocation.withEnv(env, () -> CliRun.of("tiers", "--profile", "dev", "s3:GetObject"));
        assertThat(wild.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(wild.err()).contains("config.toml:3").contains("no wildcards");
        Files.writeString(config, Files.readString(config).replace("\"s3:Delete*\" = \"T1\"", "\"s3:DeleteObject\" = \"T9\""));
        CliRun bad = Invocation.withEnv(env, () -> CliRun.of("tiers", "--profile", "dev", "s3:GetObject"));
        assertThat(bad.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(bad.err()).contains("must be T0, T1, T2 or T3");
    }
}
