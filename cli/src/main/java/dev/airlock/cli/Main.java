package dev.airlock.cli;

import dev.airlock.cli.check.CheckCommand;
import dev.airlock.cli.lint.LintCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code airlock} command. Errors from every subcommand are mapped to exit codes here only. */
@Command(name = "airlock", mixinStandardHelpOptions = true, version = "airlock 0.1.0",
        description = "Give AI agents exactly the AWS access a task needs, and prove what a policy allows.",
        subcommands = {CheckCommand.class, LintCommand.class, ActionsCommand.class})
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
        if (ex instanceof BadInputException) {
            return ExitCode.BAD_INPUT.code();
        }
        return ExitCode.INTERNAL.code();
    }

    static String messageFor(Throwable ex) {
        if (ex instanceof BadInputException b) {
            return "airlock: " + b.getMessage() + (b.hint().isEmpty() ? "" : "\n  hint: " + b.hint());
        }
        return "airlock: internal error (" + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                + "); this is a bug, please report it with the command you ran";
    }
}
