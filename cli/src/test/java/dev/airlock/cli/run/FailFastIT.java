package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.cli.ExitCode;
import dev.airlock.testing.StsDouble;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures on the way to STS end the command within its timeouts, in one line that names the host
 * and what to do: a black-holed endpoint (a socket that accepts and never answers, as behind a
 * dropping firewall or a stuck proxy), a name that does not resolve, and no base credentials.
 */
class FailFastIT {

    @TempDir
    Path home;
    ServerSocket blackHole;
    final List<Socket> held = new CopyOnWriteArrayList<>();
    StsDouble iam;

    @BeforeEach
    void start() throws IOException {
        blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    held.add(blackHole.accept()); // read nothing, answer nothing
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "black-hole");
        t.setDaemon(true);
        t.start();
        iam = new StsDouble().denyIamReads();
    }

    @AfterEach
    void stop() throws IOException {
        blackHole.close();
        for (Socket s : held) {
            s.close();
        }
        iam.close();
    }

    private String blackHoleUrl() {
        return "http://127.0.0.1:" + blackHole.getLocalPort();
    }

    private AirlockProcess airlock(String stsEndpoint) throws IOException {
        Files.writeString(home.resolve("config.toml"), """
                [profiles.dev]
                role_arn = "%s"
                sts_endpoint = "%s"
                """.formatted(StsDouble.ROLE_ARN, stsEndpoint));
        return new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET)
                .env("AWS_ENDPOINT_URL_IAM", iam.endpoint().toString())
                .env("AIRLOCK_CONNECT_TIMEOUT", "1s")
                .env("AIRLOCK_READ_TIMEOUT", "2s");
    }

    @Test
    void aBlackHoledStsFailsWithinTheConfiguredTimeoutThroughTheAwsCli() throws Exception {
        AirlockProcess airlock = airlock(blackHoleUrl());
        Path awsConfig = home.resolve("aws-config");
        Files.writeString(awsConfig, "[profile agent]\ncredential_process = " + AirlockProcess.LAUNCHER
                + " credentials --profile dev --allow sts:GetCallerIdentity\nregion = us-east-1\n");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/aws", "sts", "get-caller-identity", "--profile", "agent",
                "--endpoint-url", iam.endpoint().toString());
        pb.environment().clear();
        pb.environment().putAll(airlock.env());
        pb.environment().put("AWS_CONFIG_FILE", awsConfig.toString());
        pb.redirectErrorStream(true);
        long started = System.nanoTime();
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the AWS CLI finished").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("127.0.0.1:" + blackHole.getLocalPort() + " did not answer within 3 s");
        assertThat(out).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(held).as("Airlock reached the black hole").isNotEmpty();
        // 1 s + 2 s of budget, plus two JVM starts (the AWS CLI may run the process more than once) and the CLI's own.
        assertThat(took).isLessThan(Duration.ofSeconds(3 * 2 + 10));
        assertThat(iam.calls("AssumeRole")).isEmpty();
    }

    @Test
    void aBlackHoledStsEndsTheRunInOneLineWithinTheTimeoutAndLeavesTheRefusalAudited() throws Exception {
        AirlockProcess airlock = airlock(blackHoleUrl());
        long started = System.nanoTime();
        AirlockProcess.Result r = airlock.run("run", "--profile", "dev", "--allow", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/*", "--", "true");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.AWS_UNAVAILABLE.code());
        assertThat(r.err().lines().toList()).as(r.err()).containsExactly(
                "airlock: STS: 127.0.0.1:" + blackHole.getLocalPort()
                        + " did not answer within 3 s (AIRLOCK_CONNECT_TIMEOUT + AIRLOCK_READ_TIMEOUT)",
                "  hint: check the network and the profile's region and sts_endpoint");
        assertThat(took).isLessThan(Duration.ofSeconds(3 + 6));
        assertThat(Files.readString(home.resolve("airlock/audit/audit.jsonl"))).contains("\"type\":\"session.refused\"");
    }

    @Test
    void anUnresolvableStsHostIsNamed() throws Exception {
        AirlockProcess.Result r = airlock("https://sts.airlock-test.invalid").run("run", "--profile", "dev",
                "--allow", "s3:GetObject", "--resource", "arn:aws:s3:::b/*", "--", "true");
        assertThat(r.exit()).isEqualTo(ExitCode.AWS_UNAVAILABLE.code());
        assertThat(r.err()).startsWith("airlock: STS: cannot resolve sts.airlock-test.invalid\n");
    }

    @Test
    void noBaseCredentialsIsOneLineSayingWhatWasTriedOnce() throws Exception {
        AirlockProcess airlock = airlock(iam.endpoint().toString());
        airlock.env().remove("AWS_ACCESS_KEY_ID");
        airlock.env().remove("AWS_SECRET_ACCESS_KEY");
        airlock.env("AWS_EC2_METADATA_DISABLED", "true");
        AirlockProcess.Result r = airlock.run("run", "--profile", "dev", "--allow", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/*", "--", "true");
        assertThat(r.exit()).isEqualTo(ExitCode.AWS_UNAVAILABLE.code());
        assertThat(r.err().lines().toList()).as(r.err()).containsExactly(
                "airlock: no credentials for the broker: tried the environment (AWS_ACCESS_KEY_ID), web identity, "
                        + "AWS profile 'default', container and instance metadata",
                "  hint: Airlock needs its own AWS credentials to call STS: set source_profile in the profile, "
                        + "or provide them through the standard AWS chain");
    }

    @Test
    void debugAddsTheFullCause() throws Exception {
        AirlockProcess.Result r = airlock("https://sts.airlock-test.invalid").run("run", "--debug", "--profile", "dev",
                "--allow", "s3:GetObject", "--resource", "arn:aws:s3:::b/*", "--", "true");
        assertThat(r.exit()).isEqualTo(ExitCode.AWS_UNAVAILABLE.code());
        assertThat(r.err()).startsWith("airlock: STS: cannot resolve sts.airlock-test.invalid\n")
                .contains("airlock: --debug: the full cause:")
                .contains("UnknownHostException")
                .doesNotContain(StsDouble.BASE_SECRET);
    }

    @Test
    void aBadTimeoutIsBadInput() throws Exception {
        AirlockProcess airlock = airlock(blackHoleUrl()).env("AIRLOCK_READ_TIMEOUT", "soon");
        AirlockProcess.Result r = airlock.run("run", "--profile", "dev", "--allow", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/*", "--", "true");
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).startsWith("airlock: AIRLOCK_READ_TIMEOUT: \"soon\" is not a duration");
        assertThat(held).as("nothing was sent").isEmpty();
    }
}
