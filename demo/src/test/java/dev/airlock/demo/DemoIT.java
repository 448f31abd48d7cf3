package dev.airlock.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's first command, run as a user runs it: {@code bin/airlock demo}, with the AWS CLI and with the SDK agent. */
class DemoIT {

    record Run(int exit, String output) {}

    private static Run demo(Map<String, String> extraEnv, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                Path.of("..", "bin", "airlock").toAbsolutePath().normalize().toString(), "demo"));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("demo did not finish");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void theDemoShowsAllowedDeniedRevokedAndAVerifiedTrailWithTheAwsCli() throws Exception {
        Run r = demo(Map.of());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("the AWS CLI (/usr/bin/aws)").contains("eu,4200")
                .contains("is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::acme-reports/reports/notes.txt")
                .contains("is not authorized to perform: s3:DeleteObject")
                .contains("reports/notes.txt does not exist, secret/payroll.csv is still there")
                .contains("was revoked").contains("decision=refused  reason=session revoked")
                .contains("intact:").contains("Demo complete.")
                // The refused download's HEAD shows the agent only "403 Forbidden"; the narration gives the audit's reason.
                .contains("HeadObject [arn:aws:s3:::acme-reports/secret/payroll.csv]: denied: s3:GetObject");
    }

    @Test
    void withoutTheAwsCliTheSdkPlaysTheAgent() throws Exception {
        Run r = demo(Map.of("AIRLOCK_DEMO_AGENT", "sdk"));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("the AWS SDK for Java").contains("eu,4200").contains("refused: AccessDenied")
                .contains("was revoked").contains("Demo complete.");
        // The refused upload (Expect: 100-continue) is answered before its body, read by the SDK, and not retried.
        assertThat(r.output()).contains("refused: AccessDenied: User: arn:aws:sts::111122223333:assumed-role/DemoAgent/")
                .containsPattern("is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::acme-reports/reports/notes.txt");
        assertThat(r.output().lines().filter(l -> l.contains("operation=PutObject"))).hasSize(1);
    }

    @Test
    void helpWorksAndAnythingElseIsAUsageError() throws Exception {
        Run help = demo(Map.of(), "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).startsWith("Usage: airlock demo [--help]");
        Run bad = demo(Map.of(), "--fast");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.output()).contains("no options but --help");
    }
}
