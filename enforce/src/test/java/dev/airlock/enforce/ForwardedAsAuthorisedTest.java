package dev.airlock.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.proxy.ProxyServer;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.IssuedCredentials;
import dev.airlock.testing.RecordingUpstream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the upstream received is what the gate evaluated: for a matrix of S3 host forms, bucket
 * name shapes, key encodings and operations, the bucket, key and deleted keys a recording upstream
 * reads from the forwarded bytes (with parsers of its own) are exactly those in the call's audit
 * event and its evaluated resources.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardedAsAuthorisedTest {

    static final IssuedCredentials AGENT = LocalCredentials.mint(Instant.now().plus(Duration.ofHours(2)));
    static final AwsCredentials CREDS = AGENT.credentials();

    /** Path-style endpoints: the bucket is the first path segment. */
    static final List<String> PATH_HOSTS = List.of("s3.amazonaws.com", "s3.us-east-1.amazonaws.com",
            "s3-us-west-2.amazonaws.com", "s3.dualstack.eu-west-1.amazonaws.com", "s3-fips.us-east-2.amazonaws.com",
            "s3-fips.dualstack.us-west-1.amazonaws.com", "s3-external-1.amazonaws.com", "localhost", "127.0.0.1:1");
    /** Virtual-hosted endpoints: the bucket is the host's first labels. */
    static final List<String> VIRTUAL_ENDPOINTS = List.of("s3.amazonaws.com", "s3.us-east-1.amazonaws.com",
            "s3-us-west-2.amazonaws.com", "s3.dualstack.eu-west-1.amazonaws.com", "s3-fips.us-east-2.amazonaws.com",
            "s3-accelerate.amazonaws.com", "s3-accelerate.dualstack.amazonaws.com", "S3.US-EAST-1.AMAZONAWS.COM:443");
    /** Bucket names that look like endpoints, or hold the labels the grammar splits on. */
    static final List<String> BUCKETS = List.of("s3-logs", "logs.s3.backup", "my.bucket", "s3", "s3.us-east-1",
            "a-s3-accelerate", "acme-reports");
    static final List<String> KEYS = List.of("plain.txt", "dir/sub/file.csv", "sp ace+plus.txt", "100%/a%2Fb",
            "ünïcødé/✓.txt", "q?mark#hash", "semi;colon=eq&amp", "//double//slash", "trailing/",
            "~tilde!*'()[]@$,", "tab\there", "<x/>&lt;", "end with space ");

    RecordingUpstream upstream;
    ProxyServer endpoint;
    final List<CallEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        upstream = new RecordingUpstream();
        EnforcedSession session = new EnforcedSession("20261203T000000-fwd00000", AGENT,
                Policy.parse("session", PolicyKind.IDENTITY,
                        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                                + "\"Resource\":\"*\"}}"),
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

    /** How a client may encode one key in a path; every form decodes to the same key. */
    enum Encoding {
        /** As the SDKs do: unreserved characters and '/' as they are. */
        MINIMAL,
        /** Every byte as %XX, upper-case hex, slashes too. */
        EVERYTHING,
        /** Lower-case hex, unreserved characters as they are, slashes encoded. */
        LOWER_HEX_SLASHES;

        String encode(String s) {
            StringBuilder out = new StringBuilder();
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                boolean unreserved = Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0;
                boolean keep = switch (this) {
                    case MINIMAL -> unreserved || c == '/';
                    case EVERYTHING -> false;
                    case LOWER_HEX_SLASHES -> unreserved;
                };
                out.append(keep ? String.valueOf((char) c) : String.format(this == LOWER_HEX_SLASHES ? "%%%02x" : "%%%02X", c));
            }
            return out.toString();
        }
    }

    /** A host form and the path prefix it puts before the key. */
    record Address(String host, String pathPrefix) {
        static Address of(String bucket, String hostForm, boolean virtual, Encoding e) {
            return virtual ? new Address(bucket + "." + hostForm, "/")
                    : new Address(hostForm, "/" + e.encode(bucket) + "/");
        }
    }

    static Stream<Arguments> hostsAndBuckets() {
        List<Arguments> out = new ArrayList<>();
        int i = 0;
        for (String bucket : BUCKETS) {
            for (String host : PATH_HOSTS) {
                out.add(Arguments.of(bucket, host, false, KEYS.get(i % KEYS.size()), Encoding.values()[i++ % 3]));
            }
            for (String host : VIRTUAL_ENDPOINTS) {
                out.add(Arguments.of(bucket, host, true, KEYS.get(i % KEYS.size()), Encoding.values()[i++ % 3]));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> keysAndEncodings() {
        List<Arguments> out = new ArrayList<>();
        for (String key : KEYS) {
            for (Encoding e : Encoding.values()) {
                out.add(Arguments.of(key, e));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at {1} virtual={2}: {3} ({4})")
    @MethodSource("hostsAndBuckets")
    void everyHostFormReachesTheBucketItWasAuthorisedFor(String bucket, String host, boolean virtual, String key,
            Encoding e) throws Exception {
        Address a = Address.of(bucket, host, virtual, e);
        expectObject(get(a, e.encode(key)), bucket, key, "s3:GetObject");
        expectObject(put(a, e.encode(key)), bucket, key, "s3:PutObject");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("keysAndEncodings")
    void everyKeyEncodingReachesTheKeyItWasAuthorisedForInEveryOperation(String key, Encoding e) throws Exception {
        for (Address a : List.of(Address.of("s3-logs", "s3.amazonaws.com", true, e),
                Address.of("logs.s3.backup", "s3.us-east-1.amazonaws.com", false, e))) {
            String bucket = a.host().startsWith("s3-logs") ? "s3-logs" : "logs.s3.backup";
            expectObject(get(a, e.encode(key)), bucket, key, "s3:GetObject");
            expectObject(call("HEAD", a, e.encode(key), "", ""), bucket, key, "s3:GetObject");
            expectObject(put(a, e.encode(key)), bucket, key, "s3:PutObject");
            expectObject(call("DELETE", a, e.encode(key), "", ""), bucket, key, "s3:DeleteObject");
            expectListing(a, bucket, key, e);
            expectCopy(a, bucket, key, e);
            expectDeleteObjects(a, bucket, key);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private AgentRequest get(Address a, String encodedKey) {
        return AgentRequest.s3("GET", a.host(), a.pathPrefix() + encodedKey, "");
    }

    private AgentRequest put(Address a, String encodedKey) {
        return AgentRequest.s3("PUT", a.host(), a.pathPrefix() + encodedKey, "").body("data");
    }

    private AgentRequest call(String method, Address a, String encodedKey, String query, String body) {
        AgentRequest r = AgentRequest.s3(method, a.host(), a.pathPrefix() + encodedKey, query);
        return body.isEmpty() ? r : r.body(body);
    }

    private CallEvent sendAndRecord(AgentRequest r) throws Exception {
        AgentRequest.Answer answer = r.send(endpoint.port(), CREDS);
        assertThat(answer.status()).as("%s %s%s: %s", r.method, r.host, r.rawPath, answer.body()).isEqualTo(200);
        for (int i = 0; i < 200 && events.isEmpty(); i++) {
            Thread.sleep(5);
        }
        assertThat(events).hasSize(1);
        assertThat(upstream.received()).hasSize(1);
        CallEvent e = events.get(0);
        events.clear();
        return e;
    }

    private void expectObject(AgentRequest r, String bucket, String key, String action) throws Exception {
        CallEvent e = sendAndRecord(r);
        RecordingUpstream.Received got = upstream.last();
        upstream.clear();
        assertThat(e.actions()).contains(action);
        assertThat(e.resources()).containsExactly("arn:aws:s3:::" + bucket + "/" + key);
        assertThat(got.bucket()).isEqualTo(bucket);
        assertThat(got.key()).contains(key);
        assertThat(got.method()).isEqualTo(r.method);
    }

    private void expectListing(Address a, String bucket, String prefix, Encoding e) throws Exception {
        String bucketPath = a.pathPrefix().substring(0, a.pathPrefix().length() - 1);
        CallEvent event = sendAndRecord(AgentRequest.s3("GET", a.host(), bucketPath.isEmpty() ? "/" : bucketPath,
                "list-type=2&prefix=" + e.encode(prefix)));
        RecordingUpstream.Received got = upstream.last();
        upstream.clear();
        assertThat(event.resources()).containsExactly("arn:aws:s3:::" + bucket);
        assertThat(got.bucket()).isEqualTo(bucket);
        assertThat(got.key()).isEmpty();
        assertThat(got.query()).containsEntry("prefix", prefix).containsEntry("list-type", "2");
    }

    private void expectCopy(Address a, String bucket, String key, Encoding e) throws Exception {
        AgentRequest r = AgentRequest.s3("PUT", a.host(), a.pathPrefix() + "copy-target", "")
                .header("x-amz-copy-source", e.encode("acme-reports/" + key));
        CallEvent event = sendAndRecord(r);
        RecordingUpstream.Received got = upstream.last();
        upstream.clear();
        assertThat(event.resources()).containsExactly("arn:aws:s3:::acme-reports/" + key,
                "arn:aws:s3:::" + bucket + "/copy-target");
        String source = java.net.URLDecoder.decode(got.header("x-amz-copy-source").orElseThrow().replace("+", "%2B"),
                StandardCharsets.UTF_8);
        assertThat(source).isEqualTo("/acme-reports/" + key);
        assertThat(got.key()).contains("copy-target");
    }

    private void expectDeleteObjects(Address a, String bucket, String key) throws Exception {
        String bucketPath = a.pathPrefix().substring(0, a.pathPrefix().length() - 1);
        String xml = "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Object><Key>" + escape(key)
                + "</Key></Object><Object><Key>second " + escape(key) + "</Key><VersionId> v1 </VersionId></Object>"
                + "<Quiet>true</Quiet></Delete>";
        CallEvent event = sendAndRecord(AgentRequest.s3("POST", a.host(), bucketPath.isEmpty() ? "/" : bucketPath,
                "delete").body(xml));
        RecordingUpstream.Received got = upstream.last();
        upstream.clear();
        assertThat(event.resources()).containsExactly("arn:aws:s3:::" + bucket + "/" + key,
                "arn:aws:s3:::" + bucket + "/second " + key);
        assertThat(got.bucket()).isEqualTo(bucket);
        assertThat(got.xmlTexts("Key")).containsExactly(key, "second " + key);
        assertThat(got.xmlTexts("VersionId")).containsExactly("v1");
        String md5 = java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("MD5").digest(got.body()));
        assertThat(got.header("content-md5")).contains(md5);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\t", "&#9;");
    }
}
