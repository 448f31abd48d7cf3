package dev.airlock.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.proxy.ProxyServer;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.IssuedCredentials;
import dev.airlock.testing.S3ProxyServer;
import dev.airlock.tls.CaBundle;
import dev.airlock.tls.RunAuthority;
import dev.airlock.tls.TlsTerminator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jclouds.blobstore.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enforcing endpoint end to end: Debian's AWS CLI v2 as the agent, pointed at the endpoint as
 * its HTTPS proxy with the run's CA, holding only credentials the endpoint minted; S3Proxy as the
 * real S3 upstream behind it.
 */
class EnforcingEndpointTest {

    /** The agent's credentials, generated for this run as the endpoint mints them. */
    static final IssuedCredentials AGENT = LocalCredentials.mint(Instant.now().plus(Duration.ofHours(2)));
    static final String AGENT_KEY = AGENT.credentials().accessKeyId();
    static final String AGENT_SECRET = AGENT.credentials().secretAccessKey();
    static final String AGENT_TOKEN = AGENT.credentials().sessionToken().orElseThrow();
    static final String POLICY = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/reports/*"},
              {"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/uploads/*"},
              {"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::s3-logs/*","arn:aws:s3:::logs.s3.backup/*"]},
              {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::demo",
               "Condition":{"StringLike":{"s3:prefix":"reports/*"}}}]}""";

    @TempDir
    Path dir;
    S3ProxyServer s3;
    ProxyServer endpoint;
    CaBundle ca;
    final List<CallEvent> events = new CopyOnWriteArrayList<>();
    final AtomicBoolean revoked = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("store"));
        s3 = new S3ProxyServer(dir.resolve("store"));
        BlobStore store = s3.blobStore();
        store.createContainerInLocation(null, "demo");
        store.putBlob("demo", store.blobBuilder("reports/q1.csv").payload("region,total\neu,42\n").build());
        store.putBlob("demo", store.blobBuilder("secret/keys.txt").payload("do not read").build());
        // Buckets whose names hold S3 host labels, beside the one their keys are named after.
        for (String bucket : List.of("acme-reports", "s3-logs", "logs.s3.backup")) {
            store.createContainerInLocation(null, bucket);
            store.putBlob(bucket, store.blobBuilder("acme-reports/secret/payroll.csv").payload("log of " + bucket).build());
        }
        store.putBlob("acme-reports", store.blobBuilder("secret/payroll.csv").payload("salaries").build());
        EnforcedSession session = new EnforcedSession("20261123T000000-0000abcd",
                AGENT,
                Policy.parse("session", PolicyKind.IDENTITY, POLICY),
                "arn:aws:sts::111122223333:assumed-role/AgentRole/airlock-test", "111122223333", "aws",
                new Upstream.Fixed(s3.endpoint(), () -> AwsCredentials.permanent(S3ProxyServer.KEY, S3ProxyServer.SECRET)),
                Limits.unlimited(), revoked::get);
        RunAuthority authority = RunAuthority.create("test", Duration.ofHours(1));
        TlsTerminator tls = TlsTerminator.create(authority);
        ca = authority.writeCaBundle(dir);
        endpoint = ProxyServer.start(new EnforcingGate(session, events::add, Clock.systemUTC()),
                (socket, host, in) -> tls.acceptTunnel(socket, host, in), 64);
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.close();
        s3.close();
        ca.close();
    }

    record Run(int exit, String out) {}

    private Run aws(String... args) throws IOException, InterruptedException {
        return awsAs(AGENT_KEY, AGENT_SECRET, AGENT_TOKEN, args);
    }

    private Run awsAs(String key, String secret, String token, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/aws"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString(),
                "AWS_ACCESS_KEY_ID", key, "AWS_SECRET_ACCESS_KEY", secret, "AWS_SESSION_TOKEN", token,
                "AWS_DEFAULT_REGION", "us-east-1", "HTTPS_PROXY", "http://127.0.0.1:" + endpoint.port(),
                "AWS_CA_BUNDLE", ca.path().toString(), "AWS_EC2_METADATA_DISABLED", "true"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    @Test
    void allowedReadsAndPrefixListingGoThroughAndTheRestIsDenied() throws Exception {
        Run ls = aws("s3", "ls", "s3://demo/reports/");
        assertThat(ls.exit()).as(ls.out()).isZero();
        assertThat(ls.out()).contains("q1.csv");
        Run get = aws("s3", "cp", "s3://demo/reports/q1.csv", "-");
        assertThat(get.exit()).as(get.out()).isZero();
        assertThat(get.out()).contains("eu,42");

        Run secret = aws("s3", "cp", "s3://demo/secret/keys.txt", "-");
        assertThat(secret.exit()).isNotZero();
        assertThat(secret.out()).contains("403").doesNotContain("do not read");
        Run listSecret = aws("s3", "ls", "s3://demo/secret/");
        assertThat(listSecret.exit()).isNotZero();
        assertThat(listSecret.out()).contains("AccessDenied");
        Run delete = aws("s3api", "delete-bucket", "--bucket", "demo");
        assertThat(delete.exit()).isNotZero();
        assertThat(delete.out()).contains("AccessDenied").contains("s3:DeleteBucket").contains("arn:aws:s3:::demo");
        Path upload = dir.resolve("up.txt");
        Files.writeString(upload, "new");
        Run put = aws("s3", "cp", upload.toString(), "s3://demo/reports/new.txt");
        assertThat(put.exit()).isNotZero();
        assertThat(s3.blobStore().blobExists("demo", "reports/new.txt")).isFalse();
        assertThat(s3.blobStore().containerExists("demo")).isTrue();

        assertThat(events).anyMatch(e -> e.decision().equals("allowed") && e.actions().contains("s3:GetObject"));
        assertThat(events).anyMatch(e -> e.decision().equals("denied") && e.actions().contains("s3:DeleteBucket"));
    }

    /**
     * The held-out finding: for s3-logs.s3.amazonaws.com the gate read bucket s3-logs while S3Proxy
     * read the raw path as path style and served acme-reports' payroll. Now the upstream request is
     * rebuilt from the bucket and key the gate evaluated.
     */
    @Test
    void bucketsNamedLikeS3HostsReachTheirOwnObjectsAndNothingElse() throws Exception {
        for (String bucket : List.of("s3-logs", "logs.s3.backup")) {
            Run own = aws("s3", "cp", "s3://" + bucket + "/acme-reports/secret/payroll.csv", "-");
            assertThat(own.exit()).as(own.out()).isZero();
            assertThat(own.out()).isEqualTo("log of " + bucket);
        }
        Run other = aws("s3", "cp", "s3://acme-reports/secret/payroll.csv", "-");
        assertThat(other.exit()).isNotZero();
        assertThat(other.out()).doesNotContain("salaries");
        Run list = aws("s3", "ls", "s3://acme-reports/");
        assertThat(list.exit()).isNotZero();
        assertThat(list.out()).contains("AccessDenied");
        Run delete = aws("s3", "rm", "s3://s3-logs/acme-reports/secret/payroll.csv");
        assertThat(delete.exit()).isNotZero();
        assertThat(s3.blobStore().blobExists("acme-reports", "acme-reports/secret/payroll.csv")).isTrue();
        assertThat(s3.blobStore().blobExists("s3-logs", "acme-reports/secret/payroll.csv")).isTrue();
    }

    @Test
    void aRevokedSessionIsRefusedOnItsNextCall() throws Exception {
        assertThat(aws("s3", "ls", "s3://demo/reports/").exit()).isZero();
        revoked.set(true);
        Run after = aws("s3", "ls", "s3://demo/reports/");
        assertThat(after.exit()).isNotZero();
        assertThat(after.out()).contains("AccessDenied").contains("revoked");
    }

    @Test
    void aMultipartUploadOf70MiBStreamsThroughInPartsAndArrivesIntact() throws Exception {
        Path big = dir.resolve("big.bin");
        byte[] block = new byte[1 << 20];
        new java.util.Random(7).nextBytes(block);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 70; i++) {
                out.write(block);
            }
        }
        Run put = aws("s3", "cp", big.toString(), "s3://demo/uploads/big.bin");
        assertThat(put.exit()).as(put.out()).isZero();
        assertThat(s3.blobStore().blobMetadata("demo", "uploads/big.bin").getContentMetadata().getContentLength())
                .isEqualTo(70L << 20);
        assertThat(events).anyMatch(e -> e.operation().equals("UploadPart") && e.decision().equals("allowed"));
        assertThat(events).anyMatch(e -> e.operation().equals("CompleteMultipartUpload"));
        Path back = dir.resolve("back.bin");
        assertThat(aws("s3", "cp", "s3://demo/uploads/big.bin", back.toString()).exit()).isNotZero();
        assertThat(Files.exists(back)).isFalse();
    }

    @Test
    void aPresignedGetIsVerifiedAndForwarded() throws Exception {
        Run url = aws("s3", "presign", "s3://demo/reports/q1.csv", "--expires-in", "300");
        assertThat(url.exit()).as(url.out()).isZero();
        String presigned = url.out().trim();
        assertThat(presigned).contains("X-Amz-Signature=");
        Process curl = new ProcessBuilder("curl", "-sS", "--proxy", "http://127.0.0.1:" + endpoint.port(), "--cacert",
                ca.path().toString(), presigned).redirectErrorStream(true).start();
        String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).isZero();
        assertThat(body).contains("eu,42");
        Process tampered = new ProcessBuilder("curl", "-sS", "--proxy", "http://127.0.0.1:" + endpoint.port(), "--cacert",
                ca.path().toString(), presigned.replace("q1.csv", "q2.csv")).redirectErrorStream(true).start();
        assertThat(new String(tampered.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("SignatureDoesNotMatch");
    }

    @Test
    void aJsonProtocolCallIsMappedToItsActionAndTableAndDenied() throws Exception {
        Run get = aws("dynamodb", "get-item", "--table-name", "Orders", "--key", "{\"id\":{\"S\":\"1\"}}");
        assertThat(get.exit()).isNotZero();
        assertThat(get.out()).contains("AccessDeniedException").contains("dynamodb:GetItem")
                .contains("arn:aws:dynamodb:us-east-1:111122223333:table/Orders");
        assertThat(events).anyMatch(e -> e.actions().contains("dynamodb:GetItem") && e.decision().equals("denied"));
    }

    @Test
    void wrongCredentialsAreRefusedAsAwsWouldAndNothingIsForwarded() throws Exception {
        Run badSecret = awsAs(AGENT_KEY, "wrong" + AGENT_SECRET.substring(5), AGENT_TOKEN, "s3", "ls", "s3://demo/reports/");
        assertThat(badSecret.out()).contains("SignatureDoesNotMatch");
        String unknown = LocalCredentials.mint(Instant.now()).credentials().accessKeyId();
        Run unknownKey = awsAs(unknown, AGENT_SECRET, AGENT_TOKEN, "s3", "ls", "s3://demo/reports/");
        assertThat(unknownKey.out()).contains("InvalidAccessKeyId");
        Run wrongToken = awsAs(AGENT_KEY, AGENT_SECRET, "another-token", "s3", "ls", "s3://demo/reports/");
        assertThat(wrongToken.out()).containsAnyOf("InvalidToken", "ExpiredToken");
        assertThat(events).allMatch(e -> !e.decision().equals("allowed"));
        assertThat(events).extracting(CallEvent::decision).contains("refused");
    }
}
