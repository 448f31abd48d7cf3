package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.airlock.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-user set-up, for real: the broker runs as this user (root in CI) with its directory
 * admitting the group {@code nogroup}, and the agent is the user {@code nobody}, driven with
 * {@code runuser}. The agent reaches the socket and, with its secret and token, gets a session; it
 * cannot read or write the clients file or the token key, nor read the broker's environment (the
 * base keys). Needs root (to act as another user); skipped otherwise.
 */
class BrokerTwoUserIT {
    @TempDir
    Path home;
    Path dir;
    S3ProxyServer s3;
    AirlockProcess airlock;
    Process broker;
    BrokerClient agent;
    String token;

    @BeforeEach
    void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "acting as another user needs root");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx--x--x"));
        dir = home.resolve("broker");
        Files.createDirectory(dir);
        GroupPrincipal nogroup = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("nogroup");
        Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(nogroup);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createDirectories(home.resolve("store"));
        s3 = new S3ProxyServer(home.resolve("store"));
        s3.blobStore().createContainerInLocation(null, "demo");
        Files.writeString(home.resolve("config.toml"), """
                [profiles.demo]
                role_arn = "arn:aws:iam::111122223333:role/AgentRole"
                region = "us-east-1"
                """);
        airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", S3ProxyServer.KEY)
                .env("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET).env("AIRLOCK_BROKER_DIR", dir.toString());
        AirlockProcess.Result added = airlock.run("broker", "clients", "add", "agent-a");
        assertThat(added.exit()).as(added.err()).isZero();
        agent = new BrokerClient(dir.resolve("broker.sock"), "agent-a", added.out().trim()).asUser("nobody");
        token = airlock.run("broker", "token", "mint", "--task", "T-1", "--allow", "s3:GetObject", "--resource",
                "arn:aws:s3:::demo/*", "--ttl", "1h").out().trim();
        broker = airlock.spawn(Files.createTempFile(home, "broker", ".err"), "listening on " + dir, "broker", "start",
                "--profile", "demo", "--upstream", s3.endpoint().toString());
    }

    @AfterEach
    void stop() throws Exception {
        if (broker != null) {
            airlock.run("broker", "stop");
            broker.waitFor(30, TimeUnit.SECONDS);
        }
        if (s3 != null) {
            s3.close();
        }
    }

    static int asNobody(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void theAgentsUserReachesOnlyTheSocketAndGetsOnlyWhatItsTokenAllows() throws Exception {
        BrokerIT.expect(agent.call("POST", "/v1/sessions", BrokerIT.body(token, "[\"s3:GetObject\"]",
                "[\"arn:aws:s3:::demo/reports/*\"]")), 201, null);
        BrokerIT.expect(agent.call("POST", "/v1/sessions", BrokerIT.body(token, "[\"s3:PutObject\"]",
                "[\"arn:aws:s3:::demo/reports/*\"]")), 403, "outside-token");

        assertThat(asNobody("cat", dir.resolve("clients.json").toString())).as("the client secrets").isNotZero();
        assertThat(asNobody("cat", dir.resolve("token-root.key").toString())).as("the token root key").isNotZero();
        assertThat(asNobody("sh", "-c", "echo '{}' > " + dir.resolve("clients.json"))).as("registering").isNotZero();
        assertThat(asNobody("touch", dir.resolve("revoked-tokens").toString())).isNotZero();
        assertThat(asNobody("cat", "/proc/" + broker.pid() + "/environ")).as("the base keys").isNotZero();
        assertThat(Files.readString(dir.resolve("clients.json"))).contains("agent-a");

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        assertThat(agent.call("GET", "/v1/sessions", "").status()).as("no group, no access").isNegative();
    }
}
