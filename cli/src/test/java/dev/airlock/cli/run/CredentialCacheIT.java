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
 * {@code airlock credentials} as the {@code credential_process} of Debian's AWS CLI: one
 * AssumeRole per exact scope while its session lasts, however often the CLI runs the process; each
 * reuse one audit event. STS is played by {@link StsDouble}.
 */
class CredentialCacheIT {

    @TempDir
    Path home;
    StsDouble sts;
    AirlockProcess airlock;
    Path awsConfig;

    @BeforeEach
    void start() throws Exception {
        sts = new StsDouble().denyIamReads();
        Files.writeString(home.resolve("config.toml"), """
                [profiles.dev]
                role_arn = "%s"
                region = "us-west-2"
                sts_endpoint = "%s"
                """.formatted(StsDouble.ROLE_ARN, sts.endpoint()));
        airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET)
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString());
        awsConfig = home.resolve("aws-config");
        // The AWS CLI passes its environment on to the process: the helper must be started with the same.
        airlock.env("AWS_CONFIG_FILE", awsConfig.toString());
        String process = AirlockProcess.LAUNCHER + " credentials --profile dev --allow sts:GetCallerIdentity";
        Files.writeString(awsConfig, "[profile agent]\ncredential_process = " + process + "\nregion = us-west-2\n"
                + "[profile wider]\ncredential_process = " + process + ",s3:ListBucket\nregion = us-west-2\n");
    }

    @AfterEach
    void stop() throws Exception {
        airlock.stopHelpers();
        sts.close();
    }

    private String aws(String profile) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/aws", "sts", "get-caller-identity", "--profile", profile,
                "--endpoint-url", sts.endpoint().toString(), "--output", "text", "--query", "Arn");
        pb.environment().clear();
        pb.environment().putAll(airlock.env());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.trim();
    }

    private long events(String type) throws Exception {
        try (Stream<String> lines = Files.lines(home.resolve("airlock/audit/audit.jsonl"))) {
            return lines.filter(l -> l.contains("\"type\":\"" + type + "\"")).count();
        }
    }

    private long sessionRecords() throws Exception {
        try (Stream<Path> files = Files.list(home.resolve("airlock/sessions"))) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    @Test
    void throughTheHelperEachScopeIsAssumedOnceAndEveryReuseIsAudited() throws Exception {
        airlock.startHelper();
        String first = aws("agent");
        for (int i = 0; i < 3; i++) {
            assertThat(aws("agent")).isEqualTo(first);
        }
        assertThat(sts.calls("AssumeRole")).hasSize(1);
        assertThat(sessionRecords()).isEqualTo(1);
        assertThat(events("session.start")).isEqualTo(1);
        long reused = events("session.reused");
        assertThat(reused).as("one event per credential_process run after the first").isGreaterThanOrEqualTo(3);
        // The same key went to every command.
        List<StsDouble.Call> calls = sts.calls("GetCallerIdentity");
        assertThat(calls).hasSize(4);
        assertThat(calls.stream().map(StsDouble.Call::signedBy).distinct()).hasSize(1);

        // Another scope (one more action) is another session.
        aws("wider");
        assertThat(sts.calls("AssumeRole")).hasSize(2);
        assertThat(sessionRecords()).isEqualTo(2);
        String audit = Files.readString(home.resolve("airlock/audit/audit.jsonl"));
        assertThat(audit).doesNotContain(sts.issued().get(0).token());
    }

    @Test
    void aRevokedSessionIsNotHandedOutAgain() throws Exception {
        airlock.startHelper();
        aws("agent");
        String id;
        try (Stream<Path> files = Files.list(home.resolve("airlock/sessions"))) {
            id = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).findFirst().orElseThrow()
                    .replace(".json", "");
        }
        assertThat(airlock.run("sessions", "revoke", id).exit()).isZero();
        aws("agent");
        assertThat(sts.calls("AssumeRole")).hasSize(2);
    }

    @Test
    void withoutAHelperNothingIsCached() throws Exception {
        aws("agent");
        aws("agent");
        assertThat(sts.calls("AssumeRole").size()).isGreaterThanOrEqualTo(2);
        assertThat(events("session.reused")).isZero();
    }
}
