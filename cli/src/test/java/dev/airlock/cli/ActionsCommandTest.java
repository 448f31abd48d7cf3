package dev.airlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionsCommandTest {

    @Test
    void expandsAWildcardWithAccessLevels() {
        CliRun r = CliRun.of("actions", "s3:GetObject*");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).contains("s3:GetObject\tRead", "s3:GetObjectTagging\tRead")
                .allMatch(line -> line.startsWith("s3:GetObject"));
    }

    @Test
    void levelFiltersAndAcceptsTheShortPermissionsName() {
        CliRun r = CliRun.of("actions", "iam:*", "--level", "permissions");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).anyMatch(line -> line.startsWith("iam:AttachRolePolicy\t"))
                .allMatch(line -> line.contains("Permissions management"))
                .noneMatch(line -> line.startsWith("iam:GetRole\t"));
    }

    @Test
    void aMisspelledActionGetsDidYouMean() {
        CliRun r = CliRun.of("actions", "s3:GetObjekt");
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("unknown action 's3:GetObjekt'").contains("s3:GetObject");
    }

    @Test
    void anUnknownLevelIsBadInput() {
        CliRun r = CliRun.of("actions", "s3:*", "--level", "admin");
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("--level admin is not an access level");
    }

    @Test
    void checkRefusesAnUnknownActionWithASuggestion(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("p.json");
        Files.writeString(policy, """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}""");
        CliRun r = CliRun.of("check", "--identity-policy", policy.toString(), "--action", "s3:GetObjcet",
                "--resource", "arn:aws:s3:::b/k", "--principal", "arn:aws:iam::111122223333:user/alice");
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("unknown action 's3:GetObjcet'").contains("did you mean s3:GetObject");
    }
}
