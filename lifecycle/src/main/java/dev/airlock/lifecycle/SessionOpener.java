package dev.airlock.lifecycle;

import dev.airlock.audit.AuditLog;
import dev.airlock.catalog.ActionCatalog;
import dev.airlock.lifecycle.Trace;
import dev.airlock.config.AirlockPaths;
import dev.airlock.config.CredentialSource;
import dev.airlock.config.Durations;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicyParseException;
import dev.airlock.session.AssumeRoleSpec;
import dev.airlock.session.AssumedRole;
import dev.airlock.session.CachingRoleInspector;
import dev.airlock.session.RoleCoverage;
import dev.airlock.session.RoleDetails;
import dev.airlock.session.RoleInspectionException;
import dev.airlock.session.RoleInspector;
import dev.airlock.session.ScopeException;
import dev.airlock.session.SessionRecord;
import dev.airlock.session.SessionStatus;
import dev.airlock.session.SessionStore;
import dev.airlock.session.SnapshotRoleInspector;
import dev.airlock.session.StsException;
import dev.airlock.sts.AwsClients;
import dev.airlock.sts.IamRoleInspector;
import dev.airlock.sts.SdkRoleAssumer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import software.amazon.awssdk.regions.Region;

/**
 * Opens a planned session: checks the role can grant what was asked, asks for the MFA code,
 * calls STS, and records the session and its audit event. Every refusal is audited too.
 */
public final class SessionOpener implements AutoCloseable {

    /** AWS caps role-chained sessions (base credentials that are themselves a role session) at 1 hour. */
    private static final Duration FALLBACK_MAX = Duration.ofHours(1);

    private final AuditLog audit;
    private final SessionStore store;
    private final Consumer<String> notices;
    // Building an SDK client costs hundreds of milliseconds of class loading and set-up: the STS
    // client is built, and the role read from IAM, on other threads while this one plans and asks for MFA.
    private final CompletableFuture<SdkRoleAssumer> assumer;
    private final AwsClients clients;
    private final Optional<String> mfaCode;
    // When an MFA session is the base credentials: the STS client signing with it, and "held" or "new".
    private Optional<SdkRoleAssumer> mfaAssumer = Optional.empty();
    private Optional<String> mfaSession = Optional.empty();

    public SessionOpener(SessionPlan plan, AuditLog audit, SessionStore store, Consumer<String> notices, Optional<String> mfaCode) {
        this.audit = audit;
        this.store = store;
        this.notices = notices;
        this.mfaCode = mfaCode;
        Optional<String> sourceProfile = plan.profile().source() instanceof CredentialSource.NamedProfile p
                ? Optional.of(p.name()) : Optional.empty();
        this.clients = new AwsClients(sourceProfile, Region.of(plan.region()), plan.profile().stsEndpoint(),
                StsTimeouts.from(Invocation.current().env()));
        this.assumer = CompletableFuture.supplyAsync(() -> new SdkRoleAssumer(clients));
    }

    /** Opens the session; the returned plan carries the duration actually granted. */
    public Opened open(SessionPlan plan) {
        // Taken here: the task runs on a pooled thread, which has no invocation of its own.
        Path dataDir = AirlockPaths.dataDir(Invocation.current().env());
        CompletableFuture<Inspection> inspection = CompletableFuture.supplyAsync(() -> inspect(plan, dataDir));
        CompletableFuture<Optional<RoleDetails>> details = inspection.thenApply(Inspection::details);
        try {
            SessionPlan withMfa = plan.withSpec(withMfa(plan));
            AssumedRole role = assume(withMfa, details);
            protect(role);
            Trace.mark("assumed");
            // Said only once STS answered: when it did not, its one-line error says why, once.
            inspection.join().skipped().ifPresent(why -> skippedRoleCheck(plan, dataDir, why));
            details.join().ifPresent(d -> reportGaps(plan, d));
            Trace.mark("role checked");
            SessionRecord record = new SessionRecord(plan.sessionId(), plan.profile().name(), plan.spec().roleArn(),
                    Optional.of(role.assumedRoleArn()), Optional.of(role.credentials().accessKeyId()), plan.actions(),
                    plan.resources(), plan.command(), Instant.now(), role.credentials().expiration(), Optional.empty(),
                    OptionalInt.empty(), plan.mode().equals("credentials") ? SessionStatus.ISSUED : SessionStatus.ACTIVE);
            // The audit line first: if it is refused, no session record is left claiming to be active.
            audit.append("session.start", Optional.of(plan.sessionId()), startFields(withMfa, role));
            store.save(record);
            return new Opened(withMfa, role, record);
        } catch (ScopeException | StsException e) {
            refused(plan, e);
            throw e;
        }
    }

    /** The session's credentials, renewed with the same request (for --refresh). */
    public AssumedRole reassume(SessionPlan plan) {
        AssumeRoleSpec spec = plan.spec();
        if (spec.mfa().isPresent()) {
            // An MFA code is single-use; a refresh re-uses the MFA-authenticated session's own trust.
            spec = new AssumeRoleSpec(spec.roleArn(), spec.sessionName(), spec.policyJson(), spec.duration(),
                    spec.sourceIdentity(), spec.tags(), Optional.empty(), spec.externalId());
        }
        AssumedRole role = assumer().assume(spec);
        protect(role);
        return role;
    }

    /** Before anything that might hold them (an error, the refresh event) is written. */
    private void protect(AssumedRole role) {
        audit.guard().protect(role.credentials().secretAccessKey(), role.credentials().sessionToken());
    }

    /** The client AssumeRole goes through: the MFA session's when there is one, else the base credentials'. */
    private SdkRoleAssumer assumer() {
        return mfaAssumer.orElseGet(this::sts);
    }

    private SdkRoleAssumer sts() {
        try {
            return assumer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The role as IAM or a snapshot shows it, or why it could not be read. */
    private record Inspection(Optional<RoleDetails> details, Optional<String> skipped) {}

    /**
     * Reading the role needs iam:GetRole and friends, which many base identities lack: a lasting
     * condition, so it is said once per profile (again only when the reason changes), not on every run.
     */
    private void skippedRoleCheck(SessionPlan plan, Path dataDir, String why) {
        if (OnceNotices.first(dataDir, "role-check-skipped", plan.profile().name(), why)) {
            notices.accept("skipping the role check: " + why + " (said once for profile '" + plan.profile().name()
                    + "'; the session is still limited by its policy)");
        }
    }

    private Inspection inspect(SessionPlan plan, Path dataDir) {
        RoleInspector iam = arn -> {
            try (IamRoleInspector live = new IamRoleInspector(
                    clients.withEndpoint(Optional.empty()))) {
                return live.inspect(arn);
            }
        };
        RoleInspector inspector = plan.profile().rolePoliciesFile().<RoleInspector>map(SnapshotRoleInspector::new)
                .orElseGet(() -> new CachingRoleInspector(iam, dataDir,
                        CachingRoleInspector.DEFAULT_TTL, java.time.Clock.systemUTC()));
        try {
            return new Inspection(Optional.of(inspector.inspect(plan.spec().roleArn())), Optional.empty());
        } catch (RoleInspectionException e) {
            return new Inspection(Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private void reportGaps(SessionPlan plan, RoleDetails details) {
        Policy session;
        try {
            session = Policy.parse("session", PolicyKind.SESSION, plan.policy().json());
        } catch (PolicyParseException e) {
            throw new IllegalStateException("Airlock built an invalid session policy: " + e.getMessage(), e);
        }
        List<RoleCoverage.Gap> gaps = RoleCoverage.gaps(ActionCatalog.builtIn(), details, plan.policy(), session);
        gaps.stream().limit(10).forEach(g -> notices.accept("warning: the role cannot grant " + g));
        if (gaps.size() > 10) {
            notices.accept("warning: ... and " + (gaps.size() - 10) + " more actions the role cannot grant");
        }
    }

    /**
     * For a profile with {@code mfa_serial}. In the resident helper, the MFA session it holds for
     * these base credentials and device is the base (no code needed), else a code is asked for and
     * made into one (GetSessionToken) that later sessions reuse. Without a helper, or when the base
     * credentials are temporary themselves (STS gives MFA sessions only to long-term keys), the
     * code goes with the AssumeRole call.
     */
    private AssumeRoleSpec withMfa(SessionPlan plan) {
        Optional<String> serial = plan.profile().mfaSerial();
        if (serial.isEmpty()) {
            return plan.spec();
        }
        boolean resident = Invocation.current().resident();
        MfaSessions.Key key = new MfaSessions.Key(plan.profile().source(), serial.get());
        Optional<dev.airlock.session.SessionCredentials> held = resident ? MfaSessions.valid(key, Instant.now())
                : Optional.empty();
        if (held.isPresent()) {
            useMfaSession(held.get(), "held");
            return plan.spec();
        }
        String code = MfaCodes.obtain(mfaCode, plan.profile(), serial.get());
        if (resident) {
            try {
                dev.airlock.session.SessionCredentials fresh = sts().sessionToken(serial.get(), code, MfaSessions.DEFAULT_LIFE);
                audit.guard().protect(fresh.secretAccessKey(), fresh.sessionToken());
                MfaSessions.hold(key, fresh);
                MfaCodes.audit(audit, plan.profile(), serial.get(), fresh, "run");
                useMfaSession(fresh, "new");
                return plan.spec();
            } catch (StsException e) {
                if (!MfaCodes.temporaryBase(e)) {
                    throw e;
                }
            }
        }
        AssumeRoleSpec s = plan.spec();
        return new AssumeRoleSpec(s.roleArn(), s.sessionName(), s.policyJson(), s.duration(), s.sourceIdentity(),
                s.tags(), Optional.of(new AssumeRoleSpec.Mfa(serial.get(), code)), s.externalId());
    }

    private void useMfaSession(dev.airlock.session.SessionCredentials base, String how) {
        audit.guard().protect(base.secretAccessKey(), base.sessionToken());
        mfaAssumer = Optional.of(new SdkRoleAssumer(clients.withCredentials(base)));
        mfaSession = Optional.of(how);
    }

    /**
     * Asks for the requested duration; when STS says it exceeds the role's maximum, clamps to that
     * maximum (read from the role, else 1 hour, the cap for role chaining) and says so.
     */
    private AssumedRole assume(SessionPlan plan, CompletableFuture<Optional<RoleDetails>> details) {
        try {
            return assumer().assume(plan.spec());
        } catch (StsException e) {
            Duration asked = plan.spec().duration();
            Duration max = details.join().flatMap(RoleDetails::maxSessionDuration).orElse(FALLBACK_MAX);
            if (e.kind() != StsException.Kind.DURATION_TOO_LONG || asked.compareTo(max) <= 0) {
                throw e;
            }
            notices.accept("--ttl " + Durations.format(asked) + " clamped to " + Durations.format(max)
                    + ", the role's maximum session duration");
            return assumer().assume(plan.spec().withDuration(max));
        }
    }

    private Map<String, Object> startFields(SessionPlan plan, AssumedRole role) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("mode", plan.mode());
        f.put("profile", plan.profile().name());
        f.put("role", plan.spec().roleArn());
        f.put("assumedRole", role.assumedRoleArn());
        f.put("keyId", role.credentials().accessKeyId());
        f.put("actions", plan.actions());
        f.put("resources", plan.resources());
        f.put("policy", plan.policy().json());
        if (!plan.policy().warnings().isEmpty()) {
            f.put("warnings", plan.policy().warnings());
        }
        f.put("durationSeconds", plan.spec().duration().toSeconds());
        f.put("expires", role.credentials().expiration());
        f.put("mfa", plan.spec().mfa().isPresent() || mfaSession.isPresent());
        mfaSession.ifPresent(how -> f.put("mfaSession", how));
        f.put("command", plan.command());
        plan.parent().ifPresent(p -> f.put("parent", p));
        // Which process minted the credentials: this one, or the resident helper on the user's behalf.
        f.put("openedBy", Invocation.current().resident() ? "helper" : "cli");
        return f;
    }

    private void refused(SessionPlan plan, RuntimeException e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("mode", plan.mode());
        f.put("profile", plan.profile().name());
        f.put("role", plan.spec().roleArn());
        f.put("actions", plan.actions());
        f.put("resources", plan.resources());
        f.put("reason", e.getMessage());
        f.put("command", plan.command());
        audit.append("session.refused", Optional.of(plan.sessionId()), f);
    }

    @Override
    public void close() {
        mfaAssumer.ifPresent(SdkRoleAssumer::close);
        assumer.thenAccept(SdkRoleAssumer::close).whenComplete((v, e) -> clients.close());
    }

    /** An open session. */
    public record Opened(SessionPlan plan, AssumedRole role, SessionRecord record) {}
}
