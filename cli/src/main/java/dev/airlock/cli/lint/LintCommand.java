package dev.airlock.cli.lint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.catalog.ActionCatalog;
import dev.airlock.catalog.PermissionsLint;
import dev.airlock.cli.ExitCode;
import dev.airlock.cli.PolicyFiles;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicyParseException;
import dev.airlock.policy.PolicyWarning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code airlock lint}: report a policy's errors and risky shapes. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check policy documents: errors (exit 1) and warnings (exit 0).",
            "Each finding gives the JSON path, line and column. Identity and session policies (and --kind any) "
                    + "are also checked against the action catalog for Permissions-management actions on \"*\"."},
        footer = {"%nExamples:", "  airlock lint policy.json", "  airlock lint --kind session --json session-policy.json"})
public final class LintCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "POLICY", arity = "1..*", description = "policy files")
    List<Path> files;

    @Option(names = "--kind", defaultValue = "any",
            description = "where the policy is attached: identity, resource, session, boundary, scp, rcp, any "
                    + "(default: any)")
    String kind;

    @Option(names = "--json", description = "print findings as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PolicyKind k = kind(kind);
        PermissionsLint permissions = new PermissionsLint(ActionCatalog.builtIn());
        boolean anyError = false;
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode all = mapper.createArrayNode();
        var out = spec.commandLine().getOut();
        for (Path file : files) {
            String text = PolicyFiles.text(file);
            ObjectNode report = all.addObject().put("file", file.toString());
            ArrayNode errors = report.putArray("errors");
            ArrayNode warnings = report.putArray("warnings");
            try {
                Policy p = Policy.parse(file.toString(), k, text);
                List<PolicyWarning> found = new ArrayList<>(p.warnings());
                found.addAll(permissions.warnings(p, text));
                for (PolicyWarning w : found) {
                    warnings.addObject().put("path", w.path()).put("line", w.line()).put("column", w.column())
                            .put("code", w.code()).put("message", w.message());
                    if (!json) {
                        out.println(file + ":" + w.line() + ":" + w.column() + ": warning: " + w.message() + " ["
                                + w.code() + "] at " + w.path());
                    }
                }
            } catch (PolicyParseException e) {
                anyError = true;
                errors.addObject().put("path", e.path()).put("line", e.line()).put("column", e.column())
                        .put("message", e.problem());
                if (!json) {
                    out.println(file + ":" + e.line() + ":" + e.column() + ": error: " + e.problem() + " at " + e.path());
                }
            }
            if (!json && errors.isEmpty() && warnings.isEmpty()) {
                out.println(file + ": ok");
            }
        }
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all));
        }
        return anyError ? ExitCode.POLICY_INVALID.code() : ExitCode.OK.code();
    }

    static PolicyKind kind(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "identity" -> PolicyKind.IDENTITY;
            case "resource" -> PolicyKind.RESOURCE;
            case "session" -> PolicyKind.SESSION;
            case "boundary", "permissions-boundary" -> PolicyKind.PERMISSIONS_BOUNDARY;
            case "scp" -> PolicyKind.SCP;
            case "rcp" -> PolicyKind.RCP;
            case "any" -> PolicyKind.ANY;
            default -> throw new dev.airlock.cli.BadInputException("unknown --kind \"" + s + "\"",
                    "use one of identity, resource, session, boundary, scp, rcp, any");
        };
    }
}
