package dev.airlock.cli.run;

import dev.airlock.lifecycle.SessionPlanner;
import dev.airlock.lifecycle.SessionOpener;
import dev.airlock.lifecycle.SessionPlan;
import dev.airlock.lifecycle.RefusalAudit;
import dev.airlock.lifecycle.LiveCredentials;
import dev.airlock.lifecycle.IssuedSessions;
import dev.airlock.cli.HelpText;
import dev.airlock.audit.AuditLog;
import dev.airlock.lifecycle.Invocation;
import dev.airlock.config.AirlockPaths;
import dev.airlock.credentials.CredentialProcessOutput;
import dev.airlock.session.Revocations;
import dev.airlock.session.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code airlock credentials}: print scoped credentials as {@code credential_process} JSON, so
 * {@code ~/.aws/config} can use Airlock with no wrapper:
 * {@code credential_process = airlock credentials --profile dev --allow s3:GetObject}.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = {"Print scoped short-lived credentials as credential_process JSON (Version 1).",
            "Use in ~/.aws/config: credential_process = airlock credentials --profile P --allow ACTIONS"},
        footer = {"%nExamples (in ~/.aws/config):", "  [profile agent]",
            "  credential_process = airlock credentials --profile dev --allow s3:GetObject --resource arn:aws:s3:::acme-reports/*",
            "%nThe resident helper hands out the same session per exact scope while 5+ minutes remain;"
                    + " an MFA profile needs 'airlock login' first.",
            HelpText.SESSION_ENVIRONMENT})
public final class CredentialsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ScopeOptions scope = new ScopeOptions();

    @Override
    public Integer call() {
        Map<String, String> env = Invocation.current().env();
        AuditLog audit = LiveCredentials.openAudit(env);
        SessionPlan plan = new RefusalAudit(audit, "credentials", List.of())
                .plan(() -> new SessionPlanner(env).plan(scope.request(), "credentials", List.of(), Instant.now()));
        // stdout is read by the AWS CLI/SDK as JSON: every notice goes to stderr.
        Consumer<String> notices = Notices.to(spec.commandLine().getErr());
        Notices.warnings(plan.policy(), notices);
        if (scope.dryRun) {
            DryRun.print(plan, scope, spec.commandLine().getOut());
            return 0;
        }
        SessionStore store = new SessionStore(AirlockPaths.dataDir(env), audit.guard());
        Revocations revocations = new Revocations(store, audit);
        IssuedSessions.Lookup got = IssuedSessions.get(IssuedSessions.Scope.of(plan), Instant.now(),
                revocations::isRevoked, () -> open(plan, audit, store, notices));
        if (got.reused()) {
            audit.guard().protect(got.issued().credentials().secretAccessKey(), got.issued().credentials().sessionToken());
            audit.append("session.reused", Optional.of(got.issued().sessionId()), Map.of("mode", "credentials",
                    "keyId", got.issued().credentials().accessKeyId(),
                    "expires", got.issued().credentials().expiration().toString(),
                    "openedBy", Invocation.current().resident() ? "helper" : "cli"));
        }
        spec.commandLine().getOut().println(CredentialProcessOutput.json(got.issued().credentials()));
        return 0;
    }

    private IssuedSessions.Issued open(SessionPlan plan, AuditLog audit, SessionStore store, Consumer<String> notices) {
        try (SessionOpener opener = SessionOpeners.create(plan, audit, store, notices, scope.mfaCode)) {
            SessionOpener.Opened opened = opener.open(plan);
            return new IssuedSessions.Issued(opened.record().id(), opened.role().credentials(),
                    opened.plan().spec().mfa().isPresent());
        }
    }
}
