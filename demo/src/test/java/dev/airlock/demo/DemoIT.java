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

    private static Run demo(Map<String, String> extraEnv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of("..", "bin", "airlock").toAbsolutePath().normalize().toString(), "demo")
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
                .contains("intact:").contains("Demo complete.");
    }

    @Test
    void withoutTheAwsCliTheSdkPlaysTheAgent() throws Exception {
        Run r = demo(Map.of("AIRLOCK_DEMO_AGENT", "sdk"));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("the AWS SDK for Java").contains("eu,4200").contains("refused: AccessDenied")
                .contains("was revoked").contains("Demo complete.");
    }
}
