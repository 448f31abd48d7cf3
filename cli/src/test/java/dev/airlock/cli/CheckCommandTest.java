package dev.airlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @TempDir
    Path dir;

    private static final String USER = "arn:aws:iam::111122223333:user/alice";

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private Path readOnlyPolicy() throws IOException {
        return write("p.json", """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Read", "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::b/*"},
                  {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b/secret/*"}
                ]}""");
    }

    @Test
    void allowedExitsZeroAndNamesTheStatement() throws IOException {
        CliRun r = CliRun.of("check", "--identity-policy", readOnlyPolicy().toString(), "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/k", "--principal", USER);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Allowed:").contains("Read");
    }

    @Test
    void implicitAndExplicitDenyHaveDistinctCodes() throws IOException {
        Path p = readOnlyPolicy();
        CliRun implicit = CliRun.of("check", "--identity-policy", p.toString(), "--action", "s3:PutObject",
                "--resource", "arn:aws:s3:::b/k", "--principal", USER);
        CliRun explicit = CliRun.of("check", "--identity-policy", p.toString(), "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/secret/x", "--principal", USER);
        assertThat(implicit.exit()).isEqualTo(ExitCode.IMPLICITLY_DENIED.code());
        assertThat(implicit.out()).contains("no identity policy allows");
        assertThat(explicit.exit()).isEqualTo(ExitCode.EXPLICITLY_DENIED.code());
        assertThat(explicit.out()).contains("NoSecrets");
    }

    @Test
    void jsonOutputCarriesTheDecision() throws IOException {
        CliRun r = CliRun.of("check", "--json", "--identity-policy", readOnlyPolicy().toString(), "--action",
                "s3:GetObject", "--resource", "arn:aws:s3:::b/secret/x", "--principal", USER);
        assertThat(r.out()).contains("\"decision\":\"ExplicitlyDenied\"").contains("\"statement\":\"NoSecrets\"");
    }

    @Test
    void multiValuedContextFromRepeatedKeys() throws IOException {
        Path p = write("tags.json", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:CreateTags",
                 "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]}}}}""");
        CliRun ok = CliRun.of("check", "--identity-policy", p.toString(), "--action", "ec2:CreateTags", "--resource",
                "*", "--principal", USER, "--context", "aws:TagKeys=env", "--context", "aws:TagKeys=team");
        CliRun no = CliRun.of("check", "--identity-policy", p.toString(), "--action", "ec2:CreateTags", "--resource",
                "*", "--principal", USER, "--context", "aws:TagKeys=env", "--context", "aws:TagKeys=owner");
        assertThat(ok.exit()).isZero();
        assertThat(no.exit()).isEqualTo(ExitCode.IMPLICITLY_DENIED.code());
    }

    @Test
    void missingPolicyFileIsBadInput() {
        CliRun r = CliRun.of("check", "--identity-policy", dir.resolve("nope.json").toString(), "--action",
                "s3:GetObject", "--resource", "*", "--principal", USER);
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("nope.json does not exist");
    }

    @Test
    void invalidPolicyIsBadInputWithLocation() throws IOException {
        Path p = write("bad.json", """
                {"Version": "2012-10-17",
                 "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject",
                                "Resource": "*"}]}""");
        CliRun r = CliRun.of("check", "--identity-policy", p.toString(), "--action", "s3:GetObject", "--resource",
                "*", "--principal", USER);
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("$.Statement[0].NotAction").contains("line 2, column 75").contains("not both");
    }

    @Test
    void malformedContextIsBadInput() throws IOException {
        CliRun r = CliRun.of("check", "--identity-policy", readOnlyPolicy().toString(), "--action", "s3:GetObject",
                "--resource", "*", "--principal", USER, "--context", "novalue");
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("KEY=VALUE");
    }

    @Test
    void unknownFlagIsUsageError() {
        CliRun r = CliRun.of("check", "--frobnicate");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("--frobnicate");
    }

    @Test
    void missingActionIsBadInput() throws IOException {
        CliRun r = CliRun.of("check", "--identity-policy", readOnlyPolicy().toString(), "--resource", "*",
                "--principal", USER);
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("missing --action");
    }
}
