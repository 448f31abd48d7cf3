package dev.airlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {

    @TempDir
    Path dir;

    @Test
    void errorExitsOneWithPathLineAndColumn() throws IOException {
        Path p = dir.resolve("p.json");
        Files.writeString(p, "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\n    \"Efect\": \"Allow\"\n  }\n}\n");
        CliRun r = CliRun.of("lint", p.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.POLICY_INVALID.code());
        assertThat(r.out()).contains(p + ":4:5: error").contains("unknown element \"Efect\"")
                .contains("did you mean \"Effect\"");
    }

    @Test
    void warningsExitZero() throws IOException {
        Path p = dir.resolve("admin.json");
        Files.writeString(p, "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
        CliRun r = CliRun.of("lint", p.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("warning").contains("[allow-all]");
    }

    @Test
    void kindDecidesWhetherPrincipalIsRequired() throws IOException {
        Path p = dir.resolve("bucket.json");
        Files.writeString(p, "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}");
        assertThat(CliRun.of("lint", "--kind", "identity", p.toString()).exit()).isZero();
        CliRun asResource = CliRun.of("lint", "--kind", "resource", p.toString());
        assertThat(asResource.exit()).isEqualTo(ExitCode.POLICY_INVALID.code());
        assertThat(asResource.out()).contains("missing Principal");
    }

    @Test
    void unknownKindIsBadInput() throws IOException {
        Path p = dir.resolve("x.json");
        Files.writeString(p, "{}");
        CliRun r = CliRun.of("lint", "--kind", "bucket", p.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("unknown --kind");
    }

    @Test
    void permissionsManagementOnStarIsWarnedForSessionPoliciesWithItsPlace() throws IOException {
        Path p = dir.resolve("session.json");
        Files.writeString(p, "{\"Version\":\"2012-10-17\",\n\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}}");
        CliRun r = CliRun.of("lint", "--kind", "session", p.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(p + ":2:").contains("warning: Allow of").contains("Permissions-management actions")
                .contains("iam:AttachRolePolicy").contains("[permissions-management-on-all] at $.Statement.Action");
        CliRun asJson = CliRun.of("lint", "--kind", "session", "--json", p.toString());
        assertThat(asJson.out()).contains("\"code\" : \"permissions-management-on-all\"");
        assertThat(CliRun.of("lint", "--kind", "scp", p.toString()).out()).contains(": ok");
    }
}
