package dev.airlock.cli;

import dev.airlock.audit.AuditException;
import dev.airlock.cli.audit.AuditCommand;
import dev.airlock.cli.check.CheckCommand;
import dev.airlock.cli.lint.LintCommand;
import dev.airlock.cli.profile.InitCommand;
import dev.airlock.cli.profile.ProfileCommand;
import dev.airlock.cli.run.CredentialsCommand;
import dev.airlock.cli.run.RunCommand;
import dev.airlock.cli.run.UsageProblem;
import dev.airlock.cli.sessions.SessionsCommand;
import dev.airlock.config.ConfigException;
import dev.airlock.session.ScopeException;
import dev.airlock.session.StsException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code airlock} command. Errors from every subcommand are mapped to exit codes here only. */
@Command(name = "airlock", mixinStandardHelpOptions = true, version = "airlock 0.1.0",
        description = "Give AI agents exactly the AWS access a task needs, and prove what a policy allows.",
        subcommands = {RunCommand.class, CredentialsCommand.class, SessionsCommand.class, AuditCommand.class,
            ProfileCommand.class, InitCommand.class, CheckCommand.class, LintCommand.class, ActionsCommand.class})
public final class Main implements Runnable {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests too). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(Main::exitCodeFor);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println(messageFor(ex));
            commandLine.getErr().flush();
            return exitCodeFor(ex);
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            ex.getCommandLine().getErr().println("airlock: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
            return ExitCode.USAGE.code();
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static int exitCodeFor(Throwable ex) {
        if (ex instanceof BadInputException || ex instanceof ScopeException) {
            return ExitCode.BAD_INPUT.code();
        }
        if (ex instanceof UsageProblem) {
            return ExitCode.USAGE.code();
        }
        if (ex instanceof ConfigException) {
            return ExitCode.CONFIG.code();
        }
        if (ex instanceof AuditException) {
            return ExitCode.AUDIT_INVALID.code();
        }
        if (ex instanceof StsException sts) {
            return switch (sts.kind()) {
                case MFA_FAILED -> ExitCode.MFA.code();
                case POLICY_TOO_LARGE -> ExitCode.BAD_INPUT.code();
                case NO_BASE_CREDENTIALS, UNAVAILABLE -> ExitCode.AWS_UNAVAILABLE.code();
                case ACCESS_DENIED, DURATION_TOO_LONG, INVALID_REQUEST -> ExitCode.STS_DENIED.code();
            };
        }
        return ExitCode.INTERNAL.code();
    }

    static String messageFor(Throwable ex) {
        if (ex instanceof BadInputException b) {
            return "airlock: " + b.getMessage() + hint(b.hint());
        }
        if (ex instanceof ScopeException s) {
            return "airlock: " + s.getMessage() + hint(s.hint());
        }
        if (ex instanceof UsageProblem u) {
            return "airlock: " + u.getMessage();
        }
        if (ex instanceof ConfigException c) {
            return "airlock: " + c.getMessage() + hint(c.hint());
        }
        if (ex instanceof AuditException a) {
            return "airlock: audit log: " + a.getMessage() + hint(a.hint());
        }
        if (ex instanceof StsException sts) {
            return "airlock: " + sts.getMessage() + hint(StsHints.hint(sts));
        }
        return "airlock: internal error (" + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                + "); this is a bug, please report it with the command you ran";
    }

    private static String hint(String hint) {
        return hint.isEmpty() ? "" : "\n  hint: " + hint;
    }
}
