package dev.airlock.cli.run;

import dev.airlock.lifecycle.SessionRequest;
import dev.airlock.lifecycle.UsageProblem;
import dev.airlock.lifecycle.SessionPlanner;
import dev.airlock.lifecycle.LiveCredentials;
import dev.airlock.lifecycle.MfaSessions;
import dev.airlock.lifecycle.MfaCodes;
import dev.airlock.lifecycle.StsTimeouts;
import dev.airlock.lifecycle.AwsProfiles;
import dev.airlock.audit.AuditLog;
import dev.airlock.cli.BadInputException;
import dev.airlock.lifecycle.Invocation;
import dev.airlock.config.CredentialSource;
import dev.airlock.config.Durations;
import dev.airlock.config.Profile;
import dev.airlock.session.SessionCredentials;
import dev.airlock.sts.AwsClients;
import dev.airlock.sts.SdkRoleAssumer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/**
 * {@code airlock login}: one MFA code now, an MFA session in the resident helper, and no code for
 * the sessions opened from it until it expires; the way to use an MFA-protected profile as a
 * {@code credential_process}, which has no terminal to ask on.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Enter an MFA code once: the resident helper holds the MFA session (sts:GetSessionToken) "
                + "for the profile's base credentials and device, and sessions opened from them need no code "
                + "until it expires.",
            "Held in the helper's memory only, never on disk; 'airlock helper stop' forgets it."},
        footer = {"%nExamples:", "  airlock login --profile dev", "  airlock login --aws-profile work --mfa-code 123456 --duration 12h",
            "%nEnvironment: AIRLOCK_HELPER=off leaves no helper to hold the session, so login is refused."})
public final class LoginCommand implements Callable<Integer> {

    private static final Duration MIN = Duration.ofMinutes(15);
    private static final Duration MAX = Duration.ofHours(36);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME", description = "profile of the config file")
    Optional<String> profile = Optional.empty();

    @Option(names = "--aws-profile", paramLabel = "NAME", description = "profile of ~/.aws/config instead")
    Optional<String> awsProfile = Optional.empty();

    @Option(names = "--region", paramLabel = "REGION", description = "region for STS")
    Optional<String> region = Optional.empty();

    @Option(names = "--mfa-code", paramLabel = "CODE", description = "the code your device shows now (asked for when absent)")
    Optional<String> mfaCode = Optional.empty();

    @Option(names = "--duration", paramLabel = "DURATION", description = "how long the MFA session lasts, 15m..36h "
            + "(default 8h)")
    Optional<String> duration = Optional.empty();

    @Override
    public Integer call() {
        Invocation invocation = Invocation.current();
        if (!invocation.resident()) {
            throw new UsageProblem("airlock login keeps the MFA session in the resident helper, and no helper serves "
                    + "this environment (AIRLOCK_HELPER=off, or a relative HOME/AIRLOCK_HOME/XDG_* path); without one "
                    + "each run asks for its own code (--mfa-code)");
        }
        Duration life = life();
        SessionRequest o = new SessionRequest(profile, awsProfile, Optional.empty(), List.of(), List.of(),
                Optional.empty(), region, Optional.empty(), List.of(), false, Optional.empty());
        SessionPlanner planner = new SessionPlanner(invocation.env());
        Profile p = planner.profile(o);
        String serial = p.mfaSerial().orElseThrow(() -> new UsageProblem(AwsProfiles.describe(p)
                + " has no mfa_serial: its sessions need no MFA code, so there is nothing to log in to"));
        String code = MfaCodes.obtain(mfaCode, p, serial);
        Optional<String> source = p.source() instanceof CredentialSource.NamedProfile n ? Optional.of(n.name())
                : Optional.empty();
        AwsClients clients = new AwsClients(source, Region.of(planner.region(o, p)), p.stsEndpoint(),
                StsTimeouts.from(invocation.env()));
        AuditLog audit = LiveCredentials.openAudit(invocation.env());
        SessionCredentials c;
        try (SdkRoleAssumer sts = new SdkRoleAssumer(clients)) {
            c = sts.sessionToken(serial, code, life);
        } finally {
            clients.close();
        }
        audit.guard().protect(c.secretAccessKey(), c.sessionToken());
        MfaSessions.hold(new MfaSessions.Key(p.source(), serial), c);
        MfaCodes.audit(audit, p, serial, c, "login");
        spec.commandLine().getOut().println("MFA session for " + AwsProfiles.describe(p) + " (" + serial
                + ") held by the helper until " + c.expiration() + "; sessions from it need no code until then");
        return 0;
    }

    private Duration life() {
        Duration d;
        try {
            d = duration.map(Durations::parse).orElse(MfaSessions.DEFAULT_LIFE);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--duration " + e.getMessage(), "e.g. --duration 8h");
        }
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new BadInputException("--duration " + Durations.format(d) + " is outside what STS gives an MFA "
                    + "session (15m to 36h)", "e.g. --duration 8h");
        }
        return d;
    }
}
