package dev.airlock.lifecycle;

import dev.airlock.audit.AuditLog;
import dev.airlock.config.AirlockPaths;
import dev.airlock.config.CredentialSource;
import dev.airlock.credentials.CredentialRefresher;
import dev.airlock.enforce.EnforcedSession;
import dev.airlock.enforce.EnforcingGate;
import dev.airlock.enforce.Limits;
import dev.airlock.enforce.LocalCredentials;
import dev.airlock.enforce.Upstream;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicyParseException;
import dev.airlock.policy.match.Arn;
import dev.airlock.proxy.ProxyServer;
import dev.airlock.run.ChildEnvironment;
import dev.airlock.run.ChildOutcome;
import dev.airlock.run.ChildSpec;
import dev.airlock.run.CredentialDelivery;
import dev.airlock.session.Revocations;
import dev.airlock.session.SessionCredentials;
import dev.airlock.session.SessionRecord;
import dev.airlock.session.SessionStatus;
import dev.airlock.session.SessionStore;
import dev.airlock.session.StaticCredentials;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.IssuedCredentials;
import dev.airlock.sts.AwsClients;
import dev.airlock.tls.CaBundle;
import dev.airlock.tls.RunAuthority;
import dev.airlock.tls.TlsTerminator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;

/**
 * {@code run --enforce}: the command gets credentials that only Airlock's endpoint accepts, and
 * every AWS call it makes is checked, recorded and forwarded with upstream credentials it never sees.
 */
public final class EnforcedRun {

    /** Requests the endpoint handles at once; connections waiting for a request do not count. */
    public static final int MAX_EXCHANGES = 256;

    private final SessionPlan plan;
    private final Map<String, String> env;
    private final AuditLog audit;
    private final SessionStore store;
    private final Consumer<String> notices;
    private final EnforceSettings options;

    public EnforcedRun(SessionPlan plan, Map<String, String> env, AuditLog audit, SessionStore store, Consumer<String> notices,
            EnforceSettings options) {
        this.plan = plan;
        this.env = env;
        this.audit = audit;
        this.store = store;
        this.notices = notices;
        this.options = options;
    }

    /** How the upstream side was set up: who calls are made as, and with what. */
    private record UpstreamSide(Upstream upstream, String principalArn, Optional<CredentialRefresher> refresher,
            Optional<SessionRecord> record, Optional<SessionOpener> opener) {
        void close() {
            refresher.ifPresent(CredentialRefresher::close);
            opener.ifPresent(SessionOpener::close);
        }
    }

    /**
     * Runs {@code command} under enforcement; returns its outcome with the session record that was
     * opened. {@code opener} is asked for only when STS is the upstream, and closed here.
     */
    public Result run(List<String> command, Duration max, Duration grace, Supplier<SessionOpener> opener) {
        return serve(command, max, grace, opener,
                childEnv -> Invocation.current().runChild(new ChildSpec(command, childEnv, max, grace), notices));
    }

    /**
     * Opens the session and its endpoint, hands the environment that points at it to {@code body}
     * (which runs a child, or prints it for {@code serve}), and closes both when the body returns.
     */
    public Result serve(List<String> command, Duration max, Duration grace, Supplier<SessionOpener> opener,
            java.util.function.Function<Map<String, String>, ChildOutcome> body) {
        Instant now = Instant.now();
        // Made before the session exists, so it reads every line that could revoke it.
        BooleanSupplier revoked = new Revocations(store, audit).watch(plan.sessionId());
        UpstreamSide up = upstream(opener);
        try {
            return serve(up, command, max, grace, revoked, now, body);
        } finally {
            up.close();
        }
    }

    private Result serve(UpstreamSide up, List<String> command, Duration max, Duration grace, BooleanSupplier revoked,
            Instant now, java.util.function.Function<Map<String, String>, ChildOutcome> body) {
        IssuedCredentials local = LocalCredentials.mint(now.plus(max).plus(grace));
        audit.guard().protect(local.credentials().secretAccessKey());
        local.credentials().sessionToken().ifPresent(audit.guard()::protect);
        SessionRecord record = up.record().orElseGet(() -> start(up.principalArn(), local, now, command));
        EnforcedSession session = session(up, local, revoked);
        RunAuthority authority = RunAuthority.create(plan.sessionId(), max.plus(grace).plus(Duration.ofHours(1)));
        TlsTerminator tls = TlsTerminator.create(authority);
        try (CaBundle ca = authority.writeCaBundle(privateDir());
                CallAuditor auditor = new CallAuditor(audit, notices);
                ProxyServer server = ProxyServer.start(new EnforcingGate(session, auditor, Clock.systemUTC()),
                        tls::acceptTunnel, ProxyServer.Settings.defaults(MAX_EXCHANGES), ProxyServer::isAwsHost,
                        ProxyServer.relayDestinations(options.relayPrivateNetworks()))) {
            notices.accept("enforcing session " + plan.sessionId() + " at 127.0.0.1:" + server.port() + " (upstream "
                    + options.upstream().map(Object::toString).orElse("AWS") + "); revoke with: airlock sessions revoke "
                    + plan.sessionId());
            Map<String, String> childEnv = EndpointEnvironment.apply(ChildEnvironment.build(env,
                    new CredentialDelivery.Static(asSession(local)), plan.region(), plan.sessionId()), server.port(), ca.path());
            return new Result(body.apply(childEnv), record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the enforcing endpoint: " + e.getMessage(), e);
        }
    }

    public record Result(ChildOutcome outcome, SessionRecord record) {}

    private UpstreamSide upstream(Supplier<SessionOpener> opener) {
        if (options.upstream().isEmpty()) {
            SessionOpener sts = opener.get();
            SessionOpener.Opened opened;
            try {
                opened = sts.open(plan);
            } catch (RuntimeException e) {
                sts.close();
                throw e;
            }
            CredentialRefresher refresher = new CredentialRefresher(opened.role(), () -> sts.reassume(plan), role ->
                    audit.append("session.refresh", Optional.of(plan.sessionId()), Map.of(
                            "keyId", role.credentials().accessKeyId(), "expires", role.credentials().expiration())),
                    notices, Clock.systemUTC());
            return new UpstreamSide(new Upstream.Aws(from(refresher)), opened.role().assumedRoleArn(),
                    Optional.of(refresher), Optional.of(opened.record()), Optional.of(sts));
        }
        Optional<String> source = plan.profile().source() instanceof CredentialSource.NamedProfile p
                ? Optional.of(p.name()) : Optional.empty();
        StaticCredentials base = new AwsClients(source, Region.of(plan.region()), Optional.empty()).resolveBase();
        audit.guard().protect(base.secretAccessKey());
        base.sessionToken().ifPresent(audit.guard()::protect);
        AwsCredentials creds = base.sessionToken()
                .map(t -> AwsCredentials.session(base.accessKeyId(), base.secretAccessKey(), t))
                .orElseGet(() -> AwsCredentials.permanent(base.accessKeyId(), base.secretAccessKey()));
        return new UpstreamSide(new Upstream.Fixed(options.upstream().get(), () -> creds), sessionArn(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** The ARN calls are attributed to when no STS session exists (an S3-compatible upstream). */
    private String sessionArn() {
        return sessionArn(plan);
    }

    /** The ARN a session of {@code plan} is evaluated as when no STS session exists. */
    public static String sessionArn(SessionPlan plan) {
        Arn role = Arn.parse(plan.spec().roleArn()).orElseThrow();
        String name = role.resource().substring(role.resource().lastIndexOf('/') + 1);
        return "arn:" + role.partition() + ":sts::" + role.account() + ":assumed-role/" + name + "/" + plan.spec().sessionName();
    }

    private EnforcedSession session(UpstreamSide up, IssuedCredentials local, BooleanSupplier revoked) {
        Arn principal = Arn.parse(up.principalArn()).orElseThrow();
        Policy policy;
        try {
            policy = Policy.parse("session policy", PolicyKind.IDENTITY, plan.policy().json());
        } catch (PolicyParseException e) {
            throw new IllegalStateException("Airlock built an invalid session policy: " + e.getMessage(), e);
        }
        Limits limits = new Limits(options.maxCalls().orElse(Long.MAX_VALUE), options.maxBytes().orElse(Long.MAX_VALUE));
        String id = plan.sessionId();
        return new EnforcedSession(id, local, policy, up.principalArn(), principal.account(), principal.partition(),
                up.upstream(), limits, revoked);
    }

    /**
     * The record and {@code session.start} of a session against an S3-compatible upstream, where no
     * STS session exists: no session ARN or AWS key is recorded, only the ARN calls are evaluated
     * as and the key Airlock minted for the client, each named for what it is.
     */
    private SessionRecord start(String principalArn, IssuedCredentials local, Instant now, List<String> command) {
        SessionRecord record = new SessionRecord(plan.sessionId(), plan.profile().name(), plan.spec().roleArn(),
                Optional.empty(), Optional.empty(), plan.actions(), plan.resources(),
                command, now, local.expiresAt(), Optional.empty(), OptionalInt.empty(), SessionStatus.ACTIVE);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("mode", "enforce");
        f.put("profile", plan.profile().name());
        f.put("role", plan.spec().roleArn());
        f.put("evaluatedAs", principalArn);
        f.put("localKeyId", local.credentials().accessKeyId());
        f.put("actions", plan.actions());
        f.put("resources", plan.resources());
        f.put("policy", plan.policy().json());
        f.put("upstream", options.upstream().map(Object::toString).orElse("aws"));
        f.put("expires", local.expiresAt());
        f.put("command", command);
        plan.parent().ifPresent(p -> f.put("parent", p));
        audit.append("session.start", Optional.of(plan.sessionId()), f);
        store.save(record);
        return record;
    }

    private Path privateDir() throws IOException {
        Path dir = AirlockPaths.dataDir(env).resolve("runs").resolve(plan.sessionId());
        Files.createDirectories(dir.getParent());
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }

    private static SessionCredentials asSession(IssuedCredentials local) {
        AwsCredentials c = local.credentials();
        return new SessionCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken().orElseThrow(), local.expiresAt());
    }

    public static Supplier<AwsCredentials> from(CredentialRefresher refresher) {
        return () -> {
            SessionCredentials c = refresher.current();
            return AwsCredentials.session(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        };
    }
}
