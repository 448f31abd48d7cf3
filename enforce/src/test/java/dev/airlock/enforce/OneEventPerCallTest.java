package dev.airlock.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.proxy.Gate;
import dev.airlock.proxy.IncomingCall;
import dev.airlock.proxy.ProxyServer;
import dev.airlock.proxy.Verdict;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.IssuedCredentials;
import dev.airlock.testing.RecordingUpstream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The audit invariant under a mixed workload: allowed calls, denied calls, clients that reset
 * their connection before reading the answer (after an allow or a deny), and calls still in flight
 * when the endpoint shuts down. Every decision the gate made, and every request the upstream
 * received, has exactly one call event; the calls cut off by shutdown are recorded as aborted.
 */
class OneEventPerCallTest {

    static final IssuedCredentials AGENT = LocalCredentials.mint(Instant.now().plus(Duration.ofHours(1)));
    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::allowed/*\"}}";

    /** Counts what the real gate was asked to decide, and what it was told was completed. */
    static final class CountingGate implements Gate {
        final Gate inner;
        final List<String> decided = new CopyOnWriteArrayList<>();
        final List<String> completed = new CopyOnWriteArrayList<>();

        CountingGate(Gate inner) {
            this.inner = inner;
        }

        @Override
        public Verdict decide(IncomingCall call) throws IOException {
            decided.add(call.rawPath());
            return inner.decide(call);
        }

        @Override
        public Optional<Verdict.Respond> bodyRefused(IncomingCall call, IOException failure) {
            return inner.bodyRefused(call, failure);
        }

        @Override
        public void completed(IncomingCall call, Verdict verdict, Completion completion) {
            completed.add(call.rawPath());
            inner.completed(call, verdict, completion);
        }
    }

    @Test
    void everyDecisionAndEveryForwardedRequestIsExactlyOneEvent() throws Exception {
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        RecordingUpstream upstream = new RecordingUpstream();
        EnforcedSession session = new EnforcedSession("20261203T000000-inv00000", AGENT,
                Policy.parse("session", PolicyKind.IDENTITY, POLICY), "arn:aws:sts::111122223333:assumed-role/R/a",
                "111122223333", "aws", new Upstream.Fixed(upstream.endpoint(),
                        () -> AwsCredentials.permanent("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                Limits.unlimited(), () -> false);
        CountingGate gate = new CountingGate(new EnforcingGate(session, events::add, Clock.systemUTC()));
        ProxyServer endpoint = ProxyServer.start(gate, (s, h, in) -> {
            throw new IOException("no TLS here");
        }, new ProxyServer.Settings(64, 256, 256, Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofMillis(500)), h -> true, a -> false);
        int port = endpoint.port();
        AwsCredentials creds = AGENT.credentials();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        int n = 0;
        for (int round = 0; round < 15; round++) {
            String allowed = "/allowed/ok-" + n++;
            String denied = "/secret/no-" + n++;
            String deniedReset = "/secret/reset-" + n++;
            String allowedReset = "/allowed/reset-" + n++;
            work.add(pool.submit(() -> AgentRequest.s3("GET", "s3.amazonaws.com", allowed, "").send(port, creds)));
            work.add(pool.submit(() -> AgentRequest.s3("GET", "s3.amazonaws.com", denied, "").send(port, creds)));
            work.add(pool.submit(() -> {
                AgentRequest.s3("GET", "s3.amazonaws.com", deniedReset, "").sendAndReset(port, creds);
                return null;
            }));
            work.add(pool.submit(() -> {
                AgentRequest.s3("GET", "s3.amazonaws.com", allowedReset, "").sendAndReset(port, creds);
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(30, TimeUnit.SECONDS);
        }
        Thread.sleep(300);
        upstream.hold(true);
        List<Future<?>> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String path = "/allowed/in-flight-" + i;
            inFlight.add(pool.submit(() -> AgentRequest.s3("GET", "s3.amazonaws.com", path, "").send(port, creds)));
        }
        for (int i = 0; i < 200 && upstream.received().stream().filter(r -> r.path().contains("in-flight")).count() < 5;
                i++) {
            Thread.sleep(10);
        }
        endpoint.close();
        upstream.hold(false);
        pool.shutdownNow();
        upstream.close();

        Map<String, Long> perKey = events.stream().flatMap(e -> e.resources().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(gate.completed).containsExactlyInAnyOrderElementsOf(gate.decided);
        assertThat(events).hasSize(gate.decided.size());
        for (String path : gate.decided) {
            assertThat(perKey.get("arn:aws:s3:::" + path.substring(1))).as(path).isEqualTo(1L);
        }
        Map<String, Long> forwarded = upstream.received().stream().map(RecordingUpstream.Received::path)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (Map.Entry<String, Long> f : forwarded.entrySet()) {
            assertThat(f.getValue()).as("forwarded once: " + f.getKey()).isEqualTo(1L);
            assertThat(events).as(f.getKey()).filteredOn(e -> e.resources().contains("arn:aws:s3:::" + f.getKey().substring(1)))
                    .singleElement().satisfies(e -> assertThat(e.decision()).isEqualTo("allowed"));
        }
        assertThat(forwarded.keySet()).noneMatch(p -> p.startsWith("/secret"));
        Map<String, CallEvent> byKey = new HashMap<>();
        events.forEach(e -> e.resources().forEach(r -> byKey.put(r, e)));
        for (int i = 0; i < 5; i++) {
            CallEvent e = byKey.get("arn:aws:s3:::allowed/in-flight-" + i);
            assertThat(e).as("in flight at shutdown " + i).isNotNull();
            assertThat(e.status()).isEqualTo(ProxyServer.ABORTED);
            assertThat(e.problem()).hasValueSatisfying(p -> assertThat(p).contains("shut down"));
        }
        long deniedOnes = events.stream().filter(e -> e.decision().equals("denied")).count();
        assertThat(deniedOnes).as("denied calls, reset or not").isEqualTo(gate.decided.stream()
                .filter(p -> p.startsWith("/secret")).count());
        assertThat(gate.decided.stream().filter(p -> p.contains("/secret/reset-")).count())
                .as("resets that reached the gate").isPositive();
    }
}
