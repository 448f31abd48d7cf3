package dev.airlock.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code airlock actions}: expand an action pattern against the AWS catalog. */
@Command(name = "actions", mixinStandardHelpOptions = true,
        description = "List the AWS actions matching PATTERN (e.g. s3:Get*), with their access level.")
public final class ActionsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATTERN")
    String pattern;

    @Option(names = "--level", description = "only actions of this access level: list, read, write, "
            + "permissions, tagging")
    String level;

    @Override
    public Integer call() {
        throw new BadInputException("the action catalog is not wired yet", "");
    }
}
