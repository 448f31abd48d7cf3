package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.testing.S3ProxyServer;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every {@link EnforceIT} case again, with each agent command's session issued by the broker
 * instead of {@code airlock run --enforce}: the same endpoint, the same refusals, the same audit.
 * The agent's command line goes into the request's reason, so what the audit keeps of it (and
 * redacts) is still tested. Cases that start {@code run} or {@code serve} themselves run as before.
 */
class EnforceThroughBrokerIT extends EnforceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Process broker;
    private BrokerClient agent;
    private String token;
    private int issued;

    @BeforeEach
    void startBroker() throws Exception {
        AirlockProcess.Result added = airlock.run("broker", "clients", "add", "agent");
        assertThat(added.exit()).as(added.err()).isZero();
        agent = new BrokerClient(home.resolve("airlock/broker/broker.sock"), "agent", added.out().trim());
        AirlockProcess.Result minted = airlock.run("broker", "token", "mint", "--task", "enforce-it", "--allow",
                "s3:GetObject,s3:ListBucket", "--resource", "arn:aws:s3:::demo/reports/*", "--ttl", "1h");
        assertThat(minted.exit()).as(minted.err()).isZero();
        token = minted.out().trim();
        broker = airlock.spawn(Files.createTempFile(home, "broker", ".err"), "listening on", "broker", "start",
                "--profile", "demo", "--upstream", s3.endpoint().toString());
    }

    @AfterEach
    void stopBroker() throws Exception {
        airlock.run("broker", "stop");
        assertThat(broker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // Or the case proved nothing about the broker.
        assertThat(Files.readString(home.resolve("airlock/audit/audit.jsonl")).lines()
                .filter(l -> l.contains("\"type\":\"broker.request\"") && l.contains("\"status\":201")))
                .hasSize(issued);
    }

    @Override
    AirlockProcess.Result enforced(String... awsArgs) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("token", token)
                .put("reason", "/usr/bin/aws " + String.join(" ", awsArgs));
        body.putArray("actions").add("s3:GetObject").add("s3:ListBucket");
        body.putArray("resources").add("arn:aws:s3:::demo/reports/*");
        BrokerClient.Reply created = agent.call("POST", "/v1/sessions", JSON.writeValueAsString(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        issued++;
        JsonNode session = JSON.readTree(created.body());
        AirlockProcess.Result r = BrokerClient.aws(home, session, awsArgs);
        String id = session.get("id").asText();
        assertThat(agent.call("DELETE", "/v1/sessions/" + id, "").status()).isEqualTo(200);
        awaitEnd(id);
        assertThat(created.body()).doesNotContain(S3ProxyServer.SECRET);
        return r;
    }

    /** The broker writes a session's calls and its end after the endpoint closes, off the request path. */
    private void awaitEnd(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.readString(home.resolve("airlock/audit/audit.jsonl"))
                    .contains("\"type\":\"session.end\",\"session\":\"" + id + "\"")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no session.end for " + id);
    }
}
