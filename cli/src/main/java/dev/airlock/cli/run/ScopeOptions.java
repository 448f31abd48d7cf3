package dev.airlock.cli.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that say what a session may do; shared by {@code run} and {@code credentials}. */
public final class ScopeOptions {

    @Option(names = "--profile", paramLabel = "NAME", description = "profile of the config file")
    Optional<String> profile = Optional.empty();

    @Option(names = "--aws-profile", paramLabel = "NAME", description = "take role_arn, source_profile, region, "
            + "mfa_serial, duration_seconds, role_session_name and external_id from this profile of ~/.aws/config "
            + "($AWS_CONFIG_FILE) instead of Airlock's config")
    Optional<String> awsProfile = Optional.empty();

    @Option(names = "--role", paramLabel = "ARN", description = "role to assume (overrides the profile's)")
    Optional<String> role = Optional.empty();

    @Option(names = "--allow", paramLabel = "ACTIONS", split = ",",
            description = "actions, comma-separated, wildcards allowed (e.g. s3:GetObject,s3:List*); a wildcard is "
                    + "written into the policy as given")
    List<String> allow = new ArrayList<>();

    @Option(names = "--resource", paramLabel = "ARN", description = "resource ARN or prefix (repeatable), e.g. "
            + "arn:aws:s3:::bucket/reports/*; '*' next to ARNs goes only with actions that take no resource ARN")
    List<String> resources = new ArrayList<>();

    @Option(names = "--ttl", paramLabel = "DURATION", description = "credential lifetime, 15m..12h (default 15m)")
    Optional<String> ttl = Optional.empty();

    @Option(names = "--region", paramLabel = "REGION", description = "region for STS and the command")
    Optional<String> region = Optional.empty();

    @Option(names = "--mfa-code", paramLabel = "CODE", description = "current code of the profile's MFA device "
            + "(prompted for when the profile has mfa_serial and this is absent)")
    Optional<String> mfaCode = Optional.empty();

    @Option(names = "--session-name", paramLabel = "NAME", description = "STS role session name")
    Optional<String> sessionName = Optional.empty();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "session tag (repeatable)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--dry-run", description = "print the session policy and the STS call; contact nothing")
    boolean dryRun;

    @Option(names = "--json", description = "with --dry-run: print one JSON document (region, AssumeRole "
            + "parameters, session policy, warnings)")
    boolean json;

    @Option(names = "--nested", description = "allow opening a session inside another Airlock session "
            + "(AIRLOCK_SESSION_ID set); its credentials then come from the outer session, which is recorded as parent")
    boolean nested;

    /** What these options ask for (the MFA code and the output flags are not part of the request). */
    public dev.airlock.lifecycle.SessionRequest request() {
        return new dev.airlock.lifecycle.SessionRequest(profile, awsProfile, role, allow, resources, ttl, region,
                sessionName, tags, nested, Optional.empty());
    }
}
