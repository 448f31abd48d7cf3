package dev.airlock.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.proxy.ProxyServer;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.IssuedCredentials;
import dev.airlock.testing.RecordingUpstream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests a second parser could read differently from the gate are refused, and nothing of them
 * reaches the upstream: XML with child elements, mixed content, DTDs, comments, attributes or foreign
 * namespaces; JSON with trailing content or repeated members; an SQS QueueUrl that disagrees with the
 * path; hosts outside S3's grammar; and, on an S3-compatible upstream, keys with dot segments. Every
 * one of them is exactly one audit event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedAsAmbiguousTest {

    static final IssuedCredentials AGENT = LocalCredentials.mint(Instant.now().plus(Duration.ofHours(2)));
    static final String POLICY = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::allowed","arn:aws:s3:::allowed/*"]}]}""";

    RecordingUpstream upstream;
    ProxyServer endpoint;
    final List<CallEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        upstream = new RecordingUpstream();
        EnforcedSession session = new EnforcedSession("20261203T000000-amb00000", AGENT,
                Policy.parse("session", PolicyKind.IDENTITY, POLICY),
                "arn:aws:sts::111122223333:assumed-role/R/airlock", "111122223333", "aws",
                new Upstream.Fixed(upstream.endpoint(), () -> AwsCredentials.permanent("AKIAIOSFODNN7EXAMPLE",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")), Limits.unlimited(), () -> false);
        endpoint = ProxyServer.start(new EnforcingGate(session, events::add, Clock.systemUTC()), (s, h, in) -> {
            throw new IOException("no TLS here");
        }, 16);
    }

    @AfterAll
    void stop() throws Exception {
        endpoint.close();
        upstream.close();
    }

    @BeforeEach
    void clear() {
        upstream.clear();
        events.clear();
    }

    static Stream<Arguments> deleteBodies() {
        String ns = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
        return Stream.of(
                Arguments.of("a child element inside a key", "<Delete><Object><Key>reports/<X/>victim.txt</Key></Object></Delete>"),
                Arguments.of("mixed content", "<Delete><Object>victim.txt<Key>reports/a</Key></Object></Delete>"),
                Arguments.of("an entity", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"victim\">]>"
                        + "<Delete><Object><Key>&x;</Key></Object></Delete>"),
                Arguments.of("a comment inside a key", "<Delete><Object><Key>reports/<!-- -->victim</Key></Object></Delete>"),
                Arguments.of("a processing instruction", "<Delete><?x y?><Object><Key>a</Key></Object></Delete>"),
                Arguments.of("a repeated key", "<Delete><Object><Key>a</Key><Key>b</Key></Object></Delete>"),
                Arguments.of("an unknown element", "<Delete><Object><Key>a</Key><Bucket>other</Bucket></Object></Delete>"),
                Arguments.of("an attribute", "<Delete><Object><Key bucket=\"other\">a</Key></Object></Delete>"),
                Arguments.of("a foreign namespace", "<Delete xmlns=\"urn:other\"><Object><Key>a</Key></Object></Delete>"),
                Arguments.of("a foreign namespace on a child", "<Delete" + ns + "><o:Object xmlns:o=\"urn:o\"><Key>a</Key>"
                        + "</o:Object></Delete>"),
                Arguments.of("a second root", "<Delete><Object><Key>a</Key></Object></Delete><Delete><Object><Key>b</Key>"
                        + "</Object></Delete>"),
                Arguments.of("an encoding other than UTF-8", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Delete>"
                        + "<Object><Key>a</Key></Object></Delete>"),
                Arguments.of("XML 1.1", "<?xml version=\"1.1\"?><Delete><Object><Key>a</Key></Object></Delete>"),
                Arguments.of("Quiet twice", "<Delete><Quiet>true</Quiet><Quiet>false</Quiet><Object><Key>a</Key></Object>"
                        + "</Delete>"),
                Arguments.of("a key that is a dot segment", "<Delete><Object><Key>../outside</Key></Object></Delete>"),
                Arguments.of("no objects", "<Delete><Quiet>true</Quiet></Delete>"),
                Arguments.of("text where elements belong", "<Delete>victim</Delete>"));
    }

    @ParameterizedTest(name = "DeleteObjects with {0}")
    @MethodSource("deleteBodies")
    void ambiguousDeleteBodiesAreRefused(String what, String body) throws Exception {
        refused(AgentRequest.s3("POST", "s3.amazonaws.com", "/allowed", "delete").body(body));
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("allowed.s3.amazonaws.com.", "/k", ""),
                Arguments.of("s3.amazonaws.com.attacker.example", "/allowed/k", ""),
                Arguments.of("allowed.s3-website-us-east-1.amazonaws.com", "/k", ""),
                Arguments.of("111122223333.s3-control.us-east-1.amazonaws.com", "/allowed/k", ""),
                Arguments.of("allowed--use1-az4--x-s3.s3express-use1-az4.us-east-1.amazonaws.com", "/k", ""),
                Arguments.of("ap-111122223333.s3-accesspoint.us-east-1.amazonaws.com", "/k", ""),
                Arguments.of("s3.amazonaws.com", "/../allowed/k", ""),
                Arguments.of("s3.amazonaws.com", "/allowed/reports/../secret", ""),
                Arguments.of("s3.amazonaws.com", "/allowed/./k", ""),
                Arguments.of("s3.amazonaws.com", "/allowed/%2E%2E/k", ""),
                Arguments.of("s3.amazonaws.com", "/allowed", "list-type=2&prefix=reports/../"),
                Arguments.of("s3.amazonaws.com", "/allowed", "list-type=2&start-after=../x"),
                Arguments.of("s3.amazonaws.com", "/allowed/k%zz", ""),
                Arguments.of("s3.amazonaws.com", "/allowed/k%C3%28", ""),
                Arguments.of("s3.amazonaws.com", "/allowed", "prefix=a&prefix=b"),
                Arguments.of("s3.amazonaws.com", "/allowed/k", "acl&tagging"));
    }

    @ParameterizedTest(name = "GET {0}{1}?{2}")
    @MethodSource("targets")
    void hostsAndPathsOutsideTheGrammarAreRefused(String host, String path, String query) throws Exception {
        refused(AgentRequest.s3("GET", host, path, query));
    }

    @Test
    void aCopySourceWithADotSegmentIsRefused() throws Exception {
        refused(AgentRequest.s3("PUT", "s3.amazonaws.com", "/allowed/copy", "")
                .header("x-amz-copy-source", "/allowed/reports/../../other/secret"));
    }

    static Stream<Arguments> headersReadTwoWays() {
        return Stream.of(
                Arguments.of("x-amz-acl twice (two spellings of one name)", AgentRequest.s3("PUT", "s3.amazonaws.com", "/allowed/a", "")
                        .header("x-amz-acl", "private").header("X-Amz-Acl", "public-read")),
                Arguments.of("a repeated header the gate does not read",
                        AgentRequest.s3("GET", "s3.amazonaws.com", "/allowed/a", "")
                                .header("x-amz-request-payer", "requester").header("X-Amz-Request-Payer", "none")),
                Arguments.of("bypass-governance spelled 1 (Go's ParseBool: true)",
                        AgentRequest.s3("DELETE", "s3.amazonaws.com", "/allowed/a", "")
                                .header("x-amz-bypass-governance-retention", "1")),
                Arguments.of("object lock spelled T", AgentRequest.s3("PUT", "s3.amazonaws.com", "/allowed", "")
                        .header("x-amz-bucket-object-lock-enabled", "T")),
                Arguments.of("MinIO's replication header", AgentRequest.s3("PUT", "s3.amazonaws.com", "/allowed/a", "")
                        .header("x-minio-source-mtime", "2026-01-01T00:00:00Z")),
                Arguments.of("Snowball's extract prefix", AgentRequest.s3("PUT", "s3.amazonaws.com", "/allowed/a", "")
                        .header("x-amz-meta-minio-snowball-prefix", "elsewhere")),
                Arguments.of("a copy source with a versionId to an S3-compatible upstream",
                        AgentRequest.s3("PUT", "s3.amazonaws.com", "/allowed/copy", "")
                                .header("x-amz-copy-source", "/allowed/a?versionId=v1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headersReadTwoWays")
    void headersAnUpstreamCouldReadOtherwiseAreRefused(String what, AgentRequest r) throws Exception {
        refused(r);
    }

    @Test
    void theOriginalAttackGoesNowhere() throws Exception {
        AgentRequest.Answer a = AgentRequest.s3("GET", "s3-logs.s3.amazonaws.com", "/acme-reports/secret/payroll.csv",
                "").send(endpoint.port(), AGENT.credentials());
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.body()).contains("arn:aws:s3:::s3-logs/acme-reports/secret/payroll.csv");
        assertThat(upstream.received()).isEmpty();
    }

    private void refused(AgentRequest r) throws Exception {
        AgentRequest.Answer a = r.send(endpoint.port(), AGENT.credentials());
        assertThat(a.status()).as(a.body()).isBetween(400, 499);
        // The event is written after the answer: wait for it (long under load), then for any straggler.
        for (int i = 0; i < 2000 && events.isEmpty(); i++) {
            Thread.sleep(5);
        }
        Thread.sleep(20);
        assertThat(upstream.received()).as("what the upstream received").isEmpty();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).decision()).isIn("denied", "refused");
    }
}
