package dev.airlock.cli.check;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.cli.BadInputException;
import dev.airlock.cli.BatchCheck;
import dev.airlock.cli.ExitCode;
import dev.airlock.cli.PolicyFiles;
import dev.airlock.policy.Decision;
import dev.airlock.policy.Evaluator;
import dev.airlock.policy.MissingAllow;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicySet;
import dev.airlock.policy.Request;
import dev.airlock.policy.RequestContext;
import dev.airlock.policy.StatementRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code airlock check}: is this request allowed, and why. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Evaluate one request against IAM policies and explain the decision.",
            "Exit status: 0 allowed, 3 implicitly denied, 4 explicitly denied, 5 bad input."},
        footer = {"%nExamples:", "  airlock check --identity-policy p.json --action s3:GetObject --resource arn:aws:s3:::b/k",
            "  airlock check --batch requests.jsonl > decisions.jsonl"})
public final class CheckCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--identity-policy", paramLabel = "FILE", description = "identity policy (repeatable)")
    List<Path> identityPolicies = new ArrayList<>();

    @Option(names = "--resource-policy", paramLabel = "FILE", description = "resource-based policy")
    Optional<Path> resourcePolicy = Optional.empty();

    @Option(names = "--session-policy", paramLabel = "FILE", description = "session policy")
    Optional<Path> sessionPolicy = Optional.empty();

    @Option(names = "--permissions-boundary", paramLabel = "FILE", description = "permissions boundary")
    Optional<Path> boundary = Optional.empty();

    @Option(names = "--scp", paramLabel = "FILE[,FILE...]", split = ",",
            description = "SCPs of one organisation level; repeat per level, root first")
    List<String> scps = new ArrayList<>();

    @Option(names = "--rcp", paramLabel = "FILE[,FILE...]",
            description = "RCPs of one organisation level; repeat per level, root first")
    List<String> rcps = new ArrayList<>();

    @Option(names = "--action", description = "IAM action, e.g. s3:GetObject")
    Optional<String> action = Optional.empty();

    @Option(names = "--resource", description = "resource ARN (or * for actions without resources)")
    Optional<String> resource = Optional.empty();

    @Option(names = "--principal", description = "caller ARN, e.g. arn:aws:iam::111122223333:user/alice")
    Optional<String> principal = Optional.empty();

    @Option(names = "--resource-account", description = "account owning the resource (default: from the ARN, "
            + "else the principal's)")
    Optional<String> resourceAccount = Optional.empty();

    @Option(names = "--context", paramLabel = "KEY=VALUE",
            description = "condition key value (repeatable; repeat a key for a multi-valued key)")
    List<String> context = new ArrayList<>();

    @Option(names = "--json", description = "print the decision as JSON")
    boolean json;

    @Option(names = "--batch", paramLabel = "FILE|-", description = "evaluate JSON Lines requests from FILE or stdin")
    Optional<String> batch = Optional.empty();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (batch.isPresent()) {
            return runBatch(batch.get(), out);
        }
        Request request = new Request(required(action, "--action"), required(resource, "--resource"),
                required(principal, "--principal"), resourceAccount, parseContext(context));
        ActionNames.requireKnown(request.action());
        Decision d = Evaluator.evaluate(policies(), request);
        if (json) {
            try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                DecisionJson.write(g, d);
            }
            out.println();
        } else {
            printHuman(out, request, d);
        }
        return switch (d.outcome()) {
            case ALLOWED -> ExitCode.OK.code();
            case IMPLICITLY_DENIED -> ExitCode.IMPLICITLY_DENIED.code();
            case EXPLICITLY_DENIED -> ExitCode.EXPLICITLY_DENIED.code();
        };
    }

    private int runBatch(String source, PrintWriter out) throws IOException {
        BatchCheck.Totals totals;
        if (source.equals("-")) {
            totals = BatchCheck.run(System.in, out);
        } else {
            Path file = Path.of(source);
            if (!Files.isReadable(file)) {
                throw new BadInputException("batch file " + file + " does not exist or is not readable",
                        "give a JSON Lines file or - for stdin");
            }
            try (InputStream in = Files.newInputStream(file)) {
                totals = BatchCheck.run(in, out);
            }
        }
        return totals.errors() == 0 ? ExitCode.OK.code() : ExitCode.BAD_INPUT.code();
    }

    private PolicySet policies() {
        if (identityPolicies.isEmpty() && resourcePolicy.isEmpty()) {
            throw new BadInputException("no policy given", "pass --identity-policy FILE and/or --resource-policy FILE");
        }
        PolicySet.Builder b = PolicySet.builder();
        identityPolicies.forEach(p -> b.identity(PolicyFiles.read(p, PolicyKind.IDENTITY)));
        resourcePolicy.ifPresent(p -> b.resource(PolicyFiles.read(p, PolicyKind.RESOURCE)));
        sessionPolicy.ifPresent(p -> b.session(PolicyFiles.read(p, PolicyKind.SESSION)));
        boundary.ifPresent(p -> b.permissionsBoundary(PolicyFiles.read(p, PolicyKind.PERMISSIONS_BOUNDARY)));
        for (String level : scps) {
            b.scpLevel(level(level, PolicyKind.SCP));
        }
        for (String level : rcps) {
            b.rcpLevel(level(level, PolicyKind.RCP));
        }
        return b.build();
    }

    private static List<Policy> level(String files, PolicyKind kind) {
        List<Policy> out = new ArrayList<>();
        for (String f : files.split(",")) {
            out.add(PolicyFiles.read(Path.of(f.trim()), kind));
        }
        return out;
    }

    static RequestContext parseContext(List<String> pairs) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--context \"" + pair + "\" is not KEY=VALUE",
                        "write e.g. --context aws:SourceIp=203.0.113.7");
            }
            String key = pair.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        return RequestContext.of(values);
    }

    private static String required(Optional<String> v, String flag) {
        return v.filter(s -> !s.isBlank()).orElseThrow(() -> new BadInputException("missing " + flag,
                "check needs --action, --resource and --principal (or --batch FILE)"));
    }

    private static void printHuman(PrintWriter out, Request r, Decision d) {
        out.println(d.outcome().wireName() + ": " + r.action() + " on " + r.resource() + " by " + r.principal());
        d.note().ifPresent(note -> out.println("  " + note));
        switch (d.outcome()) {
            case EXPLICITLY_DENIED -> {
                for (StatementRef s : d.deciding()) {
                    out.println("  denied by " + s);
                }
            }
            case ALLOWED -> {
                for (StatementRef s : d.deciding()) {
                    out.println("  allowed by " + s);
                }
            }
            case IMPLICITLY_DENIED -> {
                for (MissingAllow m : d.missingAllows()) {
                    out.println("  " + m.reason());
                }
            }
        }
    }
}
