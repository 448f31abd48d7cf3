package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.testing.S3ProxyServer;
import dev.airlock.testing.SecretShapes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jclouds.blobstore.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code airlock run --enforce} as a user runs it: the packaged CLI, Debian's AWS CLI v2 as the
 * agent's command, and S3Proxy (a real S3 API server, in this test's JVM) as the upstream.
 */
class EnforceIT {

    @TempDir
    Path home;
    S3ProxyServer s3;
    AirlockProcess airlock;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(home.resolve("store"));
        s3 = new S3ProxyServer(home.resolve("store"));
        BlobStore store = s3.blobStore();
        store.createContainerInLocation(null, "demo");
        store.putBlob("demo", store.blobBuilder("reports/q1.csv").payload("region,total\neu,42\n").build());
        store.putBlob("demo", store.blobBuilder("secret/keys.txt").payload("do not read").build());
        Files.writeString(home.resolve("config.toml"), """
                [profiles.demo]
                role_arn = "arn:aws:iam::111122223333:role/AgentRole"
                region = "us-east-1"
                """);
        // The broker's own credentials: here, the S3 upstream's key pair. The agent never sees them.
        airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", S3ProxyServer.KEY)
                .env("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
    }

    /** Debian's AWS CLI with {@code awsArgs} inside an enforced session on demo/reports/* (GetObject, ListBucket). */
    AirlockProcess.Result enforced(String... awsArgs) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--enforce", "--upstream", s3.endpoint().toString(),
                "--allow", "s3:GetObject,s3:ListBucket", "--resource", "arn:aws:s3:::demo/reports/*", "--", "/usr/bin/aws"));
        args.addAll(List.of(awsArgs));
        return airlock.run(args.toArray(String[]::new));
    }

    @Test
    void readsInScopeSucceedAndEverythingElseIsDeniedAndAudited() throws Exception {
        AirlockProcess.Result ls = enforced("s3", "ls", "s3://demo/reports/");
        assertThat(ls.exit()).as(ls.err()).isZero();
        assertThat(ls.out()).contains("q1.csv");
        AirlockProcess.Result get = enforced("s3", "cp", "s3://demo/reports/q1.csv", "-");
        assertThat(get.exit()).as(get.err()).isZero();
        assertThat(get.out()).contains("eu,42");
        AirlockProcess.Result delete = enforced("s3api", "delete-bucket", "--bucket", "demo");
        assertThat(delete.exit()).isNotZero();
        assertThat(delete.err()).contains("AccessDenied").contains("s3:DeleteBucket");
        assertThat(s3.blobStore().containerExists("demo")).isTrue();
        AirlockProcess.Result secret = enforced("s3", "cp", "s3://demo/secret/keys.txt", "-");
        assertThat(secret.exit()).isNotZero();
        assertThat(secret.out()).doesNotContain("do not read");

        String audit = Files.readString(home.resolve("airlock/audit/audit.jsonl"));
        assertThat(audit).contains("\"type\":\"call\"").contains("\"decision\":\"allowed\"").contains("\"decision\":\"denied\"")
                .contains("s3:DeleteBucket").doesNotContain(S3ProxyServer.SECRET);
        assertThat(airlock.run("audit", "verify").exit()).isZero();

        // The last session (the refused read), as a script reads it: no STS session or AWS key was invented.
        AirlockProcess.Result show = airlock.run("sessions", "show", "latest", "--json");
        assertThat(show.exit()).as(show.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(show.out());
        assertThat(doc.get("mode").asText()).isEqualTo("enforce");
        assertThat(doc.get("upstream").asText()).isEqualTo(s3.endpoint().toString());
        assertThat(doc.get("sessionArn").isNull()).as(show.out()).isTrue();
        assertThat(doc.get("accessKeyId").isNull()).isTrue();
        assertThat(doc.get("calls").asLong()).isPositive();
        assertThat(doc.get("denied").asLong()).isPositive();
        assertThat(airlock.run("sessions", "show", "latest").out()).doesNotContain("session ARN:").doesNotContain("ASIA")
                .contains("upstream:     " + s3.endpoint()).containsPattern("calls: +\\d+ \\([1-9]\\d* denied or refused\\)");
    }

    /**
     * A whole-bucket grant lists the bucket with no prefix, as {@code s3api list-objects-v2 --bucket}
     * sends it; a prefix grant still refuses that listing.
     */
    @Test
    void aWholeBucketGrantListsTheBucketWithNoPrefix() throws Exception {
        AirlockProcess.Result whole = airlock.run("run", "--enforce", "--upstream", s3.endpoint().toString(),
                "--allow", "s3:GetObject,s3:ListBucket", "--resource", "arn:aws:s3:::demo/*", "--",
                "/usr/bin/aws", "s3api", "list-objects-v2", "--bucket", "demo", "--output", "json");
        assertThat(whole.exit()).as(whole.err()).isZero();
        assertThat(whole.out()).contains("reports/q1.csv").contains("secret/keys.txt");

        AirlockProcess.Result prefixOnly = enforced("s3api", "list-objects-v2", "--bucket", "demo");
        assertThat(prefixOnly.exit()).isNotZero();
        assertThat(prefixOnly.err()).contains("AccessDenied").contains("s3:ListBucket");
        String audit = Files.readString(home.resolve("airlock/audit/audit.jsonl"));
        assertThat(audit.lines().filter(l -> l.contains("\"type\":\"call\"") && l.contains("s3:ListBucket")))
                .extracting(l -> l.contains("\"decision\":\"allowed\""))
                .containsExactly(true, false);
    }

    @Test
    void aCallToASecretShapedKeyIsAuditedWithItsResourceRedactedNotDropped() throws Exception {
        String secret = SecretShapes.secretAccessKey();
        AirlockProcess.Result get = enforced("s3", "cp", "s3://demo/reports/" + secret + ".csv", "-");
        assertThat(get.exit()).as("allowed, but no such object").isNotZero();
        assertThat(get.err()).doesNotContain("AccessDenied");

        String audit = Files.readString(home.resolve("airlock/audit/audit.jsonl"));
        assertThat(audit).doesNotContain(secret);
        String call = audit.lines().filter(l -> l.contains("\"type\":\"call\"") && l.contains("s3:GetObject"))
                .findFirst().orElseThrow();
        assertThat(call).contains("\"resources\":[\"arn:aws:s3:::demo/reports/[redacted: aws-secret-access-key shape].csv\"]")
                .contains("\"redacted\":[{\"field\":\"resources[0]\",\"reason\":\"aws-secret-access-key shape\"}]");
        assertThat(audit.lines().filter(l -> l.contains("\"type\":\"session.start\"")).findFirst().orElseThrow())
                .contains("s3://demo/reports/[redacted: aws-secret-access-key shape].csv");
        try (var files = Files.walk(home.resolve("airlock"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(secret);
            }
        }
        assertThat(airlock.run("audit", "verify").exit()).isZero();
    }

    @Test
    void aRevokedSessionStaysRevokedWhenItsMarkerIsDeleted() throws Exception {
        Path go = home.resolve("go");
        String agent = "/usr/bin/aws s3 ls s3://demo/reports/ && while [ ! -f " + go + " ]; do sleep 0.1; done; "
                + "/usr/bin/aws s3 ls s3://demo/reports/";
        var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return airlock.run("run", "--enforce", "--upstream", s3.endpoint().toString(), "--allow",
                        "s3:GetObject,s3:ListBucket", "--resource", "arn:aws:s3:::demo/reports/*", "--", "sh", "-c", agent);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        String id = awaitFirstCall();

        AirlockProcess.Result revoke = airlock.run("sessions", "revoke", id, "--reason", "test over");
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        Path marker = home.resolve("airlock/sessions/" + id + ".revoked");
        Files.delete(marker);
        Path record = home.resolve("airlock/sessions/" + id + ".json");
        Files.writeString(record, Files.readString(record).replace("\"REVOKED\"", "\"ACTIVE\""));
        assertThat(airlock.run("sessions", "show", id).out()).as("the audit event, not the record, says so")
                .contains("status:       revoked");
        assertThat(airlock.run("sessions", "list").out()).containsPattern(id + " .* revoked ");

        Files.writeString(go, "");
        AirlockProcess.Result after = run.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(after.exit()).isNotZero();
        assertThat(after.err()).contains("AccessDenied").contains("was revoked");
        assertThat(marker).doesNotExist();
        assertThat(airlock.run("sessions", "show", id).out()).contains("status:       revoked");
        String audit = Files.readString(home.resolve("airlock/audit/audit.jsonl"));
        assertThat(audit).containsPattern("\"type\":\"session\\.revoked\",\"session\":\"" + id
                + "\",\"by\":\"airlock sessions revoke\",\"user\":\"[^\"]+\",\"reason\":\"test over\"");
        assertThat(audit.lines().filter(l -> l.contains("\"type\":\"call\"") && l.contains("\"session revoked\"")))
                .isNotEmpty();
        assertThat(airlock.run("audit", "verify").exit()).isZero();
    }

    /** The id of the running session, once the audit shows its first call. */
    private String awaitFirstCall() throws Exception {
        Path audit = home.resolve("airlock/audit/audit.jsonl");
        for (int i = 0; i < 600; i++) {
            if (Files.exists(audit)) {
                var call = Files.readAllLines(audit).stream().filter(l -> l.contains("\"type\":\"call\"")).findFirst();
                if (call.isPresent()) {
                    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(call.get()).path("session").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the session made no call in 60 s");
    }

    @Test
    void theCommandHoldsOnlyEndpointCredentialsAndAProxyWithTheRunsCa() throws Exception {
        AirlockProcess.Result env = airlock.run("run", "--enforce", "--upstream", s3.endpoint().toString(),
                "--allow", "s3:GetObject", "--resource", "arn:aws:s3:::demo/*", "--", "env");
        assertThat(env.exit()).as(env.err()).isZero();
        assertThat(env.out()).doesNotContain(S3ProxyServer.KEY).doesNotContain(S3ProxyServer.SECRET)
                .containsPattern("(?m)^AWS_ACCESS_KEY_ID=ASIA[A-Z2-7]{16}$")
                .containsPattern("(?m)^HTTPS_PROXY=http://127\\.0\\.0\\.1:\\d+$")
                .containsPattern("(?m)^AWS_CA_BUNDLE=.*airlock-ca-.*\\.pem$");
        String bundle = env.out().lines().filter(l -> l.startsWith("AWS_CA_BUNDLE=")).findFirst().orElseThrow().substring(14);
        assertThat(Path.of(bundle)).doesNotExist();
    }

    @Test
    void serveKeepsAnEndpointUpForClientsThatSourceItsEnvironment() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(AirlockProcess.LAUNCHER.toString(), "serve", "--enforce", "--upstream",
                s3.endpoint().toString(), "--allow", "s3:GetObject,s3:ListBucket", "--resource", "arn:aws:s3:::demo/reports/*");
        pb.environment().clear();
        pb.environment().putAll(airlock.env());
        pb.redirectError(home.resolve("serve.err").toFile());
        Process serve = pb.start();
        java.util.Map<String, String> exported = new java.util.HashMap<>();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(serve.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("export AIRLOCK_SESSION_ID=")) {
                if (line.startsWith("export ")) {
                    int eq = line.indexOf('=');
                    exported.put(line.substring(7, eq), line.substring(eq + 2, line.length() - 1));
                }
            }
            assertThat(exported).containsKeys("AWS_ACCESS_KEY_ID", "HTTPS_PROXY", "AWS_CA_BUNDLE");
            ProcessBuilder client = new ProcessBuilder("/usr/bin/aws", "s3", "ls", "s3://demo/reports/").redirectErrorStream(true);
            client.environment().clear();
            client.environment().putAll(exported);
            client.environment().put("PATH", System.getenv("PATH"));
            client.environment().put("HOME", home.toString());
            Process c = client.start();
            String out = new String(c.getInputStream().readAllBytes());
            assertThat(c.waitFor()).as(out).isZero();
            assertThat(out).contains("q1.csv");
        } finally {
            serve.destroy();
        }
        assertThat(serve.waitFor()).isZero();
        String audit = Files.readString(home.resolve("airlock/audit/audit.jsonl"));
        assertThat(audit).contains("\"type\":\"call\"").contains("\"type\":\"session.end\"");
    }

    @Test
    void serveFormatJsonPrintsOneObjectAScriptCanRead() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(AirlockProcess.LAUNCHER.toString(), "serve", "--enforce", "--upstream",
                s3.endpoint().toString(), "--allow", "s3:ListBucket", "--resource", "arn:aws:s3:::demo/reports/*",
                "--format", "json");
        pb.environment().clear();
        pb.environment().putAll(airlock.env());
        pb.redirectError(home.resolve("serve.err").toFile());
        Process serve = pb.start();
        StringBuilder json = new StringBuilder();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(serve.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null) {
                json.append(line).append('\n');
                if (line.equals("}")) {
                    break;
                }
            }
        } finally {
            serve.destroy();
        }
        assertThat(serve.waitFor()).isZero();
        com.fasterxml.jackson.databind.JsonNode env = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toString());
        assertThat(env.get("AWS_ACCESS_KEY_ID").asText()).isNotEmpty();
        assertThat(env.get("HTTPS_PROXY").asText()).startsWith("http://127.0.0.1:");
        assertThat(env.has("AIRLOCK_SESSION_ID")).isTrue();
        assertThat(airlock.run("serve", "--enforce", "--upstream", s3.endpoint().toString(), "--allow", "s3:ListBucket",
                "--format", "xml").err()).contains("--format xml is not one of sh, fish, json, dotenv");
    }

    /**
     * SIGTERM reaches serve while a download is streaming: the endpoint stops accepting, lets the
     * call finish within its drain time, and the call is in the audit log with every byte it moved.
     */
    @Test
    void aCallInFlightWhenServeIsStoppedIsFinishedAndAudited() throws Exception {
        java.util.concurrent.CountDownLatch midway = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer slow = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(200, 2 * 65536);
                ex.getResponseBody().write(new byte[65536]);
                ex.getResponseBody().flush();
                midway.countDown();
                Thread.sleep(2000);
                ex.getResponseBody().write(new byte[65536]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        slow.start();
        ProcessBuilder pb = new ProcessBuilder(AirlockProcess.LAUNCHER.toString(), "serve", "--enforce", "--upstream",
                "http://127.0.0.1:" + slow.getAddress().getPort(), "--allow", "s3:GetObject", "--resource",
                "arn:aws:s3:::demo/reports/*");
        pb.environment().clear();
        pb.environment().putAll(airlock.env());
        pb.redirectError(home.resolve("serve.err").toFile());
        Process serve = pb.start();
        Process c;
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(serve.getInputStream()))) {
            java.util.Map<String, String> exported = new java.util.HashMap<>();
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("export AIRLOCK_SESSION_ID=")) {
                if (line.startsWith("export ")) {
                    int eq = line.indexOf('=');
                    exported.put(line.substring(7, eq), line.substring(eq + 2, line.length() - 1));
                }
            }
            ProcessBuilder client = new ProcessBuilder("/usr/bin/aws", "s3api", "get-object", "--bucket", "demo",
                    "--key", "reports/slow.bin", home.resolve("slow.bin").toString()).redirectErrorStream(true);
            client.environment().clear();
            client.environment().putAll(exported);
            client.environment().put("PATH", System.getenv("PATH"));
            client.environment().put("HOME", home.toString());
            c = client.start();
            assertThat(midway.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            serve.destroy();
            String out = new String(c.getInputStream().readAllBytes());
            assertThat(c.waitFor()).as(out).isZero();
        } finally {
            serve.destroy();
            slow.stop(0);
        }
        assertThat(serve.waitFor()).isZero();
        assertThat(Files.size(home.resolve("slow.bin"))).isEqualTo(2 * 65536);
        List<String> calls = Files.readAllLines(home.resolve("airlock/audit/audit.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"call\"")).toList();
        assertThat(calls).singleElement().satisfies(l -> assertThat(l).contains("arn:aws:s3:::demo/reports/slow.bin")
                .contains("\"decision\":\"allowed\"").contains("\"status\":200").contains("\"bytesOut\":131072"));
    }
}
