package dev.airlock.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.broker.auth.AuthenticationException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RequestVerifierTest {
    static final long START = 1_765_000_000_000L;
    static final long NOW = START + 60_000;
    final ClientId agent = new ClientId("agent-a");
    final ClientSecret secret = ClientSecret.generate();
    final RequestVerifier verifier = new RequestVerifier(c -> c.equals(agent) ? Optional.of(secret) : Optional.empty(),
            START);
    final CanonicalRequest post = CanonicalRequest.of("POST", "/v1/sessions");
    final byte[] body = "{\"actions\":[\"s3:GetObject\"]}".getBytes(StandardCharsets.UTF_8);

    Map<String, List<String>> signed(CanonicalRequest r, byte[] b, long at) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        new RequestSigner(agent, secret).headers(r, b, at).forEach((k, v) -> h.put(k, new ArrayList<>(List.of(v))));
        return h;
    }

    @Test
    void aFreshlySignedRequestNamesItsClientAndItsNonceWorksOnce() {
        Map<String, List<String>> h = signed(post, body, NOW);
        assertThat(verifier.verify(post, h, body, NOW)).isEqualTo(agent);
        assertThatThrownBy(() -> verifier.verify(post, h, body, NOW + 1000))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REPLAYED));
    }

    @Test
    void anythingChangedAfterSigningFailsTheSignature() {
        Map<String, List<String>> h = signed(post, body, NOW);
        assertKind(() -> verifier.verify(post, h, "{\"actions\":[\"s3:*\"]}".getBytes(StandardCharsets.UTF_8), NOW),
                Kind.BAD_SIGNATURE);
        assertKind(() -> verifier.verify(CanonicalRequest.of("POST", "/v1/check"), h, body, NOW), Kind.BAD_SIGNATURE);
        assertKind(() -> verifier.verify(CanonicalRequest.of("DELETE", "/v1/sessions"), h, body, NOW), Kind.BAD_SIGNATURE);
        assertKind(() -> verifier.verify(CanonicalRequest.of("POST", "/v1/sessions?x=1"), h, body, NOW),
                Kind.BAD_SIGNATURE);
        Map<String, List<String>> otherTime = signed(post, body, NOW);
        otherTime.put(RequestSigner.TIMESTAMP, List.of(Long.toString(NOW + 1)));
        assertKind(() -> verifier.verify(post, otherTime, body, NOW), Kind.BAD_SIGNATURE);
        Map<String, List<String>> otherNonce = signed(post, body, NOW);
        otherNonce.put(RequestSigner.NONCE, List.of(RequestSigner.newNonce()));
        assertKind(() -> verifier.verify(post, otherNonce, body, NOW), Kind.BAD_SIGNATURE);
        Map<String, List<String>> flipped = signed(post, body, NOW);
        String mac = flipped.get(RequestSigner.SIGNATURE).get(0);
        flipped.put(RequestSigner.SIGNATURE, List.of((mac.charAt(0) == 'a' ? "b" : "a") + mac.substring(1)));
        assertKind(() -> verifier.verify(post, flipped, body, NOW), Kind.BAD_SIGNATURE);
    }

    @Test
    void theClientNameIsInsideTheMacAndHasOneSpelling() {
        Map<String, List<String>> h = signed(post, body, NOW);
        h.put(RequestSigner.CLIENT, List.of("AGENT-A"));
        assertKind(() -> verifier.verify(post, h, body, NOW), Kind.MALFORMED_HEADER);
        Map<String, List<String>> other = signed(post, body, NOW);
        other.put(RequestSigner.CLIENT, List.of("agent-b"));
        assertKind(() -> verifier.verify(post, other, body, NOW), Kind.BAD_SIGNATURE);
    }

    @Test
    void aWrongSecretOrAnUnknownClientFailsAlike() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        new RequestSigner(agent, ClientSecret.generate()).headers(post, body, NOW).forEach((k, v) -> h.put(k, List.of(v)));
        assertKind(() -> verifier.verify(post, h, body, NOW), Kind.BAD_SIGNATURE);
        Map<String, List<String>> stranger = new LinkedHashMap<>();
        new RequestSigner(new ClientId("stranger"), secret).headers(post, body, NOW)
                .forEach((k, v) -> stranger.put(k, List.of(v)));
        assertKind(() -> verifier.verify(post, stranger, body, NOW), Kind.BAD_SIGNATURE);
    }

    @Test
    void staleFutureAndPreStartTimestampsAreRefusedAtTheWindowsEdges() {
        long w = RequestVerifier.WINDOW_MILLIS;
        long later = START + 2 * w;
        assertThat(verifier.verify(post, signed(post, body, later - w), body, later)).isEqualTo(agent);
        assertKind(() -> verifier.verify(post, signed(post, body, later - w - 1), body, later), Kind.STALE);
        assertThat(verifier.verify(post, signed(post, body, NOW + w), body, NOW)).isEqualTo(agent);
        assertKind(() -> verifier.verify(post, signed(post, body, NOW + w + 1), body, NOW), Kind.FUTURE);
        assertKind(() -> verifier.verify(post, signed(post, body, START - 1), body, START + 1), Kind.BEFORE_START);
    }

    @Test
    void aReplayAfterARestartIsRefusedBecauseItPredatesTheNewBroker() {
        Map<String, List<String>> h = signed(post, body, NOW);
        assertThat(verifier.verify(post, h, body, NOW)).isEqualTo(agent);
        RequestVerifier restarted = new RequestVerifier(c -> Optional.of(secret), NOW + 500);
        assertKind(() -> restarted.verify(post, h, body, NOW + 1000), Kind.BEFORE_START);
    }

    @Test
    void missingDuplicatedAndMalformedHeadersAreRefused() {
        for (String name : List.of(RequestSigner.CLIENT, RequestSigner.TIMESTAMP, RequestSigner.NONCE,
                RequestSigner.SIGNATURE)) {
            Map<String, List<String>> h = signed(post, body, NOW);
            h.remove(name);
            assertKind(() -> verifier.verify(post, h, body, NOW), Kind.MISSING_HEADER);
            Map<String, List<String>> twice = signed(post, body, NOW);
            twice.put(name.toLowerCase(java.util.Locale.ROOT), twice.get(name));
            assertKind(() -> verifier.verify(post, twice, body, NOW), Kind.MALFORMED_HEADER);
        }
        for (String[] bad : new String[][] {{RequestSigner.TIMESTAMP, "+1765000060000"},
                {RequestSigner.TIMESTAMP, "1765000060"}, {RequestSigner.NONCE, "short"},
                {RequestSigner.NONCE, "has space in it 1234567"}, {RequestSigner.SIGNATURE, "ABC"}}) {
            Map<String, List<String>> h = signed(post, body, NOW);
            h.put(bad[0], List.of(bad[1]));
            assertKind(() -> verifier.verify(post, h, body, NOW), Kind.MALFORMED_HEADER);
        }
    }

    @Test
    void forgedRequestsDoNotFillTheReplayCache() {
        Map<String, List<String>> forged = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            new RequestSigner(agent, ClientSecret.generate()).headers(post, body, NOW).forEach((k, v) -> forged.put(k, List.of(v)));
            assertKind(() -> verifier.verify(post, forged, body, NOW), Kind.BAD_SIGNATURE);
        }
        assertThat(verifier.cachedNonces()).isZero();
    }

    @Test
    void aFullCacheRefusesRatherThanForgetsAndEmptiesAsTheWindowPasses() {
        RequestVerifier small = new RequestVerifier(c -> Optional.of(secret), START, 2);
        small.verify(post, signed(post, body, NOW), body, NOW);
        small.verify(post, signed(post, body, NOW), body, NOW);
        assertKind(() -> small.verify(post, signed(post, body, NOW), body, NOW), Kind.BUSY);
        long later = NOW + RequestVerifier.WINDOW_MILLIS + 1;
        assertThat(small.verify(post, signed(post, body, later), body, later)).isEqualTo(agent);
    }

    @Test
    void concurrentReplaysOfOneRequestAreAdmittedExactlyOnce() throws Exception {
        Map<String, List<String>> h = signed(post, body, NOW);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                tasks.add(() -> {
                    try {
                        verifier.verify(post, h, body, NOW);
                        return true;
                    } catch (AuthenticationException e) {
                        return false;
                    }
                });
            }
            long admitted = 0;
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                admitted += f.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    static void assertKind(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Kind kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind));
    }
}
