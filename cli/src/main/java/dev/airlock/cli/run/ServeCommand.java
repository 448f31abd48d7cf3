package dev.airlock.cli.run;

import dev.airlock.lifecycle.UsageProblem;
import dev.airlock.lifecycle.SessionPlanner;
import dev.airlock.lifecycle.SessionPlan;
import dev.airlock.lifecycle.SessionEnd;
import dev.airlock.lifecycle.EnforcedRun;
import dev.airlock.lifecycle.EndpointEnvironment;
import dev.airlock.lifecycle.RefusalAudit;
import dev.airlock.lifecycle.LiveCredentials;
import dev.airlock.cli.HelpText;
import dev.airlock.audit.AuditLog;
import dev.airlock.cli.BadInputException;
import dev.airlock.lifecycle.Invocation;
import dev.airlock.config.AirlockPaths;
import dev.airlock.config.Durations;
import dev.airlock.run.ChildOutcome;
import dev.airlock.session.SessionStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code airlock serve --enforce}: the enforcing endpoint for long-lived use. Prints the shell
 * variables that point AWS clients at it (for {@code eval}), then serves until SIGINT or SIGTERM
 * or {@code --max-duration}, and ends the session.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve an enforced session's endpoint until interrupted; prints the environment for its clients.",
            "Run it in one terminal (or in the background with its output in a file) and source the printed lines "
                    + "where the agent runs."},
        footer = {"%nExamples:", "  eval \"$(airlock serve --enforce --profile dev --allow s3:GetObject &)\"",
            "  airlock serve --enforce --allow s3:ListBucket --format dotenv > agent.env",
            "  airlock serve --enforce --allow s3:ListBucket --format fish | source",
            HelpText.SESSION_ENVIRONMENT})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ScopeOptions scope = new ScopeOptions();

    @Mixin
    EnforceOptions enforce = new EnforceOptions();

    @Option(names = "--max-duration", paramLabel = "DURATION", description = "stop serving after this long "
            + "(default: the profile's, else 1h)")
    Optional<String> maxDuration = Optional.empty();

    @Option(names = "--format", paramLabel = "FORMAT", description = "how the environment is printed: sh "
            + "(default; eval in bash, zsh, dash), fish, json (one object) or dotenv (KEY=VALUE lines)")
    String format = "sh";


    @Override
    public Integer call() {
        if (!enforce.enforce) {
            throw new UsageProblem("serve needs --enforce (the endpoint is what it serves)");
        }
        ExportFormat.of(format); // refused before anything is opened
        Map<String, String> env = Invocation.current().env();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> notices = Notices.to(err);
        AuditLog audit = LiveCredentials.openAudit(env);
        SessionPlan plan = new RefusalAudit(audit, "serve", List.of())
                .plan(() -> new SessionPlanner(env).plan(scope.request(), "enforce", List.of(), Instant.now()));
        Notices.warnings(plan.policy(), notices);
        if (scope.dryRun) {
            DryRun.print(plan, scope, out);
            return 0;
        }
        Duration max;
        try {
            max = maxDuration.map(Durations::parse).orElse(plan.profile().maxDuration());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--max-duration " + e.getMessage(), "e.g. --max-duration 8h");
        }
        SessionStore store = new SessionStore(AirlockPaths.dataDir(env), audit.guard());
        EnforcedRun.Result r = new EnforcedRun(plan, env, audit, store, notices, enforce.settings()).serve(List.of(), max,
                Duration.ZERO, () -> SessionOpeners.create(plan, audit, store, notices, scope.mfaCode), childEnv -> {
                    // Handlers first: a client may act on the printed lines at once, and so may a signal.
                    CountDownLatch stop = stopOnSignal();
                    ExportFormat.of(format).print(EndpointEnvironment.CLIENT_VARIABLES, childEnv, out);
                    return awaitStop(stop, max, notices);
                });
        SessionEnd.record(r.record(), r.outcome(), false, audit, store, notices);
        return 0;
    }

    private static CountDownLatch stopOnSignal() {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), s -> stop.countDown());
            } catch (IllegalArgumentException e) {
                // not catchable here; the default action stops the process
            }
        }
        return stop;
    }

    private static ChildOutcome awaitStop(CountDownLatch stop, Duration max, Consumer<String> notices) {
        try {
            if (!stop.await(max.toMillis(), TimeUnit.MILLISECONDS)) {
                notices.accept("--max-duration " + Durations.format(max) + " reached; the endpoint stops");
                return new ChildOutcome.TimedOut(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notices.accept("stopping the endpoint");
        return new ChildOutcome.Exited(0);
    }
}
