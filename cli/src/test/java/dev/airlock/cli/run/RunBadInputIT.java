package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.cli.ExitCode;
import dev.airlock.testing.SecretShapes;
import dev.airlock.testing.StsDouble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a run request can be wrong gets a specific message and its own exit code, and leaves no
 * half-written session or audit line. STS is played by {@link StsDouble}.
 */
class RunBadInputIT {

    @TempDir
    Path home;
    StsDouble sts;
    AirlockProcess airlock;

    @BeforeEach
    void start() throws Exception {
        sts = new StsDouble().denyIamReads();
        writeConfig("");
        airlock = prepared(new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET)
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString()));
    }

    /** How the CLI is run: each command in its own process here; subclasses may use the helper. */
    AirlockProcess prepared(AirlockProcess airlock) throws Exception {
        return airlock;
    }

    private void writeConfig(String extra) throws IOException {
        Files.writeString(home.resolve("config.toml"), """
                default_profile = "dev"
                [profiles.dev]
                role_arn = "%s"
                sts_endpoint = "%s"
                %s
                [profiles.other]
                role_arn = "arn:aws:iam::111122223333:role/NotAssumable"
                sts_endpoint = "%s"
                """.formatted(StsDouble.ROLE_ARN, sts.endpoint(), extra, sts.endpoint()));
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private AirlockProcess.Result run(String... args) throws Exception {
        return airlock.run(args);
    }

    /** The audit verifies, every line is complete, and no session was left open. */
    private void assertNothingHalfWritten() throws Exception {
        AirlockProcess.Result verify = run("audit", "verify");
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        Path sessions = home.resolve("airlock").resolve("sessions");
        if (Files.isDirectory(sessions)) {
            try (Stream<Path> files = Files.list(sessions)) {
                for (Path f : files.toList()) {
                    assertThat(f.toString()).endsWith(".json");
                    assertThat(Files.readString(f)).doesNotContain("\"ACTIVE\"");
                }
            }
        }
    }

    @Test
    void unknownActionIsBadInputWithDidYouMeanAndIsAuditedAsRefused() throws Exception {
        AirlockProcess.Result r = run("run", "--allow", "s3:GetObjekt", "--", "true");
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("unknown action 's3:GetObjekt'").contains("did you mean s3:GetObject");
        assertThat(sts.calls()).isEmpty();
        assertThat(Files.readString(home.resolve("airlock/audit/audit.jsonl"))).contains("\"type\":\"session.refused\"");
        assertNothingHalfWritten();
    }

    @Test
    void aRefusedRunWithASecretShapedArgumentIsBadInputNotAnInternalErrorAndIsAuditedRedacted() throws Exception {
        String secret = SecretShapes.secretAccessKey();
        AirlockProcess.Result r = run("run", "--allow", "s3:GetObjekt", "--", "tool", secret);
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT.code());
        String audit = Files.readString(home.resolve("airlock/audit/audit.jsonl"));
        assertThat(audit).contains("\"type\":\"session.refused\"")
                .contains("\"command\":[\"tool\",\"[redacted: aws-secret-access-key shape]\"]")
                .doesNotContain(secret);
        assertNothingHalfWritten();
    }

    @Test
    void malformedArnIsBadInput() throws Exception {
        AirlockProcess.Result r = run("run", "--allow", "s3:GetObject", "--resource", "bucket/key", "--", "true");
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("'bucket/key' is not an ARN").contains("hint: an ARN is arn:PARTITION");
        AirlockProcess.Result uri = run("run", "--allow", "s3:GetObject", "--resource", "s3://bucket/prefix/", "--", "true");
        assertThat(uri.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(uri.err()).contains("'s3://bucket/prefix/' is an S3 URI, not an ARN")
                .contains("hint: write --resource 'arn:aws:s3:::bucket/prefix/*'");
        assertNothingHalfWritten();
    }

    @Test
    void ttlOutOfRangeIsBadInputSayingWhatStsAccepts() throws Exception {
        AirlockProcess.Result shortTtl = run("run", "--allow", "s3:GetObject", "--ttl", "5m", "--", "true");
        assertThat(shortTtl.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(shortTtl.err()).contains("--ttl 5m is outside what STS issues (15m to 12h)").contains("--max-duration 5m");
        AirlockProcess.Result garbage = run("run", "--allow", "s3:GetObject", "--ttl", "soon", "--", "true");
        assertThat(garbage.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(garbage.err()).contains("\"soon\" is not a duration");
        assertThat(sts.calls()).isEmpty();
        assertNothingHalfWritten();
    }

    @Test
    void aCommandNotAfterDoubleDashIsAUsageError() throws Exception {
        AirlockProcess.Result r = run("run", "--allow", "s3:GetObject", "aws", "s3", "ls");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("put the command after --: airlock run [options] -- aws s3 ls");
        AirlockProcess.Result none = run("run", "--allow", "s3:GetObject");
        assertThat(none.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(none.err()).contains("no command given");
    }

    @Test
    void aMissingProfileListsTheOnesThatExist() throws Exception {
        AirlockProcess.Result r = run("run", "--profile", "prod", "--allow", "s3:GetObject", "--", "true");
        assertThat(r.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(r.err()).contains("prod").contains("dev").contains("other");
        assertNothingHalfWritten();
    }

    @Test
    void anUnreadableConfigNamesTheFileAndLine() throws Exception {
        Files.writeString(home.resolve("config.toml"), "[profiles.dev]\nrole_arn = \"" + StsDouble.ROLE_ARN
                + "\"\nttl = \"15 minutes\"\n");
        AirlockProcess.Result r = run("run", "--allow", "s3:GetObject", "--", "true");
        assertThat(r.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(r.err()).contains("config.toml:3").contains("15 minutes");
        airlock.env("AIRLOCK_CONFIG", home.resolve("missing.toml").toString());
        AirlockProcess.Result missing = run("run", "--allow", "s3:GetObject", "--", "true");
        assertThat(missing.exit()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(missing.err()).contains("missing.toml");
    }

    @Test
    void stsAccessDeniedIsItsOwnExitCodeAndAuditedAsRefused() throws Exception {
        AirlockProcess.Result r = run("run", "--profile", "other", "--allow", "s3:GetObject", "--", "true");
        assertThat(r.exit()).isEqualTo(ExitCode.STS_DENIED.code());
        assertThat(r.err()).contains("AccessDenied").contains("not authorized to perform: sts:AssumeRole")
                .contains("hint: the role's trust policy");
        List<String> audit = Files.readAllLines(home.resolve("airlock/audit/audit.jsonl"));
        assertThat(audit).anyMatch(l -> l.contains("\"type\":\"session.refused\"") && l.contains("AccessDenied"));
        assertNothingHalfWritten();
    }

    @Test
    void aWrongOrExpiredMfaCodeIsItsOwnExitCode() throws Exception {
        sts.requireMfa("246810");
        writeConfig("mfa_serial = \"arn:aws:iam::111122223333:mfa/alice\"");
        AirlockProcess.Result r = run("run", "--allow", "s3:GetObject", "--mfa-code", "123456", "--", "true");
        assertThat(r.exit()).isEqualTo(ExitCode.MFA.code());
        assertThat(r.err()).contains("MultiFactorAuthentication failed").contains("--mfa-code");
        // Sent with AssumeRole, or (by a resident helper, to hold an MFA session) with GetSessionToken.
        StsDouble.Call sent = java.util.stream.Stream.concat(sts.calls("GetSessionToken").stream(),
                sts.calls("AssumeRole").stream()).filter(c -> c.params().containsKey("TokenCode")).findFirst().orElseThrow();
        assertThat(sent.params()).containsEntry("SerialNumber", "arn:aws:iam::111122223333:mfa/alice")
                .containsEntry("TokenCode", "123456");
        AirlockProcess.Result none = run("run", "--allow", "s3:GetObject", "--", "true");
        assertThat(none.exit()).isEqualTo(ExitCode.MFA.code());
        assertThat(none.err()).contains("requires MFA");
        AirlockProcess.Result right = run("run", "--allow", "s3:GetObject", "--mfa-code", "246810", "--", "true");
        assertThat(right.exit()).as(right.err()).isZero();
        assertThat(Files.readString(home.resolve("airlock/audit/audit.jsonl"))).doesNotContain("246810");
        assertNothingHalfWritten();
    }

    @Test
    void noBaseCredentialsIsItsOwnExitCode() throws Exception {
        airlock.env("AWS_ACCESS_KEY_ID", "AKIAI44QH8DHBEXAMPLE");
        AirlockProcess.Result r = run("run", "--allow", "s3:GetObject", "--", "true");
        assertThat(r.exit()).isEqualTo(ExitCode.AWS_UNAVAILABLE.code());
        assertThat(r.err()).contains("InvalidClientTokenId").contains("hint: Airlock needs its own AWS credentials");
        assertNothingHalfWritten();
    }
}
