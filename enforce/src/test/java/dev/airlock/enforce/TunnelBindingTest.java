package dev.airlock.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.proxy.HttpHead;
import dev.airlock.proxy.IncomingCall;
import dev.airlock.proxy.Verdict;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.Headers;
import dev.airlock.sigv4.IssuedCredentials;
import dev.airlock.sigv4.PayloadHash;
import dev.airlock.sigv4.RequestView;
import dev.airlock.sigv4.SigV4Signer;
import dev.airlock.sigv4.SigningKeyCache;
import dev.airlock.sigv4.SigningTarget;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inside a CONNECT tunnel the signed Host must be the tunnel's host: one host cannot be mapped while another is reached. */
class TunnelBindingTest {

    /** Generated for this run, as the endpoint mints them: no key material lives in the source. */
    static final AwsCredentials AGENT = LocalCredentials.mint(Instant.now().plus(Duration.ofHours(1))).credentials();

    private static Verdict decide(String tunnelHost, String hostHeader) throws Exception {
        EnforcedSession session = new EnforcedSession("20261123T000000-tunnel00",
                new IssuedCredentials(AGENT, Instant.now().plus(Duration.ofHours(1))),
                Policy.parse("s", PolicyKind.IDENTITY, "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}"),
                "arn:aws:sts::111122223333:assumed-role/R/s", "111122223333", "aws",
                new Upstream.Aws(() -> AwsCredentials.permanent("AKIAIOSFODNN7EXAMPLE", "x")), Limits.unlimited(), () -> false);
        EnforcingGate gate = new EnforcingGate(session, e -> { }, Clock.systemUTC());
        Headers h = Headers.builder().add("Host", hostHeader).build();
        var signed = new SigV4Signer(new SigningKeyCache(4)).sign(new RequestView("GET", "/k", "", h), AGENT,
                new SigningTarget("us-east-1", "s3"), Instant.now(), PayloadHash.unsigned());
        List<HttpHead.Header> lines = new ArrayList<>();
        signed.applyTo(h).forEach((n, vs) -> vs.forEach(v -> lines.add(new HttpHead.Header(n, v))));
        HttpHead head = new HttpHead("GET /k HTTP/1.1", lines);
        return gate.decide(new IncomingCall(tunnelHost, true, head, "GET", "/k", "", "127.0.0.1", InputStream.nullInputStream()));
    }

    @Test
    void aHostOtherThanTheTunnelsIsRefused() throws Exception {
        Verdict v = decide("mine.s3.us-east-1.amazonaws.com:443", "theirs.s3.us-east-1.amazonaws.com");
        assertThat(v).isInstanceOfSatisfying(Verdict.Respond.class, r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("differs from the tunnel's host");
        });
    }

    @Test
    void theTunnelsOwnHostIsForwardedThere() throws Exception {
        Verdict v = decide("mine.s3.us-east-1.amazonaws.com:443", "mine.s3.us-east-1.amazonaws.com");
        assertThat(v).isInstanceOfSatisfying(Verdict.Forward.class,
                f -> assertThat(f.upstream().getHost()).isEqualTo("mine.s3.us-east-1.amazonaws.com"));
    }
}
