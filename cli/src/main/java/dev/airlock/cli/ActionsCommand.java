package dev.airlock.cli;

import dev.airlock.catalog.AccessLevel;
import dev.airlock.catalog.ActionCatalog;
import dev.airlock.catalog.ActionInfo;
import dev.airlock.catalog.UnknownActionException;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code airlock actions}: expand an action pattern against the AWS catalog. */
@Command(name = "actions", mixinStandardHelpOptions = true,
        description = "List the AWS actions matching PATTERN (e.g. s3:Get*), with their access level.",
        footer = {"%nExamples:", "  airlock actions 's3:Get*'", "  airlock actions 'iam:*' --level permissions --json"})
public final class ActionsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATTERN")
    String pattern;

    @Option(names = "--level", description = "only actions of this access level: list, read, write, "
            + "permissions, tagging")
    Optional<String> level = Optional.empty();

    @Option(names = "--json", description = "one JSON array: action and access levels of each")
    boolean json;

    @Override
    public Integer call() {
        ActionCatalog catalog = ActionCatalog.builtIn();
        Set<AccessLevel> levels = level.map(ActionsCommand::parseLevel).orElse(EnumSet.allOf(AccessLevel.class));
        List<ActionInfo> found = catalog.expand(pattern, levels);
        if (found.isEmpty()) {
            throw new BadInputException("no action matches '" + pattern + "'"
                    + level.map(l -> " at access level " + l).orElse("") + suggestion(catalog),
                    "patterns look like s3:Get* or ec2:Describe?nstances; airlock actions 's3:*' lists a service");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOutput.of(found.stream().map(a -> java.util.Map.of("action", a.fullName(),
                    "accessLevels", a.accessLevels().stream().map(AccessLevel::label).toList())).toList()));
            return ExitCode.OK.code();
        }
        for (ActionInfo action : found) {
            out.println(action.fullName() + "\t" + action.accessLevels().stream()
                    .map(AccessLevel::label).collect(Collectors.joining(", ")));
        }
        return ExitCode.OK.code();
    }

    /** For a plain name (no wildcard) that matched nothing, the catalog's "did you mean". */
    private String suggestion(ActionCatalog catalog) {
        if (pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0) {
            return "";
        }
        try {
            catalog.require(pattern);
            return "";
        } catch (UnknownActionException e) {
            return ": " + e.didYouMean().message();
        }
    }

    private static Set<AccessLevel> parseLevel(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        if (key.equals("permissions")) {
            return EnumSet.of(AccessLevel.PERMISSIONS_MANAGEMENT);
        }
        return EnumSet.of(AccessLevel.parse(key).orElseThrow(() -> new BadInputException(
                "--level " + text + " is not an access level",
                "use one of: list, read, write, permissions, tagging")));
    }
}
