package dev.airlock.cli;

import dev.airlock.lifecycle.Invocation;
import dev.airlock.lifecycle.Trace;
import dev.airlock.audit.AuditException;
import dev.airlock.cli.audit.AuditCommand;
import dev.airlock.cli.check.CheckCommand;
import dev.airlock.cli.helper.HelperClient;
import dev.airlock.cli.helper.HelperCommand;
import dev.airlock.cli.lint.LintCommand;
import dev.airlock.cli.profile.InitCommand;
import dev.airlock.cli.profile.ProfileCommand;
import dev.airlock.cli.run.CredentialsCommand;
import dev.airlock.cli.run.LoginCommand;
import dev.airlock.cli.run.RunCommand;
import dev.airlock.cli.run.ServeCommand;
import dev.airlock.lifecycle.UsageProblem;
import dev.airlock.cli.sessions.SessionsCommand;
import dev.airlock.config.ConfigException;
import dev.airlock.session.ScopeException;
import dev.airlock.session.StsException;
import dev.airlock.sts.ClientWarmup;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code airlock} command. Errors from every subcommand are mapped to exit codes here only. */
@Command(name = "airlock", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Give AI agents exactly the AWS access a task needs, and prove what a policy allows.")
public final class Main implements Runnable {

    /**
     * The subcommands, by name. Picocli reflects over every registered command at start-up (about
     * 150 ms for all of them), so only the one being run is registered; help lists them all. A
     * holder class, so that a run served by the resident helper never loads them.
     */
    private static final class Commands {
        static final Map<String, Supplier<Object>> ALL = commands();
    }

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("run", RunCommand::new);
        m.put("credentials", CredentialsCommand::new);
        m.put("serve", ServeCommand::new);
        m.put("login", LoginCommand::new);
        m.put("sessions", SessionsCommand::new);
        m.put("audit", AuditCommand::new);
        m.put("profile", ProfileCommand::new);
        m.put("init", InitCommand::new);
        m.put("check", CheckCommand::new);
        m.put("lint", LintCommand::new);
        m.put("actions", ActionsCommand::new);
        m.put("helper", HelperCommand::new);
        m.put("broker", dev.airlock.cli.broker.BrokerCommand::new);
        m.put("token", dev.airlock.cli.broker.TokenCommand::new);
        m.put("tiers", TiersCommand::new);
        m.put("demo", DemoCommand::new);
        m.put("completion", CompletionCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return m;
    }

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "on an error, also print its full cause (also: AIRLOCK_DEBUG=1)")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        Trace.mark("main");
        HelperClient helper = HelperClient.forArguments(args);
        OptionalInt served = helper.run();
        if (served.isPresent()) {
            System.exit(served.getAsInt());
        }
        int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        helper.startIfAbsent();
        System.exit(code);
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests too). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        boolean resident = Invocation.current().resident();
        if (!resident && args.length > 0 && List.of("run", "credentials", "serve").contains(args[0])) {
            ClientWarmup.start(); // the helper's SDK is warm already
        }
        CommandLine cli = new CommandLine(new Main());
        // help and completion speak of every command; the rest need only themselves.
        Supplier<Object> only = args.length > 0 && !List.of("help", "completion").contains(args[0])
                ? Commands.ALL.get(args[0]) : null;
        if (only != null) {
            cli.addSubcommand(args[0], only.get());
        } else {
            Commands.ALL.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        cli.setUsageHelpWidth(120); // examples are whole command lines
        if (resident) {
            // An @FILE would be read relative to the helper's directory, not the client's.
            cli.setExpandAtFiles(false);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(Main::exitCodeFor);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println(messageFor(ex));
            if (debugging(parseResult)) {
                commandLine.getErr().println("airlock: --debug: the full cause:");
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return exitCodeFor(ex);
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            ex.getCommandLine().getErr().println("airlock: " + ex.getMessage() + didYouMean(ex));
            ex.getCommandLine().getErr().println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
            return ExitCode.USAGE.code();
        });
        Trace.mark("picocli ready");
        int code = cli.execute(args);
        Trace.mark("done");
        out.flush();
        err.flush();
        return code;
    }

    /** picocli's nearest commands or options for a misspelt one. */
    private static String didYouMean(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && ex.getCommandLine().getParent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            // A misspelt command: the nearest names by edit distance (picocli's own miss short ones such as "rn").
            List<String> near = dev.airlock.config.Suggestions.nearest(u.getUnmatched().get(0), Commands.ALL.keySet());
            return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            return "; did you mean " + String.join(" or ", u.getSuggestions().subList(0,
                    Math.min(3, u.getSuggestions().size()))) + "?";
        }
        return "";
    }

    private static boolean debugging(CommandLine.ParseResult parseResult) {
        if ("1".equals(Invocation.current().env().get("AIRLOCK_DEBUG"))) {
            return true;
        }
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    static int exitCodeFor(Throwable ex) {
        if (ex instanceof BadInputException || ex instanceof ScopeException) {
            return ExitCode.BAD_INPUT.code();
        }
        if (ex instanceof UsageProblem) {
            return ExitCode.USAGE.code();
        }
        if (ex instanceof dev.airlock.broker.token.TokenException) {
            return ExitCode.BAD_INPUT.code();
        }
        if (ex instanceof dev.airlock.broker.state.BrokerStateException) {
            return ExitCode.CONFIG.code();
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
                case NO_BASE_CREDENTIALS, SSO_LOGIN_NEEDED, UNAVAILABLE -> ExitCode.AWS_UNAVAILABLE.code();
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
        if (ex instanceof dev.airlock.broker.token.TokenException t) {
            return "airlock: token: " + t.getMessage();
        }
        if (ex instanceof dev.airlock.broker.state.BrokerStateException b) {
            return "airlock: broker: " + b.getMessage() + hint(b.hint());
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
