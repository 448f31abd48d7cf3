package dev.airlock.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.catalog.AccessLevel;
import dev.airlock.catalog.ActionCatalog;
import dev.airlock.catalog.ActionInfo;
import dev.airlock.catalog.PermissionsLint;
import dev.airlock.catalog.UnknownActionException;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicyParseException;
import dev.airlock.policy.PolicyWarning;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the smallest session policy that grants the requested actions on the requested
 * resources. A named action goes with exactly the resources whose ARN fits one of its resource
 * types; a wildcard is written as given, once, with every resource that fits one of its actions,
 * so the policy reads as the request. Statements with the same resources and condition merge.
 * What a reviewer must not miss (Permissions-management actions, a role passable to any service)
 * becomes a warning.
 */
public final class SessionPolicyBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ActionCatalog catalog;
    private final PermissionsLint lint;

    public SessionPolicyBuilder(ActionCatalog catalog) {
        this.catalog = catalog;
        this.lint = new PermissionsLint(catalog);
    }

    /** One --allow entry and the catalog actions it stands for. */
    private record Requested(String pattern, List<ActionInfo> actions, boolean wildcard) {
        boolean isPassRole() {
            return !wildcard && actions.get(0).fullName().equalsIgnoreCase(PassedToServices.PASS_ROLE);
        }
    }

    /** Part of a request placed in one statement: what the policy writes, what it grants, from which arguments. */
    private record Placed(Placement at, List<String> written, List<ActionInfo> actions, List<String> sources) {}

    /**
     * @param patterns actions as the user wrote them ({@code s3:GetObject}, {@code s3:Get*})
     * @param resources resource ARNs or ARN patterns; empty (or only {@code *}) means every resource
     * @throws ScopeException for an unknown action, a malformed ARN, an action no resource fits,
     *     or a policy over STS's size limit
     */
    public SessionPolicy build(List<String> patterns, List<String> resources) {
        if (patterns.isEmpty()) {
            throw new ScopeException("no actions requested", "pass --allow ACTIONS, e.g. --allow s3:GetObject,s3:ListBucket");
        }
        Targets targets = Targets.parse(resources);
        List<Requested> requested = patterns.stream().map(this::expand).toList();
        Optional<GrantCondition> passedTo = PassedToServices.condition(
                requested.stream().map(r -> r.actions().get(0).service()).toList());
        Map<Placement, Set<String>> statements = new LinkedHashMap<>();
        Set<ActionInfo> granted = new LinkedHashSet<>();
        Set<String> used = new HashSet<>();
        List<String> warnings = new ArrayList<>();
        for (Requested r : requested) {
            List<Placed> placed = place(r, targets, passedTo);
            if (placed.isEmpty()) {
                throw new ScopeException(noFitMessage(r, targets), noFitHint(r.actions()));
            }
            for (Placed p : placed) {
                statements.computeIfAbsent(p.at(), k -> new TreeSet<>()).addAll(p.written());
                granted.addAll(p.actions());
                used.addAll(p.sources());
            }
            warnings.addAll(wildcardWarnings(r, placed));
        }
        List<Grant> grants = merged(statements);
        String json = render(grants);
        requireSize(json);
        List<String> all = new ArrayList<>(onEveryResource(json));
        all.addAll(warnings);
        all.addAll(passRoleWarnings(requested, passedTo));
        return new SessionPolicy(json, grants, List.copyOf(granted), notes(targets, used, grants), all);
    }

    /** Statements that write the same actions under the same condition become one, with both resource lists. */
    private static List<Grant> merged(Map<Placement, Set<String>> statements) {
        record Written(List<String> actions, Optional<GrantCondition> condition) {}
        Map<Written, Set<String>> resources = new LinkedHashMap<>();
        statements.forEach((p, actions) -> resources.computeIfAbsent(new Written(List.copyOf(actions), p.condition()),
                k -> new LinkedHashSet<>()).addAll(p.resources()));
        List<Grant> grants = new ArrayList<>();
        resources.forEach((w, r) -> grants.add(new Grant(w.actions(), List.copyOf(r), w.condition())));
        return grants;
    }

    private Requested expand(String pattern) {
        String p = pattern.trim();
        if (p.indexOf('*') < 0 && p.indexOf('?') < 0) {
            try {
                return new Requested(p, List.of(catalog.require(p)), false);
            } catch (UnknownActionException e) {
                throw new ScopeException("--allow: " + e.didYouMean().message(),
                        "see the actions of a service with: airlock actions 'SERVICE:*'");
            }
        }
        if (p.indexOf(':') < 0 || p.substring(0, p.indexOf(':')).matches(".*[*?].*")) {
            throw new ScopeException("--allow '" + p + "' does not name a service",
                    "write service:Action patterns such as s3:Get*; a session for every service defeats its purpose");
        }
        List<ActionInfo> found = catalog.expand(p);
        if (found.isEmpty()) {
            throw new ScopeException("--allow '" + p + "' matches no AWS action",
                    "check the spelling with: airlock actions '" + p + "'");
        }
        return new Requested(p, found, true);
    }

    /** Where one --allow entry goes; empty when no resource fits any of its actions. */
    private List<Placed> place(Requested r, Targets targets, Optional<GrantCondition> passedTo) {
        Optional<GrantCondition> condition = r.isPassRole() ? passedTo : Optional.empty();
        if (targets.everything()) {
            String written = r.wildcard() ? r.pattern() : r.actions().get(0).fullName();
            return List.of(new Placed(new Placement(List.of("*"), condition), List.of(written), r.actions(),
                    targets.given()));
        }
        return r.wildcard() ? placeWildcard(r, targets) : placeNamed(r.actions().get(0), targets, condition);
    }

    private List<Placed> placeNamed(ActionInfo action, Targets targets, Optional<GrantCondition> condition) {
        List<String> name = List.of(action.fullName());
        if (action.resourceTypes().isEmpty()) {
            // Named, so meant: it gets "*" whether or not --resource '*' was given.
            return List.of(new Placed(Placement.EVERYWHERE, name, List.of(action),
                    targets.star() ? List.of("*") : List.of()));
        }
        List<String> fits = fitting(List.of(action), targets);
        List<Placed> out = new ArrayList<>();
        if (!fits.isEmpty()) {
            out.add(new Placed(new Placement(fits, condition), name, List.of(action), fits));
        }
        if (S3Listing.applies(action)) {
            S3Listing.derive(targets.arns(), fits)
                    .forEach(l -> out.add(new Placed(l.placement(), name, List.of(action), l.sources())));
        }
        return out;
    }

    /**
     * The pattern itself on the ARNs its actions fit. Two parts are listed action by action, as
     * the pattern there would reach further: the bucket listing derived from object prefixes,
     * and, with {@code --resource '*'}, the actions whose only resource is {@code *}.
     */
    private List<Placed> placeWildcard(Requested r, Targets targets) {
        List<ActionInfo> onArns = new ArrayList<>();
        List<ActionInfo> listing = new ArrayList<>();
        List<ActionInfo> resourceless = new ArrayList<>();
        for (ActionInfo a : r.actions()) {
            if (a.resourceTypes().isEmpty()) {
                if (targets.star()) {
                    resourceless.add(a);
                }
            } else {
                if (!fitting(List.of(a), targets).isEmpty()) {
                    onArns.add(a);
                }
                if (S3Listing.applies(a)) {
                    listing.add(a);
                }
            }
        }
        List<String> fits = fitting(onArns, targets);
        List<Placed> out = new ArrayList<>();
        if (!fits.isEmpty()) {
            out.add(new Placed(new Placement(fits, Optional.empty()), List.of(r.pattern()), onArns, fits));
        }
        if (!listing.isEmpty()) {
            S3Listing.derive(targets.arns(), fits)
                    .forEach(l -> out.add(new Placed(l.placement(), names(listing), listing, l.sources())));
        }
        if (!resourceless.isEmpty()) {
            out.add(new Placed(Placement.EVERYWHERE, names(resourceless), resourceless, List.of("*")));
        }
        return out;
    }

    /** The ARNs, in the order given, that fit at least one of {@code actions}. */
    private List<String> fitting(List<ActionInfo> actions, Targets targets) {
        return targets.arns().stream()
                .filter(t -> actions.stream().anyMatch(a -> catalog.arnFits(a, t).fits()))
                .toList();
    }

    private static List<String> names(List<ActionInfo> actions) {
        return actions.stream().map(ActionInfo::fullName).toList();
    }

    /** The loudest warning: the same finding {@code airlock lint --kind session} gives on this policy. */
    private List<String> onEveryResource(String json) {
        try {
            return lint.warnings(Policy.parse("session", PolicyKind.SESSION, json), json).stream()
                    .map(PolicyWarning::message).toList();
        } catch (PolicyParseException e) {
            throw new IllegalStateException("Airlock built an invalid session policy: " + e.getMessage(), e);
        }
    }

    /** Permissions-management actions a wildcard pulls in on scoped resources ("*" is {@link #onEveryResource}'s). */
    private static List<String> wildcardWarnings(Requested r, List<Placed> placed) {
        List<String> out = new ArrayList<>();
        if (!r.wildcard()) {
            return out;
        }
        for (Placed p : placed) {
            List<String> pm = p.actions().stream().filter(a -> a.hasAccessLevel(AccessLevel.PERMISSIONS_MANAGEMENT))
                    .map(ActionInfo::fullName).toList();
            if (!pm.isEmpty() && !p.at().everywhere()) {
                out.add("--allow " + r.pattern() + " pulls in " + pm.size() + " Permissions-management action"
                        + (pm.size() == 1 ? "" : "s") + " on " + String.join(", ", p.at().resources()) + " ("
                        + String.join(", ", pm) + "): they change who may access it; to leave them out, name the "
                        + "actions the task needs (airlock actions '" + r.pattern() + "' lists them)");
            }
        }
        if (placed.stream().flatMap(p -> p.actions().stream())
                .anyMatch(a -> a.fullName().equalsIgnoreCase(PassedToServices.PASS_ROLE))) {
            out.add("--allow " + r.pattern() + " includes iam:PassRole, which a pattern cannot limit by "
                    + "iam:PassedToService: the session can pass the roles it reaches to any service; name "
                    + "iam:PassRole on its own and leave it out of the pattern");
        }
        return out;
    }

    private static List<String> passRoleWarnings(List<Requested> requested, Optional<GrantCondition> passedTo) {
        if (passedTo.isPresent() || requested.stream().noneMatch(Requested::isPassRole)) {
            return List.of();
        }
        return List.of("iam:PassRole is not limited by iam:PassedToService: no other --allow action says which "
                + "service the role is for, so the session can pass it to any service that trusts it; add the action "
                + "that uses the role (e.g. lambda:CreateFunction, ecs:RunTask, ec2:RunInstances) to --allow. "
                + "Airlock knows the services " + PassedToServices.known());
    }

    private static List<String> notes(Targets targets, Set<String> used, List<Grant> grants) {
        List<String> notes = new ArrayList<>();
        if (targets.everything()) {
            notes.add((targets.given().isEmpty() ? "no --resource given" : "--resource '*' alone")
                    + ": the actions apply to every resource the role can reach");
        }
        for (String target : targets.given()) {
            if (!targets.everything() && !used.contains(target)) {
                notes.add("--resource " + target + " fits none of the requested actions and is not in the policy");
            }
        }
        for (Grant g : grants) {
            g.condition().ifPresent(c -> notes.add(c instanceof GrantCondition.S3Prefix
                    ? "listing " + g.resources() + " is limited to s3:prefix " + c.values()
                    : "iam:PassRole is limited to iam:PassedToService " + c.values()
                            + ", the services of the other --allow actions"));
        }
        return notes;
    }

    private static void requireSize(String json) {
        if (json.length() > SessionPolicy.MAX_PLAINTEXT_CHARS) {
            throw new ScopeException("the session policy is " + json.length() + " characters; STS accepts at most "
                    + SessionPolicy.MAX_PLAINTEXT_CHARS,
                    "shrink it: use a wildcard such as s3:Get* instead of listing actions, a prefix such as "
                            + "arn:aws:s3:::bucket/reports/* instead of many ARNs, or fewer actions");
        }
    }

    private String noFitMessage(Requested r, Targets targets) {
        String types = r.actions().stream().flatMap(a -> a.resourceTypes().stream())
                .map(t -> t.name() + " (" + String.join(" or ", t.resourceType().arnTemplates()) + ")")
                .distinct().limit(4).reduce((a, b) -> a + ", " + b).orElse("\"*\" only");
        return "--allow " + r.pattern() + " acts on " + types + "; none of the --resource ARNs " + targets.arns() + " is one";
    }

    private static String noFitHint(List<ActionInfo> actions) {
        if (actions.stream().allMatch(a -> a.resourceTypes().isEmpty())) {
            return "these actions take no resource ARN: add --resource '*', which goes only with such actions";
        }
        return "add a --resource of that type"
                + (actions.stream().anyMatch(a -> a.fullName().toLowerCase(Locale.ROOT).startsWith("s3:list"))
                        ? ", e.g. --resource arn:aws:s3:::BUCKET for listing a bucket" : "");
    }

    private static String render(List<Grant> grants) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        for (Grant g : grants) {
            ObjectNode s = statements.addObject();
            s.put("Effect", "Allow");
            putList(s, "Action", g.actions());
            putList(s, "Resource", g.resources());
            g.condition().ifPresent(c -> putList(s.putObject("Condition").putObject(c.operator()), c.key(), c.values()));
        }
        return doc.toString();
    }

    private static void putList(ObjectNode node, String key, List<String> values) {
        if (values.size() == 1) {
            node.put(key, values.get(0));
        } else {
            ArrayNode array = node.putArray(key);
            values.forEach(array::add);
        }
    }
}
