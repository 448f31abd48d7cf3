package dev.airlock.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.catalog.ActionCatalog;
import dev.airlock.catalog.ActionInfo;
import dev.airlock.catalog.UnknownActionException;
import dev.airlock.policy.match.Arn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds the smallest session policy that grants the requested actions on the requested
 * resources: each action goes with exactly the resources whose ARN fits one of its resource types,
 * actions with the same resources share one statement, and a wildcard pattern is kept whole when
 * all its actions land in the same statement.
 */
public final class SessionPolicyBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}|[0-9*?]*[*?][0-9*?]*");
    private static final Pattern PARTITION = Pattern.compile("aws|aws-cn|aws-us-gov|aws-iso(-[a-z])?|[*]");

    private final ActionCatalog catalog;

    public SessionPolicyBuilder(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param patterns actions as the user wrote them ({@code s3:GetObject}, {@code s3:Get*})
     * @param resources resource ARNs or ARN patterns; empty means every resource ({@code *})
     * @throws ScopeException for an unknown action, a malformed ARN, an action no resource fits,
     *     or a policy over STS's size limit
     */
    public SessionPolicy build(List<String> patterns, List<String> resources) {
        if (patterns.isEmpty()) {
            throw new ScopeException("no actions requested", "pass --allow ACTIONS, e.g. --allow s3:GetObject,s3:ListBucket");
        }
        List<String> targets = resources.isEmpty() ? List.of("*") : validated(resources);
        List<String> notes = new ArrayList<>();
        if (resources.isEmpty()) {
            notes.add("no --resource given: the actions apply to every resource the role can reach");
        }
        Map<Placement, Set<String>> groups = new LinkedHashMap<>();
        Set<ActionInfo> granted = new LinkedHashSet<>();
        Set<String> usedResources = new TreeSet<>();
        for (String pattern : patterns) {
            Map<ActionInfo, Placement> placed = place(pattern, targets);
            granted.addAll(placed.keySet());
            placed.values().forEach(p -> usedResources.addAll(p.sourceResources()));
            Set<Placement> distinct = new LinkedHashSet<>(placed.values());
            if (distinct.size() == 1) {
                groups.computeIfAbsent(distinct.iterator().next(), k -> new TreeSet<>()).add(pattern);
            } else {
                placed.forEach((action, p) -> groups.computeIfAbsent(p, k -> new TreeSet<>()).add(action.fullName()));
            }
        }
        for (String target : targets) {
            if (!usedResources.contains(target)) {
                notes.add("--resource " + target + " fits none of the requested actions and is not in the policy");
            }
        }
        List<Grant> grants = new ArrayList<>();
        groups.forEach((p, actions) -> grants.add(new Grant(List.copyOf(actions), p.resources(), p.s3Prefixes())));
        for (Grant g : grants) {
            g.s3Prefixes().ifPresent(prefixes -> notes.add("listing " + g.resources() + " is limited to s3:prefix "
                    + prefixes));
        }
        String json = render(grants);
        if (json.length() > SessionPolicy.MAX_PLAINTEXT_CHARS) {
            throw new ScopeException("the session policy is " + json.length() + " characters; STS accepts at most "
                    + SessionPolicy.MAX_PLAINTEXT_CHARS,
                    "shrink it: use a wildcard such as s3:Get* instead of listing actions, a prefix such as "
                            + "arn:aws:s3:::bucket/reports/* instead of many ARNs, or fewer actions");
        }
        return new SessionPolicy(json, grants, List.copyOf(granted), notes);
    }

    private List<String> validated(List<String> resources) {
        List<String> out = new ArrayList<>();
        for (String r : resources) {
            String text = r.trim();
            if (!text.equals("*")) {
                requireArn(text);
            }
            if (!out.contains(text)) {
                out.add(text);
            }
        }
        return out;
    }

    private static void requireArn(String text) {
        Optional<Arn> arn = Arn.parse(text);
        String shape = "an ARN is arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, e.g. arn:aws:s3:::bucket/reports/*";
        if (arn.isEmpty()) {
            throw new ScopeException("--resource '" + text + "' is not an ARN", shape);
        }
        Arn a = arn.get();
        if (!PARTITION.matcher(a.partition()).matches()) {
            throw new ScopeException("--resource '" + text + "': unknown partition '" + a.partition() + "'",
                    "the partition is aws, aws-cn or aws-us-gov");
        }
        if (a.service().isEmpty() || a.resource().isEmpty()) {
            throw new ScopeException("--resource '" + text + "' has an empty " + (a.service().isEmpty() ? "service" : "resource")
                    + " part", shape);
        }
        if (!a.account().isEmpty() && !ACCOUNT.matcher(a.account()).matches()) {
            throw new ScopeException("--resource '" + text + "': account '" + a.account() + "' is not 12 digits",
                    "write the account ID that owns the resource, or leave it empty for S3");
        }
    }

    /** Where each action of one pattern goes; fails when none of them fits any resource. */
    private Map<ActionInfo, Placement> place(String pattern, List<String> targets) {
        List<ActionInfo> actions = expand(pattern);
        // A wildcard with explicit resources stays within them: it does not pull in account-level
        // actions (which only take "*"); a named one such as sts:GetCallerIdentity is meant, so it does.
        boolean skipResourceless = actions.size() > 1 && !targets.equals(List.of("*"));
        Map<ActionInfo, Placement> placed = new LinkedHashMap<>();
        for (ActionInfo action : actions) {
            if (skipResourceless && action.resourceTypes().isEmpty()) {
                continue;
            }
            placement(action, targets).ifPresent(p -> placed.put(action, p));
        }
        if (placed.isEmpty()) {
            throw new ScopeException(noFitMessage(pattern, actions, targets), noFitHint(actions));
        }
        return placed;
    }

    private List<ActionInfo> expand(String pattern) {
        String p = pattern.trim();
        if (p.indexOf('*') < 0 && p.indexOf('?') < 0) {
            try {
                return List.of(catalog.require(p));
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
        return found;
    }

    private Optional<Placement> placement(ActionInfo action, List<String> targets) {
        if (action.resourceTypes().isEmpty()) {
            return Optional.of(new Placement(List.of("*"), Optional.empty(), List.copyOf(targets)));
        }
        List<String> fitting = new ArrayList<>();
        for (String target : targets) {
            if (target.equals("*") || catalog.arnFits(action, target).fits()) {
                fitting.add(target);
            }
        }
        if (!fitting.isEmpty()) {
            return Optional.of(new Placement(fitting, Optional.empty(), fitting));
        }
        return s3ListingByPrefix(action, targets);
    }

    /**
     * An object-prefix resource such as {@code arn:aws:s3:::bucket/reports/*} cannot name a bucket,
     * yet {@code aws s3 ls} and {@code cp --recursive} need s3:ListBucket on it: grant listing of
     * the bucket, limited by the {@code s3:prefix} condition key to the same prefix.
     */
    private Optional<Placement> s3ListingByPrefix(ActionInfo action, List<String> targets) {
        if (!action.service().equalsIgnoreCase("s3") || !takesPrefix(action)) {
            return Optional.empty();
        }
        Set<String> buckets = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        List<String> sources = new ArrayList<>();
        for (String target : targets) {
            Optional<Arn> arn = Arn.parse(target);
            if (arn.isEmpty() || !arn.get().service().equals("s3") || arn.get().resource().indexOf('/') <= 0) {
                continue;
            }
            String resource = arn.get().resource();
            int slash = resource.indexOf('/');
            buckets.add("arn:" + arn.get().partition() + ":s3:::" + resource.substring(0, slash));
            prefixes.add(resource.substring(slash + 1));
            sources.add(target);
        }
        if (buckets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Placement(List.copyOf(buckets), Optional.of(List.copyOf(prefixes)), sources));
    }

    private static boolean takesPrefix(ActionInfo action) {
        return action.resourceTypes().stream().anyMatch(r -> r.name().equals("bucket"))
                && (action.conditionKeys().stream().anyMatch(k -> k.equalsIgnoreCase("s3:prefix"))
                        || action.resourceTypes().stream().flatMap(r -> r.conditionKeys().stream())
                                .anyMatch(k -> k.equalsIgnoreCase("s3:prefix")));
    }

    private String noFitMessage(String pattern, List<ActionInfo> actions, List<String> targets) {
        String types = actions.stream().flatMap(a -> a.resourceTypes().stream())
                .map(r -> r.name() + " (" + String.join(" or ", r.resourceType().arnTemplates()) + ")")
                .distinct().limit(4).reduce((a, b) -> a + ", " + b).orElse("*");
        return "--allow " + pattern + " acts on " + types + "; none of the --resource ARNs " + targets + " is one";
    }

    private static String noFitHint(List<ActionInfo> actions) {
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
            g.s3Prefixes().ifPresent(prefixes -> putList(
                    s.putObject("Condition").putObject("StringLike"), "s3:prefix", prefixes));
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

    /** Where an action goes: the statement is keyed by its resources and optional prefix condition. */
    private record Placement(List<String> resources, Optional<List<String>> s3Prefixes, List<String> sourceResources) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Placement p && p.resources.equals(resources) && p.s3Prefixes.equals(s3Prefixes);
        }

        @Override
        public int hashCode() {
            return resources.hashCode() * 31 + s3Prefixes.hashCode();
        }
    }
}
