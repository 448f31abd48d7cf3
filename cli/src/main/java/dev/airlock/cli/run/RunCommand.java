package dev.airlock.cli.run;

import dev.airlock.lifecycle.UsageProblem;
import dev.airlock.lifecycle.SessionPlanner;
import dev.airlock.lifecycle.SessionOpener;
import dev.airlock.lifecycle.SessionPlan;
import dev.airlock.lifecycle.SessionEnd;
import dev.airlock.lifecycle.EnforcedRun;
import dev.airlock.lifecycle.RefusalAudit;
import dev.airlock.lifecycle.LiveCredentials;
import dev.airlock.cli.HelpText;
import dev.airlock.audit.AuditLog;
import dev.airlock.audit.SecretGuard;
import dev.airlock.cli.BadInputException;
import dev.airlock.lifecycle.Invocation;
import dev.airlock.lifecycle.Trace;
import dev.airlock.config.AirlockPaths;
import dev.airlock.config.Durations;
import dev.airlock.credentials.ContainerCredentialsServer;
import dev.airlock.credentials.CredentialRefresher;
import dev.airlock.run.ChildEnvironment;
import dev.airlock.run.ChildOutcome;
import dev.airlock.run.ChildSpec;
import dev.airlock.run.CredentialDelivery;
import dev.airlock.session.AssumedRole;
import dev.airlock.session.SessionStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code airlock run}: run a command with scoped, short-lived credentials it cannot see beyond. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run COMMAND with short-lived AWS credentials narrowed to --allow and --resource.",
            "The parent's AWS credentials never reach the command. Exit status: the command's own; "
                    + "124 when stopped at --max-duration; 127 command not found."},
        footer = {"%nExamples:", "  airlock run --profile dev --allow s3:GetObject,s3:ListBucket --resource 'arn:aws:s3:::acme-reports/*' -- aws s3 ls s3://acme-reports/",
            "  airlock run --aws-profile work --allow 'ecr:GetAuthorizationToken' --resource '*' -- ./build.sh",
            "  airlock run --enforce --max-calls 100 --allow s3:GetObject -- python agent.py",
            "  airlock run --dry-run --json --allow 'iam:PassRole,lambda:CreateFunction'",
            HelpText.SESSION_ENVIRONMENT})
public final class RunCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ScopeOptions scope = new ScopeOptions();

    @Option(names = "--max-duration", paramLabel = "DURATION", description = "stop the command after this long "
            + "(SIGTERM, then SIGKILL after --grace); default: the profile's, else 1h")
    Optional<String> maxDuration = Optional.empty();

    @Option(names = "--grace", paramLabel = "DURATION", description = "time between SIGTERM and SIGKILL (default 30s)")
    Optional<String> grace = Optional.empty();

    @Option(names = "--refresh", description = "serve credentials through the container-credentials endpoint and "
            + "renew them before they expire, so the command can outlive one session")
    boolean refresh;

    @Mixin
    EnforceOptions enforce = new EnforceOptions();

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command and its arguments, after --")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        if (!scope.dryRun) {
            requireCommandAfterDoubleDash();
        }
        Invocation invocation = Invocation.current();
        if (invocation.resident() && (refresh || enforce.enforce)) {
            // The client never sends these here; a guard in case its reading of the arguments and picocli's differ.
            throw new UsageProblem("--refresh and --enforce cannot run in the resident helper; set AIRLOCK_HELPER=off");
        }
        Map<String, String> env = invocation.env();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> notices = Notices.to(err);
        AuditLog audit = LiveCredentials.openAudit(env);
        Trace.mark("audit open");
        String mode = enforce.enforce ? "enforce" : "run";
        if (!enforce.enforce && (enforce.upstream.isPresent() || enforce.maxCalls.isPresent() || enforce.maxBytes.isPresent())) {
            throw new UsageProblem("--upstream, --max-calls and --max-bytes need --enforce");
        }
        SessionPlan plan = new RefusalAudit(audit, mode, command)
                .plan(() -> new SessionPlanner(env).plan(scope.request(), mode, command, Instant.now()));
        Notices.warnings(plan.policy(), notices);
        Duration max = duration("--max-duration", maxDuration, plan.profile().maxDuration());
        Duration graceTime = duration("--grace", grace, plan.profile().grace());
        if (scope.dryRun) {
            DryRun.print(plan, scope, spec.commandLine().getOut());
            return 0;
        }
        Trace.mark("planned");
        noteRedactedArguments(audit, notices);
        SessionStore store = new SessionStore(AirlockPaths.dataDir(env), audit.guard());
        if (enforce.enforce) {
            return runEnforced(plan, env, audit, store, notices, max, graceTime);
        }
        try (SessionOpener opener = SessionOpeners.create(plan, audit, store, notices, scope.mfaCode)) {
            SessionOpener.Opened opened = opener.open(plan);
            Trace.mark("session open");
            notices.accept("session " + plan.sessionId() + " as " + opened.role().assumedRoleArn() + ", expires "
                    + opened.role().credentials().expiration());
            ChildOutcome outcome = refresh
                    ? runRefreshing(opened, opener, env, max, graceTime, notices, audit, store)
                    : runOnce(opened, env, max, graceTime, notices);
            Trace.mark("child exited");
            SessionEnd.record(opened.record(), outcome, true, audit, store, notices);
            Trace.mark("recorded");
            return outcome.exitCode();
        }
    }

    private void requireCommandAfterDoubleDash() {
        List<String> raw = spec.commandLine().getParseResult().originalArgs();
        int dash = raw.indexOf("--");
        if (dash < 0 || command.isEmpty()) {
            throw new UsageProblem(dash < 0 && !command.isEmpty()
                    ? "put the command after --: airlock run [options] -- " + String.join(" ", command)
                    : "no command given: airlock run [options] -- COMMAND [ARGS...]");
        }
    }

    /** The command runs as given; what the log and the session record keep of it is said here. */
    private void noteRedactedArguments(AuditLog audit, Consumer<String> notices) {
        for (int i = 0; i < command.size(); i++) {
            SecretGuard.Redacted r = audit.guard().redact(command.get(i));
            if (!r.reasons().isEmpty()) {
                notices.accept("note: the command's argv[" + i + "] holds a secret (" + r.reasons().stream()
                        .map(SecretGuard.Reason::label).collect(Collectors.joining(", ")) + "); the command gets it "
                        + "as given, the audit log and the session record keep it as " + r.text());
            }
        }
    }

    private static Duration duration(String flag, Optional<String> text, Duration fallback) {
        try {
            return text.map(Durations::parse).orElse(fallback);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(flag + " " + e.getMessage(), "e.g. " + flag + " 30m");
        }
    }

    private ChildOutcome runOnce(SessionOpener.Opened opened, Map<String, String> env, Duration max, Duration grace,
            Consumer<String> notices) {
        Map<String, String> childEnv = ChildEnvironment.build(env, new CredentialDelivery.Static(opened.role().credentials()),
                opened.plan().region(), opened.plan().sessionId());
        return Invocation.current().runChild(new ChildSpec(command, childEnv, max, grace), notices);
    }

    private ChildOutcome runRefreshing(SessionOpener.Opened opened, SessionOpener opener, Map<String, String> env,
            Duration max, Duration grace, Consumer<String> notices, AuditLog audit, SessionStore store) {
        SessionPlan plan = opened.plan();
        Consumer<AssumedRole> onRefresh = role -> {
            store.save(store.find(plan.sessionId()).orElse(opened.record())
                    .renewed(role.credentials().expiration(), role.credentials().accessKeyId()));
            audit.append("session.refresh", Optional.of(plan.sessionId()), Map.of(
                    "keyId", role.credentials().accessKeyId(), "expires", role.credentials().expiration()));
        };
        try (CredentialRefresher refresher = new CredentialRefresher(opened.role(), () -> opener.reassume(plan), onRefresh,
                notices, Clock.systemUTC());
                ContainerCredentialsServer endpoint = ContainerCredentialsServer.start(refresher::current)) {
            Map<String, String> childEnv = ChildEnvironment.build(env,
                    new CredentialDelivery.ContainerEndpoint(endpoint.uri(), endpoint.authorizationToken()),
                    plan.region(), plan.sessionId());
            return Invocation.current().runChild(new ChildSpec(command, childEnv, max, grace), notices);
        }
    }

    private int runEnforced(SessionPlan plan, Map<String, String> env, AuditLog audit, SessionStore store,
            Consumer<String> notices, Duration max, Duration graceTime) {
        EnforcedRun.Result r = new EnforcedRun(plan, env, audit, store, notices, enforce.settings()).run(command, max,
                graceTime, () -> SessionOpeners.create(plan, audit, store, notices, scope.mfaCode));
        SessionEnd.record(r.record(), r.outcome(), true, audit, store, notices);
        return r.outcome().exitCode();
    }
}
