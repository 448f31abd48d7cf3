package dev.airlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.config.StarterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCommandTest {

    @TempDir
    Path dir;

    private static final String TWO_PROFILES = """
            default_profile = "dev"

            [profiles.dev]
            role_arn = "arn:aws:iam::111122223333:role/AgentRole"
            region = "us-east-1"
            allow = ["s3:GetObject", "s3:ListBucket"]
            [profiles.dev.tags]
            team = "agents"

            [profiles.prod-readonly]
            role_arn = "arn:aws:iam::444455556666:role/ReadOnly"
            source_profile = "broker"
            ttl = "1h"
            """;

    @Test
    void listPrintsOneLinePerProfileWithTheDefaultMarked() throws IOException {
        Path config = write("config.toml", TWO_PROFILES);
        CliRun r = run("profile", "list", "--config", config.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "* dev            arn:aws:iam::111122223333:role/AgentRole  us-east-1  15m",
                "  prod-readonly  arn:aws:iam::444455556666:role/ReadOnly   -          1h");
    }

    @Test
    void theOnlyProfileIsTheDefault() throws IOException {
        Path config = write("config.yaml", "profiles:\n  solo:\n    role_arn: arn:aws:iam::111122223333:role/R\n");
        CliRun r = run("profile", "list", "--config", config.toString());
        assertThat(r.out().lines()).containsExactly("* solo  arn:aws:iam::111122223333:role/R  -  15m");
    }

    @Test
    void showPrintsEverySettingAndTheFile() throws IOException {
        Path config = write("config.toml", TWO_PROFILES);
        CliRun r = run("profile", "show", "--config", config.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "profile             dev (default)",
                "file                " + config.toAbsolutePath(),
                "role_arn            arn:aws:iam::111122223333:role/AgentRole",
                "region              us-east-1",
                "source              default (the standard AWS credential chain)",
                "ttl                 15m",
                "max_duration        1h",
                "grace               30s",
                "mfa_serial          -",
                "allow               s3:GetObject",
                "                    s3:ListBucket",
                "resources           -",
                "tags                team=agents",
                "session_name        -",
                "sts_endpoint        -",
                "role_policies_file  -",
                "external_id         -");

        CliRun prod = run("profile", "show", "prod-readonly", "--config", config.toString());
        assertThat(prod.out()).contains("profile             prod-readonly\n")
                .contains("source_profile      broker (from ~/.aws/config or ~/.aws/credentials)")
                .contains("ttl                 1h");
    }

    @Test
    void showingAMissingProfileListsTheProfilesAndIsAConfigError() throws IOException {
        Path config = write("config.toml", TWO_PROFILES);
        CliRun r = run("profile", "show", "prd", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(r.err()).contains(config + ": no profile named \"prd\"; profiles: dev, prod-readonly")
                .contains("[profiles.prd]");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anInvalidConfigIsAConfigErrorWithItsLine() throws IOException {
        Path config = write("config.toml", "[profiles.dev]\nrole_arn = \"arn:aws:iam::111122223333:role/R\"\nttl = \"15 minutes\"\n");
        CliRun r = run("profile", "list", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(r.err()).contains(config + ":3:7: profiles.dev.ttl: \"15 minutes\" is not a duration; "
                + "use e.g. 15m, 1h, 900s");
    }

    @Test
    void aMissingConfigFileIsAConfigError() {
        Path missing = dir.resolve("none.toml");
        CliRun r = run("profile", "list", "--config", missing.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(r.err()).contains(missing + ": does not exist").contains("airlock init --path " + missing);
    }

    @Test
    void initWritesTheStarterWithMode0600AndItLoads() throws IOException {
        Path target = dir.resolve("new/sub/config.toml");
        CliRun r = run("init", "--path", target.toString());
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(target)).isEqualTo(StarterConfig.text());
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        }
        assertThat(r.out()).contains("Wrote a starter config to " + target.toAbsolutePath())
                .contains("airlock profile show dev");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).as("no temp file left behind").containsExactly(target);
        }
        CliRun list = run("profile", "list", "--config", target.toString());
        assertThat(list.out().lines())
                .containsExactly("* dev  arn:aws:iam::111122223333:role/AgentRole  us-east-1  15m");
    }

    @Test
    void initRefusesToOverwriteWithoutForce() throws IOException {
        Path target = write("config.toml", "# mine\n");
        CliRun r = run("init", "--path", target.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(r.err()).contains(target + ": already exists; not overwriting it").contains("--force");
        assertThat(Files.readString(target)).isEqualTo("# mine\n");

        CliRun forced = run("init", "--force", "--path", target.toString());
        assertThat(forced.exit()).isZero();
        assertThat(Files.readString(target)).isEqualTo(StarterConfig.text());
    }

    @Test
    void initWritesOnlyToml() {
        CliRun r = run("init", "--path", dir.resolve("config.yaml").toString());
        assertThat(r.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(r.err()).contains("the starter config is TOML");
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
