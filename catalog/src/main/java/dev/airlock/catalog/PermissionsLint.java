package dev.airlock.catalog;

import dev.airlock.policy.Effect;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicyWarning;
import dev.airlock.policy.Statement;
import dev.airlock.policy.json.Json;
import dev.airlock.policy.json.JsonReader;
import dev.airlock.policy.match.ArnPattern;
import dev.airlock.policy.match.Wildcard;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The warning the policy parser cannot give alone: which statements allow Permissions-management
 * actions (those that change who may do what) on every resource. The parser knows a statement's
 * shape; only the catalog knows what {@code iam:*} or {@code s3:Put*} reaches.
 */
public final class PermissionsLint {

    /** The {@link PolicyWarning#code()} of the finding. */
    public static final String CODE = "permissions-management-on-all";

    private static final int NAMED = 6;

    private final ActionCatalog catalog;

    public PermissionsLint(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Policies that grant to whoever holds them (identity, session, or of unknown kind) are
     * checked; boundaries, SCPs and RCPs only cap, and a resource policy's {@code "*"} is the
     * resource it is attached to.
     *
     * @param source the policy's JSON text, for the line and column of each finding
     */
    public List<PolicyWarning> warnings(Policy policy, String source) {
        if (!EnumSet.of(PolicyKind.IDENTITY, PolicyKind.SESSION, PolicyKind.ANY).contains(policy.kind())) {
            return List.of();
        }
        List<PolicyWarning> out = new ArrayList<>();
        for (Statement s : policy.statements()) {
            List<String> actions = permissionsOnAll(s);
            if (!actions.isEmpty()) {
                out.add(warning(s.index(), actions, source));
            }
        }
        return List.copyOf(out);
    }

    private List<String> permissionsOnAll(Statement s) {
        boolean onAll = s.resources().present() && !s.resources().negated()
                && s.resources().patterns().stream().anyMatch(ArnPattern::matchesAll);
        if (s.effect() != Effect.ALLOW || s.actions().negated() || !onAll) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        for (Wildcard pattern : s.actions().patterns()) {
            catalog.expand(pattern.pattern(), EnumSet.of(AccessLevel.PERMISSIONS_MANAGEMENT))
                    .forEach(a -> found.add(a.fullName()));
        }
        return List.copyOf(found);
    }

    private static PolicyWarning warning(int index, List<String> actions, String source) {
        Located at = locate(index, source);
        String named = String.join(", ", actions.subList(0, Math.min(NAMED, actions.size())))
                + (actions.size() > NAMED ? " and " + (actions.size() - NAMED) + " more" : "");
        String message = "Allow of " + actions.size() + " Permissions-management action" + (actions.size() == 1 ? "" : "s")
                + " on \"*\" (" + named + "): they change who may do what, the holder's own permissions included; "
                + "name the resources they need instead of \"*\", or leave them out";
        return new PolicyWarning(at.path(), at.location().line(), at.location().column(), CODE, message);
    }

    private record Located(String path, Json.Location location) {}

    /** The statement's Action element in the source; the policy parsed, so the shape is known. */
    private static Located locate(int index, String source) {
        Json.Obj doc = (Json.Obj) JsonReader.read(source);
        Json statements = doc.members().get("Statement").value();
        String path = "$.Statement";
        Json statement = statements;
        if (statements instanceof Json.Arr arr) {
            path += "[" + index + "]";
            statement = arr.items().get(index);
        }
        Json.Member action = ((Json.Obj) statement).members().get("Action");
        return new Located(path + ".Action", action.value().location());
    }
}
