package dev.airlock.lifecycle;

import dev.airlock.catalog.ActionCatalog;
import dev.airlock.config.AirlockConfig;
import dev.airlock.config.AirlockPaths;
import dev.airlock.config.ConfigException;
import dev.airlock.config.ConfigLoader;
import dev.airlock.config.Durations;
import dev.airlock.config.Profile;
import dev.airlock.session.AssumeRoleSpec;
import dev.airlock.session.ScopeException;
import dev.airlock.session.SessionIds;
import dev.airlock.session.SessionPolicy;
import dev.airlock.session.SessionPolicyBuilder;
import dev.airlock.sts.AwsConfigFile;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns options, profile and environment into a {@link SessionPlan}; contacts nothing. */
public final class SessionPlanner {

    public static final Duration STS_MIN = Duration.ofMinutes(15);
    public static final Duration STS_MAX = Duration.ofHours(12);

    private final Map<String, String> env;
    private AwsConfigFile awsConfig; // read once, and only when needed

    public SessionPlanner(Map<String, String> env) {
        this.env = env;
    }

    public SessionPlan plan(SessionRequest o, String mode, List<String> command, Instant now) {
        Optional<String> parent = parent(o);
        Profile profile = profile(o);
        dev.airlock.lifecycle.Trace.mark("profile loaded");
        List<String> actions = o.allow().isEmpty() ? profile.allow() : o.allow();
        List<String> resources = o.resources().isEmpty() ? profile.resources() : o.resources();
        if (actions.isEmpty()) {
            throw new ScopeException("no actions requested and profile '" + profile.name() + "' has no allow list",
                    "pass --allow ACTIONS, e.g. --allow s3:GetObject,s3:ListBucket");
        }
        ActionCatalog catalog = ActionCatalog.builtIn();
        dev.airlock.lifecycle.Trace.mark("catalog loaded");
        SessionPolicy policy = new SessionPolicyBuilder(catalog).build(actions, resources);
        dev.airlock.lifecycle.Trace.mark("policy built");
        String id = SessionIds.next(now);
        Duration ttl = ttl(o, profile);
        AssumeRoleSpec spec = new AssumeRoleSpec(o.role().orElse(profile.roleArn()),
                o.sessionName().or(profile::sessionName).orElse("airlock-" + id), policy.json(), ttl,
                Optional.of(sourceIdentity()), tags(profile, o, id), Optional.empty(), profile.externalId());
        return new SessionPlan(id, mode, profile, region(o, profile), actions, resources, policy, spec, command,
                parent);
    }

    /**
     * Inside an Airlock session the only AWS credentials around are that session's: a nested
     * session would role-chain from them (or fail oddly), so it is refused unless asked for.
     */
    private Optional<String> parent(SessionRequest o) {
        if (o.parent().isPresent()) {
            return o.parent();
        }
        Optional<String> outer = Optional.ofNullable(env.get("AIRLOCK_SESSION_ID")).filter(s -> !s.isBlank());
        if (outer.isPresent() && !o.nested()) {
            throw new UsageProblem("this runs inside Airlock session " + outer.get() + " (AIRLOCK_SESSION_ID is set), "
                    + "whose scoped credentials a nested session would be opened from; pass --nested to do that "
                    + "deliberately, or run airlock outside the session");
        }
        return outer;
    }

    public Profile profile(SessionRequest o) {
        if (o.awsProfile().isPresent()) {
            if (o.profile().isPresent()) {
                throw new UsageProblem("give --profile (Airlock's config) or --aws-profile (~/.aws/config), not both");
            }
            return AwsProfiles.toProfile(awsConfig().profile(o.awsProfile().get()), o.role());
        }
        Optional<AirlockConfig> config = ConfigLoader.loadIfPresent(env);
        if (o.profile().isPresent()) {
            AirlockConfig c = config.orElseThrow(() -> new ConfigException(AirlockPaths.defaultConfigTarget(env),
                    "no config file, so there is no profile '" + o.profile().get() + "'",
                    "create one with: airlock init (then edit it), or pass --role ARN instead of --profile"));
            return c.profile(o.profile());
        }
        if (config.isPresent() && config.get().effectiveDefault().isPresent()) {
            return config.get().profile(Optional.empty());
        }
        if (o.role().isPresent()) {
            return Profile.of("(command line)", o.role().get());
        }
        if (config.isPresent()) {
            return config.get().profile(Optional.empty());
        }
        throw new ConfigException(AirlockPaths.defaultConfigTarget(env), "no config file and no --role",
                "pass --role arn:aws:iam::ACCOUNT:role/NAME, or create a profile with: airlock init");
    }

    private static Duration ttl(SessionRequest o, Profile profile) {
        Duration ttl;
        try {
            ttl = o.ttl().map(Durations::parse).orElse(profile.ttl());
        } catch (IllegalArgumentException e) {
            throw new ScopeException("--ttl " + e.getMessage(), "STS sessions last from 15m to 12h");
        }
        if (ttl.compareTo(STS_MIN) < 0 || ttl.compareTo(STS_MAX) > 0) {
            throw new ScopeException("--ttl " + Durations.format(ttl) + " is outside what STS issues (15m to 12h)",
                    ttl.compareTo(STS_MIN) < 0
                            ? "use --ttl 15m and --max-duration " + Durations.format(ttl) + " to stop the command sooner"
                            : "use at most --ttl 12h; with --refresh a command can outlive its credentials");
        }
        return ttl;
    }

    public String region(SessionRequest o, Profile profile) {
        return Regions.choose(o.region(), profile, env, this::awsConfig);
    }

    private AwsConfigFile awsConfig() {
        if (awsConfig == null) {
            awsConfig = AwsConfigFile.load(env);
        }
        return awsConfig;
    }

    /** The session tag naming the Airlock session, for CloudTrail. */
    public static final String SESSION_TAG = "airlock-session";

    private static Map<String, String> tags(Profile profile, SessionRequest o, String id) {
        Map<String, String> tags = new LinkedHashMap<>(profile.tags());
        for (String pair : o.tags()) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ScopeException("--tag \"" + pair + "\" is not KEY=VALUE", "e.g. --tag ticket=OPS-123");
            }
            tags.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        tags.put(SESSION_TAG, id);
        if (tags.size() > 50) {
            throw new ScopeException(tags.size() + " session tags; STS accepts at most 50", "drop some --tag options");
        }
        return tags;
    }

    /** Who is behind the session, carried by STS into CloudTrail even across role chaining. */
    private static String sourceIdentity() {
        String user = System.getProperty("user.name", "unknown").replaceAll("[^\\w+=,.@-]", "_");
        String id = "airlock." + user.toLowerCase(Locale.ROOT);
        return id.length() > 64 ? id.substring(0, 64) : id;
    }
}
