package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.testing.StsDouble;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MFA-protected profile as the {@code credential_process} of Debian's AWS CLI: {@code airlock
 * login} (or a code typed on the controlling terminal) makes one MFA session (GetSessionToken) that
 * the resident helper holds, and every AssumeRole after it is signed with that session and carries
 * no code. Without either, the error says how to log in. STS is played by {@link StsDouble}, which
 * requires the code for AssumeRole unless the caller is an MFA session.
 */
class MfaCacheIT {

    private static final String CODE = "123456";
    private static final String SERIAL = "arn:aws:iam::111122223333:mfa/alice";

    @TempDir
    Path home;
    StsDouble sts;
    AirlockProcess airlock;

    @BeforeEach
    void start() throws Exception {
        sts = new StsDouble().denyIamReads().requireMfa(CODE);
        Files.writeString(home.resolve("config.toml"), """
                [profiles.dev]
                role_arn = "%s"
                region = "us-west-2"
                sts_endpoint = "%s"
                mfa_serial = "%s"
                """.formatted(StsDouble.ROLE_ARN, sts.endpoint(), SERIAL));
        Path awsConfig = home.resolve("aws-config");
        airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET)
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString())
                .env("AWS_CONFIG_FILE", awsConfig.toString());
        String process = AirlockProcess.LAUNCHER + " credentials --profile dev --allow sts:GetCallerIdentity";
        Files.writeString(awsConfig, "[profile agent]\ncredential_process = " + process + "\nregion = us-west-2\n"
                + "[profile wider]\ncredential_process = " + process + ",s3:ListBucket\nregion = us-west-2\n");
    }

    @AfterEach
    void stop() throws Exception {
        airlock.stopHelpers();
        sts.close();
    }

    private record Ran(int exit, String out) {}

    /** Debian's AWS CLI; with {@code typed}, under a pseudo-terminal (script(1)) that receives it as keystrokes. */
    private Ran aws(String profile, String typed) throws Exception {
        String cli = "/usr/bin/aws sts get-caller-identity --profile " + profile + " --endpoint-url " + sts.endpoint()
                + " --output text --query Arn";
        ProcessBuilder pb = typed == null ? new ProcessBuilder("sh", "-c", cli + " </dev/null")
                : new ProcessBuilder("setsid", "script", "-qec", cli, "/dev/null");
        pb.environment().clear();
        pb.environment().putAll(airlock.env());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        if (typed != null) {
            Thread.sleep(1500); // typed once the prompt is up, as a person would
            p.getOutputStream().write(typed.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), out.trim());
    }

    private String audit() throws Exception {
        return Files.readString(home.resolve("airlock/audit/audit.jsonl"));
    }

    private static long count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void withoutALoginOrATerminalTheErrorSaysHowToLogIn() throws Exception {
        airlock.startHelper();
        Ran r = aws("agent", null);
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).contains("requires MFA (" + SERIAL + ")").contains("airlock login --profile dev");
        assertThat(sts.calls("AssumeRole")).isEmpty();
    }

    @Test
    void oneLoginServesEveryScopeUntilItExpires() throws Exception {
        airlock.startHelper();
        AirlockProcess.Result login = airlock.run("login", "--profile", "dev", "--mfa-code", CODE);
        assertThat(login.exit()).as(login.err()).isZero();
        assertThat(login.out()).contains("held by the helper until");

        for (String profile : List.of("agent", "agent", "wider")) {
            Ran r = aws(profile, null);
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).startsWith("arn:aws:sts::111122223333:assumed-role/AgentRole/");
        }
        List<StsDouble.Call> tokens = sts.calls("GetSessionToken");
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).params()).containsEntry("SerialNumber", SERIAL).containsEntry("TokenCode", CODE);
        assertThat(tokens.get(0).signedBy()).isEqualTo(StsDouble.BASE_KEY);
        StsDouble.Issued mfa = sts.issued().stream().filter(StsDouble.Issued::mfa).findFirst().orElseThrow();
        String mfaKey = mfa.accessKeyId();
        List<StsDouble.Call> assumed = sts.calls("AssumeRole");
        assertThat(assumed).as("one per scope").hasSize(2).allSatisfy(c -> {
            assertThat(c.signedBy()).as("signed with the MFA session").isEqualTo(mfaKey);
            assertThat(c.params()).doesNotContainKeys("TokenCode", "SerialNumber");
        });

        // A run through the helper needs no code either.
        AirlockProcess.Result run = airlock.run("run", "--profile", "dev", "--allow", "sts:GetCallerIdentity", "--", "true");
        assertThat(run.exit()).as(run.err()).isZero();
        String audit = audit();
        assertThat(count(audit, "\"type\":\"mfa.session\"")).isEqualTo(1);
        assertThat(audit).contains("\"mfaSession\":\"held\"").doesNotContain(mfa.secret()).doesNotContain(mfa.token());
    }

    @Test
    void aCodeTypedOnTheControllingTerminalIsAskedForOnce() throws Exception {
        airlock.startHelper();
        Ran first = aws("agent", CODE + "\n");
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("MFA code: ").doesNotContain(CODE);
        Ran again = aws("wider", null);
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(sts.calls("GetSessionToken")).hasSize(1);
        assertThat(sts.calls("AssumeRole")).hasSize(2);
    }

    @Test
    void loginNeedsAHelperToHoldTheSession() throws Exception {
        AirlockProcess.Result r = airlock.env("AIRLOCK_HELPER", "off").run("login", "--profile", "dev", "--mfa-code", CODE);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("resident helper");
        assertThat(sts.calls()).isEmpty();
    }

    @Test
    void aWrongCodeIsRefusedAndNothingIsHeld() throws Exception {
        airlock.startHelper();
        AirlockProcess.Result r = airlock.run("login", "--profile", "dev", "--mfa-code", "654321");
        assertThat(r.exit()).as(r.err()).isNotZero();
        assertThat(r.err()).contains("MultiFactorAuthentication failed");
        assertThat(aws("agent", null).exit()).isNotZero();
        try (Stream<String> lines = Files.lines(home.resolve("airlock/audit/audit.jsonl"))) {
            assertThat(lines.filter(l -> l.contains("\"type\":\"mfa.session\"")).count()).isZero();
        }
    }
}
