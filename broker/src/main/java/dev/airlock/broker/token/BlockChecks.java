package dev.airlock.broker.token;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A grant as the Datalog checks of one token block. The broker's authority block and a holder's
 * attenuation block are written by this one class, and judged by Biscuit's authorizer against the
 * facts of {@link TokenRequest} ({@link CapabilityTokens#authorize}).
 *
 * <p>The authorizer is run once per requested action, once per requested resource and once for
 * the session as a whole, with one {@code item(kind, value)} fact each; an action check passes
 * vacuously on the other runs. Every value written here is validated first ({@link PatternRegex},
 * enum labels, numbers), so no request or pattern text can change a check's meaning.
 */
final class BlockChecks {
    private BlockChecks() {}

    static List<String> of(TokenGrant g, int blockIndex) {
        List<String> checks = new ArrayList<>();
        g.actions().ifPresent(p -> checks.add(items("action", p.stream().map(PatternRegex::action).toList())));
        g.resources().ifPresent(p -> checks.add(items("resource", p.stream().map(PatternRegex::of).toList())));
        g.expires().ifPresent(t -> checks.add("check if time($t), $t <= "
                + DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS))));
        g.maxTier().ifPresent(t -> checks.add("check if tier($t), $t <= " + t.ordinal()));
        g.modes().ifPresent(m -> checks.add("check if mode($m), [" + m.stream().sorted().map(x -> "\"" + x.label() + "\"")
                .collect(Collectors.joining(", ")) + "].contains($m)"));
        g.maxTtl().ifPresent(d -> checks.add("check if ttl($s), $s <= " + d.toSeconds()));
        g.maxSessions().ifPresent(n -> checks.add("check if sessions_used(" + blockIndex + ", $n), $n < " + n));
        g.maxCostCents().ifPresent(c -> checks.add("check if max_cost_cents($c), $c <= " + c));
        g.delegation().filter(allowed -> !allowed).ifPresent(x -> checks.add("check if nested(false)"));
        // Client names are [a-z0-9-] (ClientId), safe inside a Datalog string.
        g.clients().ifPresent(c -> checks.add("check if client($c), [" + c.stream().map(id -> "\"" + id.value() + "\"")
                .sorted().collect(Collectors.joining(", ")) + "].contains($c)"));
        return checks;
    }

    private static String items(String kind, List<String> regexes) {
        StringBuilder b = new StringBuilder("check if item($k, $v), $k != \"").append(kind).append('"');
        for (String r : regexes) {
            b.append(" or item(\"").append(kind).append("\", $x), $x.matches(\"").append(r).append("\")");
        }
        return b.toString();
    }
}
