package dev.airlock.broker;

import dev.airlock.audit.AuditLog;
import dev.airlock.broker.api.ApiProblem;
import dev.airlock.broker.api.SessionCreate;
import dev.airlock.broker.auth.ClientId;
import dev.airlock.broker.http.Problem;
import dev.airlock.broker.token.SessionMode;
import dev.airlock.config.Durations;
import dev.airlock.lifecycle.EndpointEnvironment;
import dev.airlock.lifecycle.EnforceSettings;
import dev.airlock.lifecycle.EnforcedRun;
import dev.airlock.lifecycle.RefusalAudit;
import dev.airlock.lifecycle.SessionEnd;
import dev.airlock.lifecycle.SessionOpener;
import dev.airlock.lifecycle.SessionPlan;
import dev.airlock.lifecycle.SessionPlanner;
import dev.airlock.lifecycle.SessionRequest;
import dev.airlock.run.ChildOutcome;
import dev.airlock.session.Revocations;
import dev.airlock.session.SessionCredentials;
import dev.airlock.session.SessionRecord;
import dev.airlock.session.SessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The broker's adapter over the session lifecycle: a request the token allowed becomes a
 * {@link SessionRequest} on the broker's profile, planned, opened and recorded by the same code as
 * {@code airlock run}. An enforcing session's endpoint lives on a thread of its own until it is
 * revoked, reaches its maximum duration or the broker stops; its end is recorded either way.
 */
final class BrokerSessions implements AutoCloseable {

    /** A session this broker issued, and to whom. */
    record Issued(String id, ClientId client, String tokenId, SessionMode mode, Instant expires,
            Map<String, String> environment, Optional<String> caBundle, String policyJson, String principal) {}

    private record Live(Issued issued, CountDownLatch stop, Optional<Thread> endpoint) {}

    private final SessionRequest base;
    private final Map<String, String> env;
    private final AuditLog audit;
    private final SessionStore store;
    private final EnforceSettings enforce;
    private final Consumer<String> notices;
    private final Map<String, Live> live = new ConcurrentHashMap<>();

    BrokerSessions(SessionRequest base, Map<String, String> env, AuditLog audit, SessionStore store,
            EnforceSettings enforce, Consumer<String> notices) {
        this.base = base;
        this.env = Map.copyOf(env);
        this.audit = audit;
        this.store = store;
        this.enforce = enforce;
        this.notices = notices;
    }

    /** Plans without contacting anything: the actions and resources the planner will use, for the token check. */
    SessionPlan plan(SessionCreate c, ClientId client) {
        SessionMode mode = c.sessionMode();
        SessionRequest r = new SessionRequest(base.profile(), base.awsProfile(), base.role(), c.actions(), c.resources(),
                c.ttl(), base.region(), Optional.empty(), List.of("airlock-client=" + client.value()), c.parent().isPresent(),
                c.parent());
        List<String> command = command(client, c);
        String planned = mode == SessionMode.STS ? "credentials" : "enforce";
        return new RefusalAudit(audit, planned, command)
                .plan(() -> new SessionPlanner(env).plan(r, planned, command, Instant.now()));
    }

    /**
     * How long the session lives: its credentials' lifetime in sts mode; in enforce mode, the
     * endpoint's (its keys are valid until then, the STS credentials behind it are renewed).
     */
    static Duration lifetime(SessionPlan plan, SessionCreate c) {
        return c.sessionMode() == SessionMode.STS ? plan.spec().duration()
                : c.maxDuration().map(Durations::parse).orElse(plan.profile().maxDuration());
    }

    Issued open(SessionPlan plan, SessionCreate c, ClientId client, String tokenId) {
        return c.sessionMode() == SessionMode.STS ? sts(plan, client, tokenId) : enforced(plan, c, client, tokenId);
    }

    private Issued sts(SessionPlan plan, ClientId client, String tokenId) {
        try (SessionOpener opener = new SessionOpener(plan, audit, store, notices, Optional.empty())) {
            SessionOpener.Opened opened = opener.open(plan);
            SessionCredentials k = opened.role().credentials();
            Map<String, String> e = new LinkedHashMap<>();
            e.put("AWS_ACCESS_KEY_ID", k.accessKeyId());
            e.put("AWS_SECRET_ACCESS_KEY", k.secretAccessKey());
            e.put("AWS_SESSION_TOKEN", k.sessionToken());
            e.put("AWS_CREDENTIAL_EXPIRATION", k.expiration().toString());
            e.put("AWS_REGION", plan.region());
            e.put("AWS_DEFAULT_REGION", plan.region());
            e.put("AIRLOCK_SESSION_ID", plan.sessionId());
            Issued issued = new Issued(plan.sessionId(), client, tokenId, SessionMode.STS, k.expiration(), e,
                    Optional.empty(), plan.policy().json(), opened.role().assumedRoleArn());
            live.put(issued.id(), new Live(issued, new CountDownLatch(0), Optional.empty()));
            return issued;
        }
    }

    private Issued enforced(SessionPlan plan, SessionCreate c, ClientId client, String tokenId) {
        Duration max = lifetime(plan, c);
        EnforceSettings settings = new EnforceSettings(enforce.upstream(),
                c.limits().flatMap(SessionCreate.Limits::maxCalls), c.limits().flatMap(SessionCreate.Limits::maxBytes),
                enforce.relayPrivateNetworks());
        CompletableFuture<Issued> started = new CompletableFuture<>();
        CountDownLatch stop = new CountDownLatch(1);
        Thread t = new Thread(() -> serve(plan, settings, max, stop, started, client, tokenId),
                "airlock-broker-session-" + plan.sessionId());
        t.setDaemon(true);
        t.start();
        try {
            Issued issued = started.get(60, TimeUnit.SECONDS);
            live.put(issued.id(), new Live(issued, stop, Optional.of(t)));
            return issued;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            stop.countDown();
            throw new ApiProblem(Problem.of(504, "session-start-timeout", "Session did not start",
                    "the session's endpoint did not start within 60 s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void serve(SessionPlan plan, EnforceSettings settings, Duration max, CountDownLatch stop,
            CompletableFuture<Issued> started, ClientId client, String tokenId) {
        try {
            EnforcedRun.Result r = new EnforcedRun(plan, env, audit, store, notices, settings).serve(plan.command(), max,
                    Duration.ZERO, () -> new SessionOpener(plan, audit, store, notices, Optional.empty()), childEnv -> {
                        started.complete(issued(plan, childEnv, client, tokenId, max));
                        return await(stop, max);
                    });
            SessionEnd.record(r.record(), r.outcome(), false, audit, store, notices);
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
        } finally {
            live.remove(plan.sessionId());
        }
    }

    private static Issued issued(SessionPlan plan, Map<String, String> childEnv, ClientId client, String tokenId,
            Duration max) {
        Map<String, String> e = new LinkedHashMap<>();
        for (String name : EndpointEnvironment.CLIENT_VARIABLES) {
            Optional.ofNullable(childEnv.get(name)).ifPresent(v -> e.put(name, v));
        }
        // The bundle's path is the broker's; another user reads the bundle from the answer.
        e.remove("AWS_CA_BUNDLE");
        Optional<String> ca;
        try {
            ca = Optional.of(Files.readString(Path.of(childEnv.get("AWS_CA_BUNDLE"))));
        } catch (IOException e1) {
            throw new IllegalStateException("cannot read the session's CA bundle: " + e1.getMessage(), e1);
        }
        return new Issued(plan.sessionId(), client, tokenId, SessionMode.ENFORCE, Instant.now().plus(max), e, ca,
                plan.policy().json(), EnforcedRun.sessionArn(plan));
    }

    private static ChildOutcome await(CountDownLatch stop, Duration max) {
        try {
            if (!stop.await(max.toMillis(), TimeUnit.MILLISECONDS)) {
                return new ChildOutcome.TimedOut(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ChildOutcome.Exited(0);
    }

    /** The sessions this broker issued to {@code client} (and has not seen end), newest first. */
    List<SessionRecord> list(ClientId client) {
        return live.values().stream().filter(l -> l.issued().client().equals(client))
                .map(l -> store.find(l.issued().id())).flatMap(Optional::stream)
                .sorted(java.util.Comparator.comparing(SessionRecord::start).reversed()).toList();
    }

    /** A session of {@code client}'s; another client's is reported as absent, not as forbidden. */
    Optional<SessionRecord> find(ClientId client, String id) {
        return Optional.ofNullable(live.get(id)).filter(l -> l.issued().client().equals(client))
                .flatMap(l -> store.find(id));
    }

    /** Whether {@code id} is a live session this broker issued (to any client): a nested request's parent must be. */
    boolean isLive(String id) {
        return live.containsKey(id);
    }

    /** What this broker issued as {@code id} to {@code client}, while the session lives. */
    Optional<Issued> issued(ClientId client, String id) {
        return Optional.ofNullable(live.get(id)).map(Live::issued).filter(i -> i.client().equals(client));
    }

    /** Revokes a session of {@code client}'s; its endpoint refuses the next call and stops. */
    boolean revoke(ClientId client, String id, String reason) {
        Live l = live.get(id);
        if (l == null || !l.issued().client().equals(client)) {
            return false;
        }
        new Revocations(store, audit).revoke(id, new Revocations.Request("broker", client.value(),
                Optional.of(reason)));
        l.stop().countDown();
        return true;
    }

    private static List<String> command(ClientId client, SessionCreate c) {
        List<String> cmd = new ArrayList<>(List.of("(broker)", "client=" + client.value()));
        c.reason().ifPresent(r -> cmd.add("reason=" + r));
        return cmd;
    }

    /** Ends every session: each endpoint stops and its end is recorded before this returns. */
    @Override
    public void close() {
        for (Live l : live.values()) {
            l.stop().countDown();
        }
        for (Live l : live.values()) {
            l.endpoint().ifPresent(t -> {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
