package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.testing.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jclouds.blobstore.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker as an agent meets it: the packaged CLI starts it as a process; the test registers a
 * client and mints a token as its owner, then talks to it over its Unix socket with curl (and with
 * hand-made bytes), and runs Debian's AWS CLI with a broker-issued enforcing session against S3Proxy.
 */
class BrokerIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    S3ProxyServer s3;
    AirlockProcess airlock;
    Process broker;
    BrokerClient agent;
    String token;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(home.resolve("store"));
        s3 = new S3ProxyServer(home.resolve("store"));
        BlobStore store = s3.blobStore();
        store.createContainerInLocation(null, "demo");
        store.putBlob("demo", store.blobBuilder("reports/q1.csv").payload("region,total\neu,42\n").build());
        store.putBlob("demo", store.blobBuilder("reports/2026/q2.csv").payload("region,total\nus,7\n").build());
        store.putBlob("demo", store.blobBuilder("payroll/salaries.csv").payload("do not read").build());
        Files.writeString(home.resolve("config.toml"), """
                [profiles.demo]
                role_arn = "arn:aws:iam::111122223333:role/AgentRole"
                region = "us-east-1"
                """);
        airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", S3ProxyServer.KEY)
                .env("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET);
        AirlockProcess.Result added = airlock.run("broker", "clients", "add", "agent-a");
        assertThat(added.exit()).as(added.err()).isZero();
        agent = new BrokerClient(home.resolve("airlock/broker/broker.sock"), "agent-a", added.out().trim());
        token = mint("--allow", "s3:GetObject,s3:ListBucket", "--resource", "arn:aws:s3:::demo/reports/*",
                "--resource", "arn:aws:s3:::demo", "--ttl", "1h", "--max-sessions", "5");
        startBroker();
    }

    String mint(String... grant) throws Exception {
        List<String> args = new ArrayList<>(List.of("broker", "token", "mint", "--task", "T-42"));
        args.addAll(List.of(grant));
        AirlockProcess.Result r = airlock.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out().trim();
    }

    Path brokerErr;

    void startBroker() throws Exception {
        startBroker("100");
    }

    void startBroker(String sessionRate) throws Exception {
        brokerErr = Files.createTempFile(home, "broker", ".err");
        broker = airlock.spawn(brokerErr, "listening on", "broker", "start", "--profile", "demo", "--upstream",
                s3.endpoint().toString(), "--session-rate", sessionRate);
    }

    void stopBroker() throws Exception {
        AirlockProcess.Result r = airlock.run("broker", "stop");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(broker.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        if (broker != null && broker.isAlive()) {
            stopBroker();
        }
        s3.close();
        AirlockProcess.Result verify = airlock.run("audit", "verify");
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        assertThat(audit()).doesNotContain(S3ProxyServer.SECRET).doesNotContain(token.substring(5, 40));
    }

    String audit() throws Exception {
        return Files.readString(home.resolve("airlock/audit/audit.jsonl"));
    }

    static String body(String token, String actions, String resources) {
        return "{\"token\":\"" + token + "\",\"actions\":" + actions + ",\"resources\":" + resources + "}";
    }

    BrokerClient.Reply create(String tok, String actions, String resources) throws Exception {
        return agent.call("POST", "/v1/sessions", body(tok, actions, resources));
    }

    AirlockProcess.Result aws(JsonNode session, String... args) throws Exception {
        return BrokerClient.aws(home, session, args);
    }

    @Test
    void aBrokerIssuedSessionIsUsedByTheAwsCliInsideItsTokenAndRevokedThroughTheApi() throws Exception {
        BrokerClient.Reply created = create(token, "[\"s3:GetObject\",\"s3:ListBucket\"]",
                "[\"arn:aws:s3:::demo/reports/*\"]");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(S3ProxyServer.SECRET).doesNotContain(S3ProxyServer.KEY);
        JsonNode session = JSON.readTree(created.body());
        String id = session.get("id").asText();
        assertThat(session.get("environment").has("AWS_ACCESS_KEY_ID")).isTrue();
        assertThat(session.get("environment").has("AWS_CA_BUNDLE")).as("the broker's path is useless to another user")
                .isFalse();

        AirlockProcess.Result read = aws(session, "s3", "cp", "s3://demo/reports/q1.csv", "-");
        assertThat(read.exit()).as(read.err()).isZero();
        assertThat(read.out()).contains("eu,42");
        AirlockProcess.Result payroll = aws(session, "s3", "cp", "s3://demo/payroll/salaries.csv", "-");
        assertThat(payroll.exit()).isNotZero();
        assertThat(payroll.out()).doesNotContain("do not read");

        BrokerClient.Reply list = agent.call("GET", "/v1/sessions", "");
        assertThat(list.status()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).get("sessions").get(0).get("id").asText()).isEqualTo(id);
        BrokerClient.Reply check = agent.call("POST", "/v1/check", "{\"session\":\"" + id
                + "\",\"action\":\"s3:PutObject\",\"resource\":\"arn:aws:s3:::demo/reports/q1.csv\"}");
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(JSON.readTree(check.body()).get("allowed").asBoolean()).isFalse();
        BrokerClient.Reply calls = agent.call("GET", "/v1/audit?session=" + id, "");
        assertThat(calls.status()).isEqualTo(200);
        assertThat(calls.body()).contains("\"type\":\"call\"").contains("s3:GetObject");

        BrokerClient.Reply revoked = agent.call("DELETE", "/v1/sessions/" + id, "");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        AirlockProcess.Result after = aws(session, "s3", "cp", "s3://demo/reports/q1.csv", "-");
        assertThat(after.exit()).isNotZero();
        assertThat(after.out()).doesNotContain("eu,42");

        stopBroker();
        String audit = audit();
        assertThat(audit.lines().filter(l -> l.contains("\"type\":\"broker.request\"")))
                .as(Files.readString(brokerErr))
                .anySatisfy(l -> assertThat(l).contains("\"route\":\"POST /v1/sessions\"").contains("\"client\":\"agent-a\"")
                        .contains("\"task\":\"T-42\"").contains("\"status\":201"))
                .anySatisfy(l -> assertThat(l).contains("\"route\":\"DELETE /v1/sessions/{id}\""));
        assertThat(audit).contains("\"type\":\"session.revoked\"").contains("\"type\":\"session.end\"")
                .contains("\"type\":\"broker.stop\"");
    }

    /**
     * The agent's own command, in an environment with no base credentials: its client name, secret
     * and token. The printed environment is all Debian's AWS CLI needs.
     */
    @Test
    void anAgentAsksWithAirlockBrokerRequestAndRunsTheAwsCliWithWhatItPrints() throws Exception {
        AirlockProcess agentProcess = new AirlockProcess(home).env("AIRLOCK_CLIENT", "agent-a")
                .env("AIRLOCK_CLIENT_SECRET", agent.secret.reveal()).env("AIRLOCK_TOKEN", token)
                .env("AIRLOCK_BROKER_SOCKET", agent.socket.toString());
        AirlockProcess.Result r = agentProcess.run("broker", "request", "--allow", "s3:GetObject", "--resource",
                "arn:aws:s3:::demo/reports/*", "--reason", "read the q1 report", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode env = JSON.readTree(r.out());
        assertThat(r.out()).doesNotContain(S3ProxyServer.SECRET).doesNotContain(agent.secret.reveal())
                .doesNotContain(token);
        ObjectNode session = JSON.createObjectNode();
        ObjectNode vars = session.putObject("environment");
        env.fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
        session.put("caBundle", Files.readString(Path.of(env.get("AWS_CA_BUNDLE").asText())));
        AirlockProcess.Result read = aws(session, "s3", "cp", "s3://demo/reports/q1.csv", "-");
        assertThat(read.exit()).as(read.err()).isZero();
        assertThat(read.out()).contains("eu,42");

        AirlockProcess.Result refused = agentProcess.run("broker", "request", "--allow", "s3:PutObject", "--resource",
                "arn:aws:s3:::demo/reports/*");
        assertThat(refused.exit()).isEqualTo(dev.airlock.cli.ExitCode.BAD_INPUT.code());
        assertThat(refused.err()).contains("outside the token").contains("urn:airlock:problem:outside-token");
        assertThat(audit()).contains("read the q1 report");
    }

    /**
     * Inside a session (AIRLOCK_SESSION_ID set) a request names its parent: refused under a token
     * minted without --delegation, allowed under one with it and recorded with the parent; a parent
     * the broker never issued is refused.
     */
    @Test
    void aNestedRequestNeedsADelegatingTokenAndRecordsItsParent() throws Exception {
        JsonNode outer = JSON.readTree(create(token, "[\"s3:GetObject\"]", "[\"arn:aws:s3:::demo/reports/*\"]").body());
        String parent = outer.get("id").asText();
        String delegating = mint("--allow", "s3:GetObject", "--resource", "arn:aws:s3:::demo/reports/*", "--ttl", "1h",
                "--delegation");
        AirlockProcess inside = new AirlockProcess(home).env("AIRLOCK_CLIENT", "agent-a")
                .env("AIRLOCK_CLIENT_SECRET", agent.secret.reveal()).env("AIRLOCK_BROKER_SOCKET", agent.socket.toString())
                .env("AIRLOCK_SESSION_ID", parent);
        AirlockProcess.Result refused = inside.env("AIRLOCK_TOKEN", token).run("broker", "request", "--allow",
                "s3:GetObject", "--resource", "arn:aws:s3:::demo/reports/*");
        assertThat(refused.exit()).isEqualTo(dev.airlock.cli.ExitCode.BAD_INPUT.code());
        assertThat(refused.err()).contains("nested(false)");
        AirlockProcess.Result allowed = inside.env("AIRLOCK_TOKEN", delegating).run("broker", "request", "--allow",
                "s3:GetObject", "--resource", "arn:aws:s3:::demo/reports/*", "--format", "json");
        assertThat(allowed.exit()).as(allowed.err()).isZero();
        String child = JSON.readTree(allowed.out()).get("AIRLOCK_SESSION_ID").asText();
        assertThat(audit().lines().filter(l -> l.contains("\"type\":\"session.start\"") && l.contains(child)))
                .singleElement().satisfies(l -> assertThat(l).contains("\"parent\":\"" + parent + "\""));
        expect(agent.call("POST", "/v1/sessions", "{\"token\":\"" + delegating + "\",\"actions\":[\"s3:GetObject\"],"
                + "\"resources\":[\"arn:aws:s3:::demo/reports/*\"],\"parent\":\"20261206T000000-00000000\"}"), 400,
                "unknown-parent");
    }

    @Test
    void badSignaturesTimestampsReplaysAndBodiesAreRefusedAndChangeNothing() throws Exception {
        String good = body(token, "[\"s3:GetObject\"]", "[\"arn:aws:s3:::demo/reports/*\"]");
        long now = System.currentTimeMillis();
        Map<String, String> h = agent.sign("POST", "/v1/sessions", good, now);
        Map<String, String> forged = new LinkedHashMap<>(h);
        forged.put("X-Airlock-Signature", "0".repeat(64));
        expect(agent.send("POST", "/v1/sessions", good, forged), 401, "bad-signature");
        expect(agent.send("POST", "/v1/sessions", good.replace("GetObject", "PutObject"), h), 401, "bad-signature");
        expect(agent.send("POST", "/v1/sessions", good, agent.sign("POST", "/v1/sessions", good, now - 301_000)), 401,
                "request-before-broker-start");
        expect(agent.send("POST", "/v1/sessions", good, agent.sign("POST", "/v1/sessions", good, now + 301_000)), 401,
                "future-request");
        expect(agent.send("POST", "/v1/sessions", good, Map.of()), 401, "missing-authentication");
        Map<String, String> upper = new LinkedHashMap<>(h);
        upper.put("X-Airlock-Client", "AGENT-A");
        expect(agent.send("POST", "/v1/sessions", good, upper), 401, "malformed-authentication");

        Map<String, String> once = agent.sign("GET", "/v1/sessions", "", System.currentTimeMillis());
        expect(agent.send("GET", "/v1/sessions", "", once), 200, null);
        expect(agent.send("GET", "/v1/sessions", "", once), 401, "replayed-request");

        expect(agent.call("POST", "/v1/sessions", "{\"token\":"), 400, "malformed-json");
        expect(agent.call("POST", "/v1/sessions", good.replace("}", ",\"resources\":[\"*\"]}")), 400, "malformed-json");
        expect(agent.call("POST", "/v1/sessions", good.replace("}", ",\"approved\":true}")), 400, "privileged-field");
        expect(agent.call("POST", "/v1/sessions", body(token, "[\"s3:GetObject\"]", "[]")), 400, "invalid-value");
        expect(agent.call("POST", "/v1/sessions", "{\"pad\":\"" + "x".repeat(70_000) + "\"}"), 413, "body-too-large");

        for (String target : List.of("/v1//sessions", "/v1/sessions/", "/v1/./sessions", "/v1/%73essions",
                "/v1/audit?session=a&session=b")) {
            BrokerClient.Reply r = agent.raw("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
            expect(r, 400, "non-canonical-target");
        }
        expect(agent.raw("post /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"), 400,
                "non-canonical-target");
        expect(agent.raw("POST /v1/sessions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), 400,
                "unsupported-framing");
        expect(agent.raw("POST /v1/sessions HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}"), 400,
                "unsupported-framing");
        expect(agent.call("GET", "/v1/nothing", ""), 404, "no-such-route");

        assertThat(audit()).doesNotContain("\"type\":\"session.start\"");
        stopBroker();
        long refused = audit().lines().filter(l -> l.contains("\"type\":\"broker.request\"")
                && l.contains("\"decision\":\"refused\"")).count();
        assertThat(refused).as("every refused request is one audit event").isEqualTo(21);
    }

    @Test
    void tokensNarrowOfflineNeverWidenAndDieWithTheirParent() throws Exception {
        String child = attenuate(token, "--allow", "s3:GetObject", "--resource", "arn:aws:s3:::demo/reports/2026/*");
        expect(create(child, "[\"s3:GetObject\"]", "[\"arn:aws:s3:::demo/reports/2026/*\"]"), 201, null);
        expect(create(child, "[\"s3:GetObject\"]", "[\"arn:aws:s3:::demo/reports/*\"]"), 403, "outside-token");
        expect(create(child, "[\"s3:ListBucket\"]", "[\"arn:aws:s3:::demo/reports/2026/*\"]"), 403, "outside-token");
        String widened = attenuate(token, "--allow", "s3:*", "--resource", "*", "--modes", "enforce,sts");
        expect(create(widened, "[\"s3:PutObject\"]", "[\"arn:aws:s3:::demo/reports/x\"]"), 403, "outside-token");
        expect(agent.call("POST", "/v1/sessions", "{\"token\":\"" + token + "\",\"actions\":[\"s3:GetObject\"],"
                + "\"resources\":[\"arn:aws:s3:::demo/reports/*\"],\"mode\":\"sts\"}"), 403, "outside-token");
        String shortLived = mint("--allow", "s3:GetObject", "--resource", "arn:aws:s3:::demo/reports/*", "--ttl", "1h",
                "--max-session-ttl", "30m");
        expect(agent.call("POST", "/v1/sessions", "{\"token\":\"" + shortLived + "\",\"actions\":[\"s3:GetObject\"],"
                + "\"resources\":[\"arn:aws:s3:::demo/reports/*\"],\"maxDuration\":\"100h\"}"), 403, "outside-token");
        expect(agent.call("POST", "/v1/sessions", "{\"token\":\"" + shortLived + "\",\"actions\":[\"s3:GetObject\"],"
                + "\"resources\":[\"arn:aws:s3:::demo/reports/*\"],\"maxDuration\":\"20m\"}"), 201, null);
                String tampered = token.substring(0, 60) + (token.charAt(60) == 'A' ? 'B' : 'A') + token.substring(61);
        expect(create(tampered, "[\"s3:GetObject\"]", "[\"arn:aws:s3:::demo/reports/*\"]"), 401, null);

        String boundToA = mint("--allow", "s3:GetObject", "--resource", "arn:aws:s3:::demo/reports/*", "--ttl", "1h",
                "--client", "agent-a");
        AirlockProcess.Result addedB = airlock.run("broker", "clients", "add", "agent-b");
        BrokerClient other = new BrokerClient(agent.socket, "agent-b", addedB.out().trim());
        String ask = body(boundToA, "[\"s3:GetObject\"]", "[\"arn:aws:s3:::demo/reports/*\"]");
        expect(other.call("POST", "/v1/sessions", ask), 403, "outside-token");
        expect(agent.call("POST", "/v1/sessions", ask), 201, null);

        String expiring = mint("--allow", "s3:GetObject", "--resource", "arn:aws:s3:::demo/reports/*", "--ttl", "1s");
        Thread.sleep(2100);
        expect(create(expiring, "[\"s3:GetObject\"]", "[\"arn:aws:s3:::demo/reports/*\"]"), 403, "outside-token");
        AirlockProcess.Result foreign = airlock.env("AIRLOCK_BROKER_DIR", home.resolve("other-broker").toString())
                .run("broker", "token", "mint", "--task", "T-42", "--allow", "s3:GetObject", "--resource", "*", "--ttl", "1h");
        airlock.env().remove("AIRLOCK_BROKER_DIR");
        assertThat(foreign.exit()).as(foreign.err()).isZero();
        expect(create(foreign.out().trim(), "[\"s3:GetObject\"]", "[\"arn:aws:s3:::demo/reports/*\"]"), 401,
                "token-not-verified");

        AirlockProcess.Result inspect = airlock.runWithInput(token, "token", "inspect", "--json");
        assertThat(inspect.exit()).as(inspect.err()).isZero();
        String parentId = JSON.readTree(inspect.out()).get("id").asText();
        AirlockProcess.Result revoke = airlock.run("broker", "token", "revoke", parentId);
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        expect(create(child, "[\"s3:GetObject\"]", "[\"arn:aws:s3:::demo/reports/2026/*\"]"), 401, "token-revoked");
        expect(create(token, "[\"s3:GetObject\"]", "[\"arn:aws:s3:::demo/reports/*\"]"), 401, "token-revoked");
    }

    String attenuate(String parent, String... grant) throws Exception {
        List<String> args = new ArrayList<>(List.of("token", "attenuate"));
        args.addAll(List.of(grant));
        AirlockProcess.Result r = airlock.runWithInput(parent, args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out().trim();
    }

    @Test
    void rateLimitsAreChargedOnlyAfterTheSignatureVerifies() throws Exception {
        stopBroker();
        startBroker("3");
        String bad = "{\"nope\":1}";
        for (int i = 0; i < 20; i++) {
            Map<String, String> forged = new LinkedHashMap<>(agent.sign("POST", "/v1/sessions", bad,
                    System.currentTimeMillis()));
            forged.put("X-Airlock-Signature", "f".repeat(64));
            expect(agent.send("POST", "/v1/sessions", bad, forged), 401, "bad-signature");
        }
        for (int i = 0; i < 3; i++) {
            expect(agent.call("POST", "/v1/sessions", bad), 400, "unknown-field");
        }
        BrokerClient.Reply limited = agent.call("POST", "/v1/sessions", bad);
        expect(limited, 429, "rate-limited");
        assertThat(limited.head()).containsPattern("(?i)retry-after: [1-9][0-9]*");
        expect(agent.call("GET", "/v1/sessions", ""), 200, null);
    }

    /** TCP: TLS with the broker's own CA (curl trusts only that bundle), or plain HTTP on loopback. */
    @Test
    void overTcpTheApiIsTlsWithTheBrokersCaOrPlainOnLoopback() throws Exception {
        stopBroker();
        brokerErr = Files.createTempFile(home, "broker", ".err");
        broker = airlock.spawn(brokerErr, "listening on " + home, "broker", "start", "--profile", "demo", "--upstream",
                s3.endpoint().toString(), "--listen", "127.0.0.1:0", "--tls");
        String port = Files.readString(brokerErr).replaceAll("(?s).*listening on tcp 127\\.0\\.0\\.1:(\\d+).*", "$1");
        Path ca = home.resolve("airlock/broker/broker-ca.pem");
        BrokerClient tls = agent.overTcp("https://127.0.0.1:" + port, java.util.Optional.of(ca));
        expect(tls.call("GET", "/v1/sessions", ""), 200, null);
        BrokerClient.Reply created = tls.call("POST", "/v1/sessions", body(token, "[\"s3:GetObject\"]",
                "[\"arn:aws:s3:::demo/reports/*\"]"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(agent.overTcp("https://127.0.0.1:" + port, java.util.Optional.empty()).call("GET", "/v1/sessions", "")
                .status()).as("curl without the broker's CA does not trust it").isNegative();
        assertThat(agent.overTcp("http://127.0.0.1:" + port, java.util.Optional.empty()).call("GET", "/v1/sessions", "")
                .status()).as("no plain HTTP on a TLS listener").isNotEqualTo(200);
        Map<String, String> replay = agent.sign("GET", "/v1/sessions", "", System.currentTimeMillis());
        expect(tls.send("GET", "/v1/sessions", "", replay), 200, null);
        expect(agent.send("GET", "/v1/sessions", "", replay), 401, "replayed-request");

        stopBroker();
        brokerErr = Files.createTempFile(home, "broker", ".err");
        broker = airlock.spawn(brokerErr, "listening on " + home, "broker", "start", "--profile", "demo", "--upstream",
                s3.endpoint().toString(), "--listen", "127.0.0.1:0");
        String plainPort = Files.readString(brokerErr).replaceAll("(?s).*listening on tcp 127\\.0\\.0\\.1:(\\d+).*", "$1");
        expect(agent.overTcp("http://127.0.0.1:" + plainPort, java.util.Optional.empty()).call("GET", "/v1/sessions", ""),
                200, null);
    }

    @Test
    void aReplayAfterARestartIsRefused() throws Exception {
        Map<String, String> h = agent.sign("GET", "/v1/sessions", "", System.currentTimeMillis());
        expect(agent.send("GET", "/v1/sessions", "", h), 200, null);
        stopBroker();
        startBroker();
        expect(agent.send("GET", "/v1/sessions", "", h), 401, "request-before-broker-start");
        expect(agent.call("GET", "/v1/sessions", ""), 200, null);
    }

    static void expect(BrokerClient.Reply r, int status, String slug) throws Exception {
        assertThat(r.status()).as(r.head() + "\n" + r.body()).isEqualTo(status);
        if (slug != null) {
            assertThat(JSON.readTree(r.body().getBytes(StandardCharsets.UTF_8)).get("type").asText())
                    .as(r.body()).isEqualTo("urn:airlock:problem:" + slug);
        }
    }
}
