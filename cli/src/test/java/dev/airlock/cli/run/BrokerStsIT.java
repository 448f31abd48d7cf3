package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.testing.StsDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker session in {@code sts} mode: STS credentials themselves, only for a token that allows
 * the mode, assumed with exactly the requested scope (STS is the local double, which records what
 * it was sent) and used by Debian's AWS CLI.
 */
class BrokerStsIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    StsDouble sts;
    AirlockProcess airlock;
    Process broker;
    BrokerClient agent;

    @BeforeEach
    void start() throws Exception {
        sts = new StsDouble().denyIamReads();
        Files.writeString(home.resolve("config.toml"), "[profiles.dev]\nrole_arn = \"" + StsDouble.ROLE_ARN
                + "\"\nregion = \"us-east-1\"\nsts_endpoint = \"" + sts.endpoint() + "\"\n");
        airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET);
        AirlockProcess.Result added = airlock.run("broker", "clients", "add", "agent-a");
        assertThat(added.exit()).as(added.err()).isZero();
        agent = new BrokerClient(home.resolve("airlock/broker/broker.sock"), "agent-a", added.out().trim());
        broker = airlock.spawn(Files.createTempFile(home, "broker", ".err"), "listening on", "broker", "start",
                "--profile", "dev");
    }

    @AfterEach
    void stop() throws Exception {
        airlock.run("broker", "stop");
        broker.waitFor(30, TimeUnit.SECONDS);
        sts.close();
        assertThat(airlock.run("audit", "verify").exit()).isZero();
    }

    String mint(String modes) throws Exception {
        AirlockProcess.Result r = airlock.run("broker", "token", "mint", "--task", "T-7", "--allow",
                "sts:GetCallerIdentity,s3:GetObject", "--resource", "*", "--resource", "arn:aws:s3:::acme/*",
                "--ttl", "1h", "--modes", modes);
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out().trim();
    }

    @Test
    void stsModeNeedsATokenThatAllowsItAndAssumesExactlyTheRequestedScope() throws Exception {
        String body = "{\"token\":\"%s\",\"actions\":[\"sts:GetCallerIdentity\"],\"resources\":[\"*\"],\"mode\":\"sts\"}";
        BrokerClient.Reply refused = agent.call("POST", "/v1/sessions", String.format(body, mint("enforce")));
        BrokerIT.expect(refused, 403, "outside-token");
        assertThat(sts.calls("AssumeRole")).isEmpty();

        BrokerClient.Reply created = agent.call("POST", "/v1/sessions", String.format(body, mint("enforce,sts")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode env = JSON.readTree(created.body()).get("environment");
        assertThat(env.get("AWS_ACCESS_KEY_ID").asText()).startsWith("ASIA");
        StsDouble.Call assumed = sts.calls("AssumeRole").get(0);
        assertThat(assumed.signedBy()).isEqualTo(StsDouble.BASE_KEY);
        assertThat(assumed.params().get("Policy")).contains("sts:GetCallerIdentity").doesNotContain("s3:");
        assertThat(assumed.params()).as("the session tag naming the client").containsValue("airlock-client")
                .containsValue("agent-a");

        ProcessBuilder pb = new ProcessBuilder(List.of("/usr/bin/aws", "sts", "get-caller-identity", "--endpoint-url",
                sts.endpoint().toString(), "--output", "text", "--query", "Arn"));
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("HOME", home.toString());
        env.fields().forEachRemaining(e -> pb.environment().put(e.getKey(), e.getValue().asText()));
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("assumed-role/AgentRole/airlock-");
        assertThat(sts.calls("GetCallerIdentity").get(0).signedBy()).isEqualTo(env.get("AWS_ACCESS_KEY_ID").asText());
    }
}
