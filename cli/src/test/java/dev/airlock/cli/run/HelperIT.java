package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.cli.ExitCode;
import dev.airlock.testing.StsDouble;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
        // The audit says when a process holding the base credentials came and went, and why it went.
        List<String> lines = audit().lines().toList();
        assertThat(lines.get(0)).contains("\"type\":\"helper.start\"").contains("\"idleSeconds\":600");
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"helper.stop\"") && l.contains("\"reason\":\"asked\""));
        AirlockProcess.Result verify = airlock.run("audit", "verify");
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    }

    @Test
    void aPeerThatCannotProveTheEnvironmentIsDeclinedBeforeAnythingIsDone() throws Exception {
        airlock.startHelper();
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sockets().get(0)))) {
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            out.writeByte('H');
            out.writeInt(PROTOCOL);
            writeBytes(out, "airlock-helper\0guessed\0".getBytes(StandardCharsets.UTF_8));
            writeBytes(out, new byte[16]);
            out.flush();
            assertThat((char) in.readByte()).isEqualTo('N');
            assertThat(new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8)).contains("environment");
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sockets().get(0)))) {
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
            out.writeByte('H');
            out.writeInt(PROTOCOL);
            out.writeInt(64 << 20); // a 64 MiB "fingerprint": dropped at the request cap
            out.write(new byte[5 << 20]);
            out.flush();
        } catch (java.io.IOException dropped) {
            // The helper closed the connection while this side was still writing: as intended.
        }
        assertThat(sts.calls()).isEmpty();
        assertThat(audit()).doesNotContain("\"type\":\"session.");
        AirlockProcess.Result r = airlock.run("run", "--allow", "s3:GetObject", "--", "true");
        assertThat(r.exit()).as("the helper still serves: " + r.err()).isZero();
        assertThat(audit()).contains("\"openedBy\":\"helper\"");
    }

    /** The protocol version of {@code Wire}; a test that speaks it must be told when it changes. */
    private static final int PROTOCOL = 3;

    private static void writeBytes(DataOutputStream out, byte[] b) throws Exception {
        out.writeInt(b.length);
        out.write(b);
    }

    @Test
    void aListenerThatIsNotTheHelperLearnsNothingAndRunsNothing() throws Exception {
        airlock.startHelper();
        Path socket = sockets().get(0);
        airlock.stopHelpers();
        ByteArrayOutputStream heard = new ByteArrayOutputStream();
        try (ServerSocketChannel impostor = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            impostor.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(() -> {
                try (SocketChannel c = impostor.accept()) {
                    DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
                    byte[] buf = new byte[65536];
                    int n = Channels.newInputStream(c).read(buf);
                    heard.write(buf, 0, Math.max(n, 0));
                    out.writeByte('K');
                    writeBytes(out, new byte[16]);
                    writeBytes(out, new byte[32]);
                    out.flush();
                    Channels.newInputStream(c).transferTo(heard);
                } catch (Exception ignored) {
                    // The client hung up.
                }
            });
            t.start();
            AirlockProcess.Result r = airlock.run("run", "--allow", "s3:GetObject", "--", "sh", "-c", "echo own-command");
            t.join(10_000);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("own-command");
        }
        String seen = heard.toString(StandardCharsets.ISO_8859_1);
        assertThat(seen).startsWith("H").doesNotContain(StsDouble.BASE_SECRET).doesNotContain("s3:GetObject")
                .doesNotContain("PATH=");
        assertThat(audit()).contains("\"openedBy\":\"cli\"");
    }

    @Test
    void withoutSecretVariablesAListenerCanAnswerButCannotChangeTheCommandOrItsEnvironment() throws Exception {
        // Base credentials from ~/.aws: the handshake key is public, so only the client's own checks stand.
        airlock.env().remove("AWS_ACCESS_KEY_ID");
        airlock.env().remove("AWS_SECRET_ACCESS_KEY");
        airlock.env("AWS_PROFILE", "base");
        airlock.startHelper();
        Path socket = sockets().get(0);
        airlock.stopHelpers();
        try (ServerSocketChannel impostor = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            impostor.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(() -> answerAsAHelperWithAnotherEnvironment(impostor));
            t.start();
            AirlockProcess.Result r = airlock.run("run", "--allow", "s3:GetObject", "--", "sh", "-c",
                    "echo own-command $INJECTED");
            t.join(10_000);
            assertThat(r.out()).doesNotContain("own-command").doesNotContain("by-impostor");
            assertThat(r.err()).contains("asked to run another command or environment; refused");
        }
    }

    /** Speaks the helper protocol with the public key, and asks for the client's command with a planted variable. */
    private static void answerAsAHelperWithAnotherEnvironment(ServerSocketChannel impostor) {
        try (SocketChannel c = impostor.accept()) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(c));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
            in.readByte();
            in.readInt();
            in.readNBytes(in.readInt());
            byte[] clientNonce = in.readNBytes(in.readInt());
            byte[] helperNonce = new byte[16];
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("airlock-helper-key\0".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("airlock-helper/" + PROTOCOL + "/helper\0").getBytes(StandardCharsets.UTF_8));
            mac.update(clientNonce);
            out.writeByte('K');
            writeBytes(out, helperNonce);
            writeBytes(out, mac.doFinal(helperNonce));
            out.flush();
            in.readByte();
            in.readNBytes(in.readInt());
            in.readNBytes(in.readInt());
            out.writeByte('C');
            writeStrings(out, List.of("sh", "-c", "echo own-command $INJECTED"));
            out.writeInt(2);
            writeBytes(out, "PATH".getBytes(StandardCharsets.UTF_8));
            writeBytes(out, System.getenv("PATH").getBytes(StandardCharsets.UTF_8));
            writeBytes(out, "INJECTED".getBytes(StandardCharsets.UTF_8));
            writeBytes(out, "by-impostor".getBytes(StandardCharsets.UTF_8));
            out.writeLong(60_000);
            out.writeLong(1_000);
            out.flush();
            in.readByte();
            in.readByte();
            out.writeByte('D');
            out.writeInt(0);
            out.flush();
        } catch (Exception ignored) {
            // The client hung up.
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws Exception {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void whenTheHelperDiesMidRunTheCommandIsNotRunAgain() throws Exception {
        airlock.startHelper();
        Path ran = home.resolve("ran.txt");
        String serving = "HelperServer " + sockets().get(0);
        ProcessHandle helper = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(serving))
                .findFirst().orElseThrow();
        Thread killer = new Thread(() -> {
            try {
                while (!Files.exists(ran)) {
                    Thread.sleep(20);
                }
                helper.destroyForcibly();
            } catch (InterruptedException ignored) {
                // Test over.
            }
        });
        killer.start();
        AirlockProcess.Result r = airlock.run("run", "--allow", "s3:GetObject", "--", "sh", "-c",
                "echo ran >> '" + ran + "'; sleep 2; exit 4");
        killer.join(10_000);
        assertThat(Files.readAllLines(ran)).containsExactly("ran");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("stopped before recording the session's end");
        assertThat(sts.calls("AssumeRole")).hasSize(1);
    }

    @Test
    void argumentFilesAreReadByTheClientsOwnProcess() throws Exception {
        airlock.startHelper();
        Files.writeString(home.resolve("opts"), "--allow\ns3:GetObject\n");
        AirlockProcess.Result r = airlock.run("run", "@" + home.resolve("opts"), "--", "true");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(audit()).contains("\"openedBy\":\"cli\"").contains("s3:GetObject");
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
    void anMfaCodeTheHelperNeedsIsAskedForOnTheClientsTerminal() throws Exception {
        sts.requireMfa("246810");
        Files.writeString(home.resolve("config.toml"), Files.readString(home.resolve("config.toml"))
                + "mfa_serial = \"arn:aws:iam::111122223333:mfa/alice\"\n");
        airlock.startHelper();
        // script(1) gives the client a terminal, as a user's shell would; the code is typed into it.
        ProcessBuilder pb = new ProcessBuilder("script", "-qec",
                AirlockProcess.LAUNCHER + " run --allow s3:GetObject -- true", "/dev/null");
        pb.environment().clear();
        pb.environment().putAll(airlock.env());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        StringBuilder shown = new StringBuilder();
        java.io.InputStream terminal = p.getInputStream();
        while (shown.indexOf("MFA code:") < 0) {
            int c = terminal.read();
            assertThat(c).as("no prompt in: " + shown).isNotNegative();
            shown.append((char) c);
        }
        // Typed only once asked, as a person would: the terminal then does not echo it.
        p.getOutputStream().write("246810\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        shown.append(new String(terminal.readAllBytes(), StandardCharsets.UTF_8));
        assertThat(p.waitFor()).as(shown.toString()).isZero();
        assertThat(shown.toString()).contains("MFA code:").doesNotContain("246810");
        // The helper makes the code an MFA session it holds, and assumes the role from that.
        assertThat(sts.calls("GetSessionToken").get(0).params()).containsEntry("TokenCode", "246810")
                .containsEntry("SerialNumber", "arn:aws:iam::111122223333:mfa/alice");
        assertThat(sts.calls("AssumeRole").get(0).params()).doesNotContainKey("TokenCode");
        assertThat(audit()).contains("\"openedBy\":\"helper\"").contains("\"mfa\":true")
                .contains("\"mfaSession\":\"new\"");
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
        assertThat(audit()).contains("\"reason\":\"idle\"");
    }
}
