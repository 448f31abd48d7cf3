package dev.airlock.config;

/** The commented config file {@code airlock init} writes. It loads as is (a test makes sure). */
public final class StarterConfig {

    /** The one profile the starter defines. */
    public static final String EXAMPLE_PROFILE = "dev";

    private static final String TEXT = """
            # Airlock configuration.
            #
            # Airlock reads one config file, the first of:
            #   $AIRLOCK_CONFIG                             (a file path)
            #   $AIRLOCK_HOME/config.toml
            #   $XDG_CONFIG_HOME/airlock/config.toml
            #   ~/.config/airlock/config.toml
            # A config.yaml in the same place works too (same keys); keep only one of the two.
            #
            # Durations are written "900s", "15m", "1h" or "1h30m"; a bare number is seconds.
            # Check this file with:  airlock profile list   and   airlock profile show dev

            # The profile used when a command is not given --profile. Optional when there is
            # only one profile.
            default_profile = "dev"

            # One [profiles.NAME] table per IAM role Airlock may assume on an agent's behalf.
            # Each command's credentials are that role, narrowed by a session policy to the
            # actions and resources the command is allowed (--allow, --resource).
            [profiles.dev]

            # Required. The IAM role to assume: arn:aws:iam::ACCOUNT:role/NAME (or /PATH/NAME).
            # Replace the example account and role with yours. The role's trust policy must let
            # the broker credentials below call sts:AssumeRole (and sts:TagSession for tags).
            role_arn = "arn:aws:iam::111122223333:role/AgentRole"

            # The AWS region for STS and for the command (it gets AWS_REGION). Optional.
            region = "us-east-1"

            # Where Airlock's own credentials (the ones that call STS) come from. Set at most
            # one of these two; without either, Airlock uses the standard chain:
            #   source = "default"          the standard AWS chain: environment variables,
            #                               ~/.aws default profile, SSO, instance or task role
            #   source_profile = "admin"    a named profile from ~/.aws/config or ~/.aws/credentials
            source = "default"

            # How long each set of credentials handed to the command lives. STS issues 15m to 12h
            # (and the role's maximum session duration must allow it). Default 15m.
            ttl = "15m"

            # The longest a command may run; it is stopped after that. Default 1h.
            max_duration = "1h"

            # How long a command that is being stopped gets to exit before it is killed.
            # Default 30s.
            grace = "30s"

            # The MFA device to use when the role's trust policy requires MFA; Airlock asks for
            # the code (or pass --mfa-code). Optional.
            # mfa_serial = "arn:aws:iam::111122223333:mfa/alice"

            # The default allow list: the actions granted when a command passes no --allow.
            # SERVICE:ACTION, wildcards allowed. Optional; without it every command must say
            # what it needs.
            # allow = ["s3:GetObject", "s3:ListBucket"]

            # The default resources (ARNs, wildcards allowed) for the allow list, used when a
            # command passes no --resource. Optional.
            # resources = ["arn:aws:s3:::example-bucket", "arn:aws:s3:::example-bucket/*"]

            # The STS session name, shown in CloudTrail: 2 to 64 letters, digits and +=,.@_-
            # Optional.
            # session_name = "airlock-dev"

            # The external ID, if the role's trust policy requires one (sts:ExternalId). Optional.
            # external_id = "example-external-id"

            # The STS endpoint to call instead of the regional default, e.g. a VPC endpoint or a
            # FIPS endpoint. https:// only (http://127.0.0.1 for a local test endpoint). Optional.
            # sts_endpoint = "https://sts-fips.us-east-1.amazonaws.com"

            # A snapshot of the role's own policies (JSON), used to check what the role itself
            # allows without calling IAM. Relative paths are relative to this file. Optional.
            # role_policies_file = "dev-role-policies.json"

            # Risk tiers overriding the built-in ones (see: airlock tiers ACTION): exact action
            # names to T0 (none), T1 (confirm), T2 (typed), T3 (TOTP). Optional.
            # tiers = { "s3:DeleteObject" = "T1" }

            # Session tags passed to STS: at most 50; keys 1-128 and values 0-256 characters of
            # letters, digits, spaces and _.:/=+-@; keys starting with aws: are reserved. They
            # show in CloudTrail and policies can test them (aws:PrincipalTag/team). Optional.
            # Keep this table last in the profile: in TOML, keys after a [table] header belong
            # to that table.
            # [profiles.dev.tags]
            # team = "agents"
            """;

    private StarterConfig() {
    }

    /** The starter config file, TOML. */
    public static String text() {
        return TEXT;
    }
}
