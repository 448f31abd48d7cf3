package dev.airlock.cli;

/** Help text several commands share, so that each names the same variables the same way. */
public final class HelpText {

    private HelpText() {}

    /** The variables every command that opens a session reads. */
    public static final String SESSION_ENVIRONMENT = "%nEnvironment:%n"
            + "  AIRLOCK_CONFIG, AIRLOCK_HOME   config file; state (sessions, audit, helpers)%n"
            + "  AIRLOCK_HELPER=off             run in this process, start no resident helper%n"
            + "  AIRLOCK_CONNECT_TIMEOUT, AIRLOCK_READ_TIMEOUT   STS/IAM timeouts in seconds (3, 10)%n"
            + "  AIRLOCK_DEBUG=1                print an error's full cause (as --debug)%n"
            + "  AWS_REGION, AWS_DEFAULT_REGION region, over the profile's (as the AWS CLI)%n"
            + "  AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE   the base credentials' AWS config%n"
            + "  AIRLOCK_SESSION_ID             set inside a session: another needs --nested";

    /** The variables the commands that only read Airlock's state use. */
    public static final String STATE_ENVIRONMENT = "%nEnvironment:%n"
            + "  AIRLOCK_HOME                   state directory (else $XDG_DATA_HOME/airlock, ~/.local/share/airlock)%n"
            + "  AIRLOCK_CONFIG                 config file (else config.toml in $AIRLOCK_HOME, ~/.config/airlock)";
}
