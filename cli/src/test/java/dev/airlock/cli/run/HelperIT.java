package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.cli.ExitCode;
import dev.airlock.testing.StsDouble;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident helper itself: its life cycle, whom it serves and whom it declines, and what it
 * records when the client running the command disappears. STS is played by {@link StsDouble}.
 */
class HelperIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    StsDouble sts;
    AirlockProcess airlock;

    @BeforeEach
    void start() throws Exception {
        sts = new StsDouble().rolePolicy("admin",
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
        Files.writeString(home.resolve("config.toml"), """
                default_profile = "dev"
                [profiles.dev]
                role_arn = "%s"
                region = "eu-west-1"
                sts_endpoint = "%s"
                """.formatted(StsDouble.ROLE_ARN, sts.endpoint()));
        airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET)
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString());
    }

    @AfterEach
    void stop() throws Exception {
        airlock.stopHelpers();
        sts.close();
    }

    private Path helperDir() {
        return home.resolve("airlock/helper");
    }

    private List<Path> sockets() throws Exception {
        if (!Files.isDirectory(helperDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(helperDir())) {
            return files.filter(p -> p.toString().endsWith(".sock")).toList();
        }
    }

    private String audit() throws Exception {
        return Files.readString(home.resolve("airlock/audit/audit.jsonl"));
    }

    @Test
    void startServeStatusAndStopOnlyForItsUser() throws Exception {
        airlock.startHelper();
        assertThat(sockets()).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(helperDir()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sockets().get(0)))).isEqualTo("rw-------");
        assertThat(airlock.run("helper", "status").out()).startsWith("running").contains(sockets().get(0).toString());

        AirlockProcess.Result r = airlock.run("run", "--allow", "s3:GetObject", "--", "sh", "-c", "exit 3");
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(audit()).contains("\"openedBy\":\"helper\"");

        assertThat(airlock.run("helper", "stop").out()).contains("stopped 1 helper");
        assertThat(sockets()).isEmpty();
        assertThat(airlock.run("helper", "status").out()).contains("no helper running");
    }

    @Test
    void aRequestFromAnotherEnvironmentIsDeclinedBeforeAnythingIsDone() throws Exception {
        airlock.startHelper();
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sockets().get(0)))) {
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
            out.writeByte('Q');
            out.writeInt(1);
            writeString(out, "airlock-helper\0" + "1\0" + "AWS_ACCESS_KEY_ID=" + StsDouble.BASE_KEY + "\0");
            out.writeInt(5);
            for (String a : List.of("run", "--allow", "s3:GetObject", "--", "true")) {
                writeString(out, a);
            }
            out.writeInt(0);
            out.flush();
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            assertThat((char) in.readByte()).isEqualTo('N');
            int n = in.readInt();
            assertThat(new String(in.readNBytes(n), StandardCharsets.UTF_8)).contains("environment");
        }
        assertThat(sts.calls()).isEmpty();
        assertThat(home.resolve("airlock/audit/audit.jsonl")).doesNotExist();
    }

    private static void writeString(DataOutputStream out, String s) throws Exception {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    @Test
    void aClientWithoutTheBaseCredentialsGetsNothingFromTheHelper() throws Exception {
        airlock.startHelper();
        // As an agent would, whose environment Airlock scrubbed: same user, same home, no base key.
        airlock.env().remove("AWS_ACCESS_KEY_ID");
        airlock.env().remove("AWS_SECRET_ACCESS_KEY");
        airlock.env("AWS_EC2_METADATA_DISABLED", "true");
        AirlockProcess.Result r = airlock.run("run", "--allow", "s3:GetObject", "--", "true");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.AWS_UNAVAILABLE.code());
        assertThat(sts.calls("AssumeRole")).isEmpty();
    }

    @Test
    void credentialsAreServedByTheHelperAsCredentialProcessJson() throws Exception {
        airlock.startHelper();
        AirlockProcess.Result r = airlock.run("credentials", "--allow", "s3:GetObject");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        StsDouble.Issued issued = sts.issued().get(0);
        assertThat(json.get("Version").asInt()).isEqualTo(1);
        assertThat(json.get("AccessKeyId").asText()).isEqualTo(issued.accessKeyId());
        assertThat(json.get("SecretAccessKey").asText()).isEqualTo(issued.secret());
        assertThat(audit()).contains("\"openedBy\":\"helper\"").doesNotContain(issued.secret());
        assertThat(Files.readString(helperDir().resolve("helper.log"))).doesNotContain(issued.secret())
                .doesNotContain(StsDouble.BASE_SECRET);
    }

    @Test
    void refreshRunsInTheClientsOwnProcess() throws Exception {
        airlock.startHelper();
        AirlockProcess.Result r = airlock.run("run", "--refresh", "--allow", "s3:GetObject", "--", "true");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(audit()).contains("\"openedBy\":\"cli\"").doesNotContain("\"openedBy\":\"helper\"");
    }

    @Test
    void whenTheClientIsKilledTheHelperRecordsTheSessionAsAbandoned() throws Exception {
        airlock.startHelper();
        ProcessBuilder pb = new ProcessBuilder(AirlockProcess.LAUNCHER.toString(), "run", "--allow", "s3:GetObject",
                "--", "sleep", "60");
        pb.environment().clear();
        pb.environment().putAll(airlock.env());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process client = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (client.descendants().noneMatch(p -> p.info().command().orElse("").endsWith("sleep"))) {
            assertThat(System.nanoTime()).as("the command never started").isLessThan(deadline);
            Thread.sleep(50);
        }
        List<ProcessHandle> command = client.descendants().toList();
        client.destroyForcibly().waitFor();
        command.forEach(ProcessHandle::destroyForcibly);
        while (!airlock.run("sessions", "list").out().contains("abandoned")) {
            assertThat(System.nanoTime()).as("the helper never recorded the end").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(audit()).contains("\"type\":\"session.end\"").contains("went away");
        AirlockProcess.Result verify = airlock.run("audit", "verify");
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    }

    @Test
    void anIdleHelperStopsByItself() throws Exception {
        airlock.env("AIRLOCK_HELPER_IDLE_SECONDS", "1").startHelper();
        assertThat(sockets()).hasSize(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!sockets().isEmpty()) {
            assertThat(System.nanoTime()).as("the helper is still there").isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(airlock.run("helper", "status").out()).contains("no helper running");
    }
}
