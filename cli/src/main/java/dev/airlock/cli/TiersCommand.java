package dev.airlock.cli;

import dev.airlock.approval.RiskTier;
import dev.airlock.approval.Tiers;
import dev.airlock.catalog.ActionCatalog;
import dev.airlock.config.Profile;
import dev.airlock.lifecycle.Invocation;
import dev.airlock.lifecycle.SessionPlanner;
import dev.airlock.lifecycle.SessionRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code airlock tiers ACTION...}: each action's risk tier, the approval it needs, and the rule that gave it. */
@Command(name = "tiers", mixinStandardHelpOptions = true,
        description = {"Print each action's risk tier (T0 list/read, T1 write/tagging, T2 destructive, T3 permissions, "
                + "identity and trust), the approval it needs and why.",
            "A profile's tiers = {\"s3:DeleteObject\" = \"T1\"} overrides; a wildcard gets the highest tier it covers."},
        footer = {"%nExamples:", "  airlock tiers s3:GetObject s3:DeleteObject iam:PassRole",
            "  airlock tiers --profile dev 's3:*' --json"})
public final class TiersCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ACTION", arity = "1..*", description = "actions or patterns, e.g. s3:Delete*")
    List<String> actions = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME", description = "apply this profile's tiers overrides")
    Optional<String> profile = Optional.empty();

    @Option(names = "--json", description = "one JSON document")
    boolean json;

    @Override
    public Integer call() {
        Tiers tiers = new Tiers(ActionCatalog.builtIn(), overrides());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String a : actions) {
            Tiers.Tiered t = tiers.of(a);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("action", a);
            row.put("tier", t.tier().name());
            row.put("approval", t.tier().verification());
            row.put("why", t.rule());
            rows.add(row);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOutput.of(Map.of("tiers", rows)));
        } else {
            int width = actions.stream().mapToInt(String::length).max().orElse(0);
            for (Map<String, Object> r : rows) {
                out.printf("%-" + width + "s  %s  %-18s  %s%n", r.get("action"), r.get("tier"), r.get("approval"),
                        r.get("why"));
            }
        }
        return 0;
    }

    private Map<String, RiskTier> overrides() {
        if (profile.isEmpty()) {
            return Map.of();
        }
        // The profile as run and credentials find it: one lookup, its errors included.
        Profile p = new SessionPlanner(Invocation.current().env()).profile(new SessionRequest(profile, Optional.empty(),
                Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                false, Optional.empty()));
        Map<String, RiskTier> m = new LinkedHashMap<>();
        p.tiers().forEach((k, v) -> m.put(k, RiskTier.parse(v)));
        return m;
    }
}
