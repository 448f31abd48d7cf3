package dev.airlock.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code airlock completion bash|zsh|fish}: a completion script for the shell, from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script for airlock's commands and options.",
        footer = {"%nExamples:", "  source <(airlock completion bash)            # in ~/.bashrc",
            "  source <(airlock completion zsh)             # in ~/.zshrc",
            "  airlock completion fish > ~/.config/fish/completions/airlock.fish"})
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish")
    String shell;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        PrintWriter out = spec.commandLine().getOut();
        switch (shell) {
            // picocli's script serves both: under zsh it loads bashcompinit itself.
            case "bash", "zsh" -> out.print(AutoComplete.bash("airlock", root));
            case "fish" -> out.print(fish(root));
            default -> throw new BadInputException("no completion for shell '" + shell + "'", "give bash, zsh or fish");
        }
        out.flush();
        return ExitCode.OK.code();
    }

    /** fish: one complete line per command and per option, each option offered only after its command. */
    static String fish(CommandLine root) {
        StringBuilder b = new StringBuilder("# airlock completion for fish (airlock completion fish)\n");
        b.append("complete -c airlock -f\n");
        root.getSubcommands().forEach((name, sub) -> {
            b.append("complete -c airlock -n __fish_use_subcommand -a ").append(name)
                    .append(" -d ").append(quote(first(sub.getCommandSpec().usageMessage().description()))).append('\n');
            options(b, "__fish_seen_subcommand_from " + name, sub.getCommandSpec());
            sub.getSubcommands().forEach((subName, subSub) -> {
                String cond = "'__fish_seen_subcommand_from " + name + "; and not __fish_seen_subcommand_from "
                        + String.join(" ", sub.getSubcommands().keySet()) + "'";
                b.append("complete -c airlock -n ").append(cond).append(" -a ").append(subName).append(" -d ")
                        .append(quote(first(subSub.getCommandSpec().usageMessage().description()))).append('\n');
                options(b, "__fish_seen_subcommand_from " + subName, subSub.getCommandSpec());
            });
        });
        return b.toString();
    }

    private static void options(StringBuilder b, String condition, CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            for (String n : o.names()) {
                if (!n.startsWith("--")) {
                    continue;
                }
                b.append("complete -c airlock -n '").append(condition).append("' -l ").append(n.substring(2));
                if (o.arity().max() > 0) {
                    b.append(" -r");
                }
                b.append(" -d ").append(quote(first(o.description()))).append('\n');
            }
        }
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0];
    }

    private static String quote(String s) {
        String oneLine = s.replaceAll("%n", " ").replaceAll("\\s+", " ").strip();
        return "'" + oneLine.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static List<String> shells() {
        return List.of("bash", "zsh", "fish");
    }
}
