package dev.airlock.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.proxy.Gate;
import dev.airlock.proxy.HttpHead;
import dev.airlock.proxy.HttpHeadReader;
import dev.airlock.proxy.IncomingCall;
import dev.airlock.proxy.ProxyServer;
import dev.airlock.proxy.Verdict;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.IssuedCredentials;
import dev.airlock.testing.RecordingUpstream;
import dev.airlock.testing.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jclouds.blobstore.BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Red-team attacks on the enforcing endpoint. Each test asserts the secure behaviour, so a test
 * that fails is a finding: the endpoint forwarded something the session policy does not allow,
 * forwarded a request the upstream reads differently from what was evaluated and audited, lost an
 * audit event, or could be made unavailable.
 *
 * <p>The session may read, write and delete objects under {@code allowed/reports/}, list that
 * prefix, set retention there, create {@code new-bucket}, and read items of one DynamoDB table in
 * us-east-1. It may not bypass governance retention, enable Object Lock, or touch anything else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedTeamTest {

    static final IssuedCredentials AGENT = LocalCredentials.mint(Instant.now().plus(Duration.ofHours(2)));
    static final AwsCredentials CREDS = AGENT.credentials();
    static final AwsCredentials UPSTREAM = AwsCredentials.permanent("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    static final String POLICY = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion","s3:PutObject","s3:DeleteObject",
                 "s3:PutObjectRetention"],"Resource":"arn:aws:s3:::allowed/reports/*"},
              {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::allowed",
               "Condition":{"StringLike":{"s3:prefix":"reports/*"}}},
              {"Effect":"Allow","Action":"s3:CreateBucket","Resource":"arn:aws:s3:::new-bucket"},
              {"Effect":"Allow","Action":"dynamodb:GetItem",
               "Resource":"arn:aws:dynamodb:us-east-1:111122223333:table/allowed"},
              {"Effect":"Allow","Action":["sqs:AddPermission","sqs:GetQueueAttributes","sqs:GetQueueUrl"],
               "Resource":"arn:aws:sqs:us-east-1:111122223333:allowed"}]}""";

    RecordingUpstream upstream;
    /** The endpoint in front of the recording upstream (an S3-compatible upstream with base credentials). */
    ProxyServer endpoint;
    S3ProxyServer s3;
    /** The endpoint in front of S3Proxy. */
    ProxyServer s3Endpoint;
    final List<CallEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        upstream = new RecordingUpstream();
        endpoint = ProxyServer.start(gate(new Upstream.Fixed(upstream.endpoint(), () -> UPSTREAM), events),
                RedTeamTest::noTls, 16);
        s3 = new S3ProxyServer(Files.createTempDirectory("redteam-s3"));
        BlobStore store = s3.blobStore();
        store.createContainerInLocation(null, "allowed");
        store.putBlob("allowed", store.blobBuilder("reports/q1.csv").payload("region,total\n").build());
        s3Endpoint = ProxyServer.start(gate(new Upstream.Fixed(s3.endpoint(),
                () -> AwsCredentials.permanent(S3ProxyServer.KEY, S3ProxyServer.SECRET)), events), RedTeamTest::noTls, 16);
    }

    static EnforcingGate gate(Upstream up, List<CallEvent> sink) throws Exception {
        EnforcedSession session = new EnforcedSession("20261203T000000-redteam0", AGENT,
                Policy.parse("session", PolicyKind.IDENTITY, POLICY),
                "arn:aws:sts::111122223333:assumed-role/R/airlock", "111122223333", "aws", up, Limits.unlimited(),
                () -> false);
        return new EnforcingGate(session, sink::add, Clock.systemUTC());
    }

    static java.net.Socket noTls(java.net.Socket s, String host, InputStream in) throws IOException {
        throw new IOException("no TLS here");
    }

    @AfterAll
    void stop() throws Exception {
        endpoint.close();
        s3Endpoint.close();
        upstream.close();
        s3.close();
    }

    @BeforeEach
    void clear() {
        upstream.clear();
        events.clear();
    }

    // ---- 1. A repeated header read one way by the mapper and another by the upstream ---------------------

    static Stream<Arguments> governanceBypass() {
        String delete = "<Delete><Object><Key>reports/locked.csv</Key></Object></Delete>";
        String retention = "<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2026-12-04T00:00:00Z</RetainUntilDate>"
                + "</Retention>";
        return Stream.of(
                Arguments.of("DeleteObject", RedTeamRaw.s3("DELETE", "s3.amazonaws.com", "/allowed/reports/locked.csv", "")),
                Arguments.of("DeleteObjects", RedTeamRaw.s3("POST", "s3.amazonaws.com", "/allowed", "delete").body(delete)),
                Arguments.of("PutObjectRetention", RedTeamRaw.s3("PUT", "s3.amazonaws.com", "/allowed/reports/locked.csv",
                        "retention").body(retention)));
    }

    /**
     * {@code x-amz-bypass-governance-retention: true} followed by {@code ...: false}. The mapper joins
     * the two values ("true,false"), which is not "true", so it asks for no
     * s3:BypassGovernanceRetention; both lines are forwarded, and an upstream that reads the first
     * value (MinIO: {@code strings.ToLower(h.Get(...)) == "true"}, Go's Header.Get returns the first)
     * deletes or shortens a governance-locked object with the base credentials.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("governanceBypass")
    void aRepeatedGovernanceBypassHeaderIsNotForwardedUnevaluated(String operation, RedTeamRaw r) throws Exception {
        r.header("x-amz-bypass-governance-retention", "true").header("x-amz-bypass-governance-retention", "false");
        RedTeamRaw.Answer a = r.send(endpoint.port(), CREDS);
        awaitEvents(1);
        // The policy does not allow s3:BypassGovernanceRetention: refused, or evaluated with it (and denied).
        assertThat(upstream.received()).as("forwarded although evaluated as %s (status %d)", events.get(0).actions(),
                a.status()).isEmpty();
    }

    /**
     * CreateBucket with {@code x-amz-bucket-object-lock-enabled: true} then {@code false}: the joined
     * value is not "true", so neither s3:PutBucketObjectLockConfiguration nor s3:PutBucketVersioning is
     * evaluated, while a first-value upstream creates the bucket with Object Lock (irreversibly).
     */
    @Test
    void aRepeatedObjectLockHeaderOnCreateBucketIsNotForwardedUnevaluated() throws Exception {
        RedTeamRaw r = RedTeamRaw.s3("PUT", "s3.amazonaws.com", "/new-bucket", "")
                .header("x-amz-bucket-object-lock-enabled", "true").header("x-amz-bucket-object-lock-enabled", "false");
        r.hash = dev.airlock.sigv4.PayloadHash.ofBody(new byte[0]);
        RedTeamRaw.Answer a = r.send(endpoint.port(), CREDS);
        awaitEvents(1);
        // The policy allows s3:CreateBucket only: refused, or evaluated with the Object Lock actions (and denied).
        assertThat(upstream.received()).as("forwarded although evaluated as %s (status %d)", events.get(0).actions(),
                a.status()).isEmpty();
    }

    /**
     * MinIO (named beside S3Proxy as an S3-compatible upstream) routes a PutObject carrying the
     * user-metadata header {@code X-Amz-Meta-Snowball-Auto-Extract: true} to PutObjectExtractHandler,
     * which unpacks the body as a tar archive and writes every entry as an object of its own, at the
     * entry's path from the bucket's root (optionally under {@code X-Amz-Meta-Minio-Snowball-Prefix}),
     * each checked only against MinIO's policy for the base credentials the endpoint signs with. The
     * gate sees one s3:PutObject on {@code allowed/reports/batch.tar} and forwards the header as plain
     * metadata: the archive below overwrites {@code allowed/secret/keys.txt}.
     */
    @Test
    void aSnowballAutoExtractUploadIsNotForwardedAsAPlainPutObject() throws Exception {
        RedTeamRaw r = RedTeamRaw.s3("PUT", "s3.amazonaws.com", "/allowed/reports/batch.tar", "")
                .header("X-Amz-Meta-Snowball-Auto-Extract", "true");
        r.body = tar("secret/keys.txt", "overwritten through the archive");
        r.hash = dev.airlock.sigv4.PayloadHash.ofBody(r.body);
        RedTeamRaw.Answer a = r.send(endpoint.port(), CREDS);
        awaitEvents(1);
        List<String> extract = upstream.received().stream()
                .flatMap(got -> got.headers().getOrDefault("x-amz-meta-snowball-auto-extract", List.of()).stream())
                .toList();
        assertThat(extract).as("extract headers forwarded (status %d, evaluated %s on %s)", a.status(),
                events.get(0).actions(), events.get(0).resources()).noneMatch(v -> v.equalsIgnoreCase("true"));
    }

    /** A one-entry POSIX tar archive. */
    static byte[] tar(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", data.length));
        put(header, 136, String.format("%011o", Instant.now().getEpochSecond()));
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }

    // ---- 2. x-amz-copy-source versionId on an S3-compatible upstream --------------------------------------

    /**
     * CopyObject from {@code allowed/reports/q1.csv?versionId=v1}. The gate evaluates and audits
     * GetObjectVersion on {@code allowed/reports/q1.csv}; the rebuilt header keeps {@code ?versionId=v1},
     * and S3Proxy (which URL-decodes the whole header and splits it at the first '/') copies the object
     * whose key is {@code reports/q1.csv?versionId=v1}: another object than the one authorised.
     */
    @Test
    void aCopySourceVersionReachesTheObjectThatWasAudited() throws Exception {
        BlobStore store = s3.blobStore();
        store.putBlob("allowed", store.blobBuilder("reports/q1.csv?versionId=v1").payload("another object").build());
        RedTeamRaw.Answer a = RedTeamRaw.s3("PUT", "s3.amazonaws.com", "/allowed/reports/copy", "")
                .header("x-amz-copy-source", "/allowed/reports/q1.csv?versionId=v1").send(s3Endpoint.port(), CREDS);
        awaitEvents(1);
        var copy = store.getBlob("allowed", "reports/copy");
        String copied = copy == null ? null : new String(copy.getPayload().openStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(copied).as("what the upstream copied (status %d); the audit names %s", a.status(),
                events.get(0).resources()).isNotEqualTo("another object");
    }

    // ---- 3. Two Credential components in one Authorization header -----------------------------------------

    /**
     * The verifier takes the last {@code Credential=} of the Authorization header, the mapper
     * (CredentialScope) the first. Signed for eu-west-1 and prefixed with a us-east-1 credential, a
     * DynamoDB GetItem is evaluated and audited as {@code arn:aws:dynamodb:us-east-1:...:table/allowed}
     * and forwarded, re-signed with the upstream credentials, to dynamodb.eu-west-1.
     */
    @Test
    void aSecondCredentialInTheAuthorizationHeaderCannotMoveTheCallToAnotherRegion() throws Exception {
        RedTeamRaw r = RedTeamRaw.s3("POST", "127.0.0.1", "/", "");
        r.service = "dynamodb";
        r.region = "eu-west-1";
        r.header("X-Amz-Target", "DynamoDB_20120810.GetItem").header("Content-Type", "application/x-amz-json-1.0");
        r.body("{\"TableName\":\"allowed\",\"Key\":{\"id\":{\"S\":\"1\"}}}");
        r.authorization = a -> a.replace("Credential=", "Credential=" + CREDS.accessKeyId()
                + "/" + today() + "/us-east-1/dynamodb/aws4_request, Credential=");
        Decided d = decideOnAws(r);
        if (d.verdict() instanceof Verdict.Forward f) {
            // Forwarded: it must go where the audited, evaluated resource is.
            assertThat(d.event().resources()).containsExactly("arn:aws:dynamodb:us-east-1:111122223333:table/allowed");
            assertThat(f.upstream().getHost()).as("where the call audited as %s went", d.event().resources())
                    .isEqualTo("dynamodb.us-east-1.amazonaws.com");
        }
    }

    /**
     * The same trick across services: the first credential says sqs, the signature is for sns. An
     * {@code Action=AddPermission} call is evaluated and audited as sqs:AddPermission on the allowed
     * queue, and forwarded (to the endpoint's default host for the verified service) to SNS, where
     * AddPermission with a TopicArn grants another account access to a topic.
     */
    @Test
    void aSecondCredentialInTheAuthorizationHeaderCannotMoveTheCallToAnotherService() throws Exception {
        String form = "Action=AddPermission&QueueUrl=https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F111122223333%2Fallowed"
                + "&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A111122223333%3Avictim&Label=x"
                + "&AWSAccountId.member.1=444455556666&ActionName.member.1=Publish";
        RedTeamRaw r = RedTeamRaw.s3("POST", "127.0.0.1", "/", "");
        r.service = "sns";
        r.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        r.body(form);
        r.authorization = a -> a.replace("Credential=", "Credential=" + CREDS.accessKeyId()
                + "/" + today() + "/us-east-1/sqs/aws4_request, Credential=");
        Decided d = decideOnAws(r);
        if (d.verdict() instanceof Verdict.Forward f) {
            assertThat(d.event().actions()).containsExactly("sqs:AddPermission");
            assertThat(f.upstream().getHost()).as("where the call audited as %s went", d.event().actions())
                    .startsWith("sqs.");
        }
    }

    /**
     * AWS JSON and AWS Query both reach SQS. The gate maps a call as JSON whenever X-Amz-Target is
     * present, whatever its Content-Type, and forwards the client's Content-Type with the re-serialised
     * JSON. Sent as {@code application/x-www-form-urlencoded}, the JSON body
     * {@code {"QueueName":"allowed","x":"&Action=DeleteQueue&QueueUrl=...victim&y="}} is evaluated as
     * sqs:GetQueueUrl on the allowed queue, while a form reader of the forwarded bytes sees
     * {@code Action=DeleteQueue} on another queue.
     */
    @Test
    void aJsonCallIsNotForwardedAsAFormThatNamesAnotherAction() throws Exception {
        String json = "{\"QueueName\":\"allowed\",\"x\":\"&Action=DeleteQueue&QueueUrl="
                + "https://sqs.us-east-1.amazonaws.com/111122223333/victim&y=\"}";
        RedTeamRaw r = RedTeamRaw.s3("POST", "sqs.us-east-1.amazonaws.com", "/", "");
        r.service = "sqs";
        r.header("X-Amz-Target", "AmazonSQS.GetQueueUrl")
                .header("Content-Type", "application/x-www-form-urlencoded");
        r.body(json);
        Decided d = decideOnAws(r);
        if (d.verdict() instanceof Verdict.Forward f) {
            String body = new String(f.body().readAllBytes(), StandardCharsets.UTF_8);
            String type = f.head().first("Content-Type").orElse("");
            java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            assertThat(type.startsWith("application/x-www-form-urlencoded") ? form.get("Action") : null)
                    .as("the Action a form reader of the forwarded %s body sees (evaluated: %s on %s)", type,
                            d.event().actions(), d.event().resources())
                    .isIn(null, "GetQueueUrl");
        }
    }

    record Decided(Verdict verdict, CallEvent event) {}

    /** Decides {@code r} at a gate whose upstream is real AWS (nothing is sent; the verdict is inspected). */
    Decided decideOnAws(RedTeamRaw r) throws Exception {
        List<CallEvent> sink = new CopyOnWriteArrayList<>();
        EnforcingGate gate = gate(new Upstream.Aws(() -> AwsCredentials.session("ASIAUPSTREAMKEYEXAMPL",
                "upstreamSecretKeyupstreamSecretKeyupstr", "upstream-session-token")), sink);
        InputStream in = new ByteArrayInputStream(r.bytes(CREDS));
        HttpHead head = HttpHeadReader.read(in).orElseThrow();
        String[] line = head.startLine().split(" ");
        String target = line[1];
        int q = target.indexOf('?');
        IncomingCall call = new IncomingCall(r.host, false, head, line[0], q < 0 ? target : target.substring(0, q),
                q < 0 ? "" : target.substring(q + 1), "127.0.0.1", new ByteArrayInputStream(r.body));
        Verdict v = gate.decide(call);
        gate.completed(call, v, new Gate.Completion(200, 0, 0, 1, Optional.empty()));
        return new Decided(v, sink.get(0));
    }

    static String today() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now());
    }

    // ---- 4. Audit: a request turned away at the exchange cap ----------------------------------------------

    /**
     * With every exchange slot busy, a signed request is answered 503 and never reaches the gate: no
     * audit event records it, although its head was read ("every request whose head was read ends in
     * exactly one Gate#completed call").
     */
    @Test
    void aSignedCallTurnedAwayAtTheExchangeCapIsAudited() throws Exception {
        List<CallEvent> sink = new CopyOnWriteArrayList<>();
        ProxyServer small = ProxyServer.start(gate(new Upstream.Fixed(upstream.endpoint(), () -> UPSTREAM), sink),
                RedTeamTest::noTls, new ProxyServer.Settings(1, 64, 64, Duration.ofSeconds(5), Duration.ofSeconds(30),
                        Duration.ofMillis(200)), h -> true, a -> false);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            upstream.hold(true);
            Future<RedTeamRaw.Answer> held = pool.submit(() -> RedTeamRaw.s3("GET", "s3.amazonaws.com",
                    "/allowed/reports/held.csv", "").send(small.port(), CREDS));
            for (int i = 0; i < 200 && upstream.received().isEmpty(); i++) {
                Thread.sleep(10);
            }
            RedTeamRaw.Answer turnedAway = RedTeamRaw.s3("GET", "s3.amazonaws.com", "/allowed/reports/second.csv", "")
                    .send(small.port(), CREDS);
            assertThat(turnedAway.status()).isEqualTo(503);
            upstream.hold(false);
            held.get(10, TimeUnit.SECONDS);
            Thread.sleep(100);
            assertThat(sink).as("events for the held call and the call turned away").hasSize(2);
            assertThat(sink).filteredOn(e -> e.status() == 503).singleElement().satisfies(e -> {
                assertThat(e.decision()).as("turned away unevaluated").isEqualTo("refused");
                assertThat(e.actions()).isEmpty();
            });
        } finally {
            upstream.hold(false);
            pool.shutdownNow();
            small.close();
        }
    }

    // ---- 5. Availability: bodies read before the signature is checked, without a deadline -----------------

    /**
     * A non-S3 request without x-amz-content-sha256 has its body read before its signature is checked,
     * and a body has no deadline (only each read has the idle timeout). Four unauthenticated
     * connections (a bogus signature, any local process can send one) trickling their bodies hold all
     * four exchange slots for as long as they like; the agent's own signed call is answered 503.
     */
    @Test
    void slowUnsignedBodiesCannotStarveTheAgentsSignedCalls() throws Exception {
        List<CallEvent> sink = new CopyOnWriteArrayList<>();
        ProxyServer small = ProxyServer.start(gate(new Upstream.Fixed(upstream.endpoint(), () -> UPSTREAM), sink),
                RedTeamTest::noTls, new ProxyServer.Settings(4, 64, 64, Duration.ofSeconds(1), Duration.ofSeconds(30),
                        Duration.ofMillis(200)), h -> true, a -> false);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), small.port());
                OutputStream out = s.getOutputStream();
                out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Date: 20260101T000000Z\r\n"
                        + "Authorization: AWS4-HMAC-SHA256 Credential=AKIANOTANAIRLOCKKEY0/20260101/us-east-1/sqs/"
                        + "aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64) + "\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nA")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                slow.add(s);
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < end) { // well past the head timeout: one byte a second each
                for (Socket s : slow) {
                    try {
                        s.getOutputStream().write('A');
                        s.getOutputStream().flush();
                    } catch (IOException cut) {
                        // the endpoint closed a connection whose body was overdue: the attack failed
                    }
                }
                Thread.sleep(1000);
            }
            RedTeamRaw.Answer mine = RedTeamRaw.s3("GET", "s3.amazonaws.com", "/allowed/reports/q1.csv", "")
                    .send(small.port(), CREDS);
            assertThat(mine.status()).as("the agent's signed GetObject, %s", mine.body()).isEqualTo(200);
            // Each call cut off for its slow body is one event, refused unevaluated; the agent's call is one more.
            Thread.sleep(100);
            assertThat(sink).as("events").hasSize(5);
            assertThat(sink).filteredOn(e -> e.decision().equals("allowed")).singleElement()
                    .satisfies(e -> assertThat(e.status()).isEqualTo(200));
            assertThat(sink).filteredOn(e -> e.decision().equals("refused")).hasSize(4)
                    .allSatisfy(e -> assertThat(e.actions()).isEmpty());
        } finally {
            for (Socket s : slow) {
                s.close();
            }
            small.close();
        }
    }

    // ---- 5b. Relayed tunnels and cloud credential endpoints -------------------------------------------------

    /**
     * {@code --relay-private-networks} lets relayed tunnels reach RFC 1918, CGNAT and IPv6 unique-local
     * addresses, and promises never the instance metadata. But credential endpoints live there: EC2's
     * instance metadata over IPv6 ({@code fd00:ec2::254}, IMDSv1 and v2 alike), the EKS Pod Identity
     * agent ({@code fd00:ec2::23}), Alibaba Cloud's metadata service ({@code 100.100.100.200}). A
     * relayed {@code CONNECT [fd00:ec2::254]:80} hands the agent the instance role's credentials.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("metadataEndpoints")
    void relayedTunnelsNeverReachACloudCredentialEndpoint(String address) throws Exception {
        java.net.InetSocketAddress target = new java.net.InetSocketAddress(InetAddress.getByName(address), 80);
        assertThat(ProxyServer.relayDestinations(true).test(target)).as("relayable with private networks").isFalse();
        List<CallEvent> sink = new CopyOnWriteArrayList<>();
        ProxyServer relaying = ProxyServer.start(gate(new Upstream.Fixed(upstream.endpoint(), () -> UPSTREAM), sink),
                RedTeamTest::noTls, ProxyServer.Settings.defaults(4), ProxyServer::isAwsHost,
                ProxyServer.relayDestinations(true));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), relaying.port())) {
            s.setSoTimeout(15_000);
            String authority = address.contains(":") ? "[" + address + "]:80" : address + ":80";
            s.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            // 403: refused by the relay rule; 502/200: the endpoint tried to connect (there is no network here).
            assertThat(status).as("answer to CONNECT " + authority).contains(" 403 ");
        } finally {
            relaying.close();
        }
    }

    static Stream<String> metadataEndpoints() {
        return Stream.of("fd00:ec2::254", "fd00:ec2::23", "100.100.100.200");
    }

    // ---- 6. Method case: mapped upper-cased, forwarded as sent ---------------------------------------------

    /**
     * {@code head /allowed/reports/q1.csv}: HttpRequestView upper-cases the method, so it is mapped and
     * audited as HeadObject, but it is forwarded as {@code head}, and the response is framed by the raw
     * method: Jetty (S3Proxy) treats the lower-case method as HEAD and sends no body, the endpoint waits
     * for one until its 120 s upstream read timeout, and the client hangs with an exchange slot held.
     */
    @Test
    void aLowerCaseMethodIsRefusedOrAnsweredPromptly() throws Exception {
        long t0 = System.nanoTime();
        List<RedTeamRaw.Answer> answers;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), s3Endpoint.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(RedTeamRaw.s3("head", "s3.amazonaws.com", "/allowed/reports/q1.csv", "")
                    .bytes(CREDS));
            s.getOutputStream().flush();
            answers = new ArrayList<>();
            try {
                RedTeamRaw.Answer a = RedTeamRaw.read(new java.io.BufferedInputStream(s.getInputStream()), false);
                if (a != null) {
                    answers.add(a);
                }
            } catch (java.net.SocketTimeoutException e) {
                // no complete answer in time
            }
        }
        assertThat(answers).as("a complete answer to 'head' within 5 s (waited %d ms)",
                (System.nanoTime() - t0) / 1_000_000).hasSize(1);
        awaitEvents(1);
    }

    // ---------------------------------------------------------------------------------------------

    private void awaitEvents(int n) throws InterruptedException {
        for (int i = 0; i < 400 && events.size() < n; i++) {
            Thread.sleep(5);
        }
        Thread.sleep(30);
        assertThat(events).hasSize(n);
    }
}
