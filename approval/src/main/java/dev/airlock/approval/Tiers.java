package dev.airlock.approval;

import dev.airlock.catalog.AccessLevel;
import dev.airlock.catalog.ActionCatalog;
import dev.airlock.catalog.ActionInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each action's risk tier and the rule that gave it, in this order:
 * <ol>
 *   <li>the profile's override ({@code tiers = {"s3:DeleteObject" = "T1"}}), exact action names;
 *   <li>T3: Permissions management, or a write to identity and trust ({@link #IDENTITY_SERVICES}),
 *       or an action the catalog does not know (nothing known, so the most care);
 *   <li>T2: a write whose name starts with a destructive verb ({@link #DESTRUCTIVE}), or one that
 *       can overwrite data in place ({@link #OVERWRITES});
 *   <li>T1: any other write or tagging;
 *   <li>T0: list and read.
 * </ol>
 * A wildcard pattern gets the highest tier of the actions it covers.
 */
public final class Tiers {

    /** Services whose writes change who can do what: identities, trust, the organisation, keys' grants. */
    public static final Set<String> IDENTITY_SERVICES = Set.of("iam", "organizations", "sso", "sso-directory",
            "identitystore", "account", "sts");

    /** Verbs that delete, terminate, purge, detach, disable or revoke: what the call's opposite does not undo. */
    public static final List<String> DESTRUCTIVE = List.of("Delete", "Terminate", "Purge", "Detach", "Disable", "Revoke",
            "Remove", "Deregister", "Disassociate", "Destroy", "Drop", "Truncate", "Overwrite", "Abort", "Flush", "Wipe",
            "Erase");

    /** Writes that can overwrite data in place (an existing object, item, secret value or parameter). */
    public static final Set<String> OVERWRITES = Set.of("s3:putobject", "s3:copyobject", "dynamodb:putitem",
            "dynamodb:updateitem", "dynamodb:batchwriteitem", "secretsmanager:putsecretvalue", "ssm:putparameter");

    /** A tier and why. */
    public record Tiered(String action, RiskTier tier, String rule) {}

    private final ActionCatalog catalog;
    private final Map<String, RiskTier> overrides;

    /** @param overrides exact action names (any case) to tiers, from the profile */
    public Tiers(ActionCatalog catalog, Map<String, RiskTier> overrides) {
        this.catalog = catalog;
        Map<String, RiskTier> m = new LinkedHashMap<>();
        overrides.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        this.overrides = Map.copyOf(m);
    }

    /** The tier of an action name or pattern. */
    public Tiered of(String action) {
        Optional<RiskTier> override = Optional.ofNullable(overrides.get(action.toLowerCase(Locale.ROOT)));
        if (override.isPresent()) {
            return new Tiered(action, override.get(), "the profile's tiers override");
        }
        if (action.contains("*") || action.contains("?")) {
            return pattern(action);
        }
        return catalog.lookup(action).map(this::of)
                .orElseGet(() -> new Tiered(action, RiskTier.T3, "not in the action catalog: unknown actions get the most care"));
    }

    /** The highest tier among {@code actions}. */
    public RiskTier highest(List<String> actions) {
        RiskTier t = RiskTier.T0;
        for (String a : actions) {
            t = t.max(of(a).tier());
        }
        return t;
    }

    private Tiered pattern(String pattern) {
        List<ActionInfo> covered = catalog.expand(pattern);
        if (covered.isEmpty()) {
            return new Tiered(pattern, RiskTier.T3, "matches no known action: unknown actions get the most care");
        }
        Tiered top = null;
        for (ActionInfo a : covered) {
            Tiered t = of(a.fullName());
            if (top == null || t.tier().compareTo(top.tier()) > 0) {
                top = t;
            }
        }
        return new Tiered(pattern, top.tier(), "the highest of the " + covered.size() + " actions it covers ("
                + top.action() + ": " + top.rule() + ")");
    }

    private Tiered of(ActionInfo a) {
        String name = a.fullName();
        Optional<RiskTier> override = Optional.ofNullable(overrides.get(name.toLowerCase(Locale.ROOT)));
        if (override.isPresent()) {
            return new Tiered(name, override.get(), "the profile's tiers override");
        }
        if (a.hasAccessLevel(AccessLevel.PERMISSIONS_MANAGEMENT)) {
            return new Tiered(name, RiskTier.T3, "access level Permissions management");
        }
        boolean write = a.hasAccessLevel(AccessLevel.WRITE);
        String service = name.substring(0, name.indexOf(':'));
        if (write && IDENTITY_SERVICES.contains(service)) {
            return new Tiered(name, RiskTier.T3, "a write to identity or trust (" + service + ")");
        }
        String verb = name.substring(name.indexOf(':') + 1);
        if (write && OVERWRITES.contains(name.toLowerCase(Locale.ROOT))) {
            return new Tiered(name, RiskTier.T2, "a write that can overwrite data in place");
        }
        if (write) {
            for (String d : DESTRUCTIVE) {
                if (verb.startsWith(d)) {
                    return new Tiered(name, RiskTier.T2, "a write whose name starts with '" + d + "'");
                }
            }
            return new Tiered(name, RiskTier.T1, "access level Write");
        }
        if (a.hasAccessLevel(AccessLevel.TAGGING)) {
            return new Tiered(name, RiskTier.T1, "access level Tagging");
        }
        return new Tiered(name, RiskTier.T0, "access level " + (a.hasAccessLevel(AccessLevel.LIST) ? "List" : "Read"));
    }
}
