package dev.airlock.policy;

import dev.airlock.policy.condition.Condition;
import dev.airlock.policy.condition.ConditionBlock;
import dev.airlock.policy.condition.ConditionOperator;
import dev.airlock.policy.condition.ConditionValueException;
import dev.airlock.policy.json.Json;
import dev.airlock.policy.json.JsonReader;
import dev.airlock.policy.json.JsonSyntaxException;
import dev.airlock.policy.match.ArnPattern;
import dev.airlock.policy.match.PrincipalPattern;
import dev.airlock.policy.match.Wildcard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses policy documents strictly, the way IAM's validator does, and compiles them into
 * {@link Policy} values. The first fault refuses the whole document with its JSON path and
 * line/column; legal but risky shapes become {@link PolicyWarning}s.
 */
public final class PolicyParser {

    private static final List<String> POLICY_ELEMENTS = List.of("Version", "Id", "Statement");
    private static final List<String> STATEMENT_ELEMENTS = List.of("Sid", "Effect", "Action", "NotAction",
            "Resource", "NotResource", "Principal", "NotPrincipal", "Condition");
    private static final List<String> PRINCIPAL_TYPES = List.of("AWS", "Service", "Federated", "CanonicalUser");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+");

    private final String name;
    private final PolicyKind kind;
    private final List<PolicyWarning> warnings = new ArrayList<>();
    private PolicyVersion version = PolicyVersion.V2008_10_17;

    private PolicyParser(String name, PolicyKind kind) {
        this.name = name;
        this.kind = kind;
    }

    /**
     * Parses and compiles {@code json}.
     *
     * @param name how errors and decisions refer to this policy
     * @param kind where it is attached, which decides whether Principal is required or forbidden
     * @throws PolicyParseException on the first fault, with its location and the expected shape
     */
    public static Policy parse(String name, PolicyKind kind, String json) throws PolicyParseException {
        Json root;
        try {
            root = JsonReader.read(json);
        } catch (JsonSyntaxException e) {
            throw new PolicyParseException(name, "$", e.location().line(), e.location().column(), e.getMessage());
        }
        return new PolicyParser(name, kind).policy(root);
    }

    private Policy policy(Json root) throws PolicyParseException {
        Json.Obj doc = object(root, "$", "a policy document (a JSON object with Version and Statement)");
        checkKeys(doc, "$", POLICY_ELEMENTS, "a policy");
        Json.Member versionMember = doc.members().get("Version");
        if (versionMember == null) {
            warn("$", doc, "missing-version", "no Version: IAM reads the policy as 2008-10-17, where policy "
                    + "variables such as ${aws:username} are literal text; add \"Version\": \"2012-10-17\"");
        } else {
            String v = string(versionMember.value(), "$.Version", "\"2012-10-17\" or \"2008-10-17\"");
            version = PolicyVersion.parse(v).orElseThrow(() -> fault("$.Version", versionMember.value(),
                    "unsupported Version \"" + v + "\"; expected \"2012-10-17\" (or the older \"2008-10-17\")"));
        }
        Optional<String> id = Optional.empty();
        if (doc.members().containsKey("Id")) {
            id = Optional.of(string(doc.members().get("Id").value(), "$.Id", "a string"));
        }
        Json.Member st = doc.members().get("Statement");
        if (st == null) {
            throw fault("$", doc, "missing Statement; a policy needs \"Statement\": an object or a non-empty array");
        }
        List<Statement> statements = new ArrayList<>();
        if (st.value() instanceof Json.Arr arr) {
            if (arr.items().isEmpty()) {
                throw fault("$.Statement", arr, "Statement is empty; give at least one statement");
            }
            Set<String> sids = new HashSet<>();
            for (int i = 0; i < arr.items().size(); i++) {
                Statement s = statement(arr.items().get(i), "$.Statement[" + i + "]", i);
                if (s.sid().isPresent() && !s.sid().get().isEmpty() && !sids.add(s.sid().get())) {
                    throw fault("$.Statement[" + i + "].Sid", arr.items().get(i),
                            "duplicate Sid \"" + s.sid().get() + "\"; each statement's Sid must be unique");
                }
                statements.add(s);
            }
        } else {
            statements.add(statement(st.value(), "$.Statement", 0));
        }
        return new Policy(name, kind, version, id, statements, warnings);
    }

    private Statement statement(Json node, String path, int index) throws PolicyParseException {
        Json.Obj obj = object(node, path, "a statement object");
        checkKeys(obj, path, STATEMENT_ELEMENTS, "a statement");
        Map<String, Json.Member> m = obj.members();
        Optional<String> sid = m.containsKey("Sid")
                ? Optional.of(string(m.get("Sid").value(), path + ".Sid", "a string")) : Optional.empty();
        Effect effect = effect(m.get("Effect"), obj, path);
        ActionSet actions = actions(obj, path);
        ResourceSet resources = resources(obj, path);
        Optional<PrincipalSet> principals = principals(obj, path);
        ConditionBlock conditions = m.containsKey("Condition")
                ? conditions(m.get("Condition").value(), path + ".Condition", effect) : ConditionBlock.none();
        riskWarnings(path, obj, effect, actions, resources, principals, conditions);
        return new Statement(index, sid, effect, actions, resources, principals, conditions);
    }

    private Effect effect(Json.Member member, Json.Obj statement, String path) throws PolicyParseException {
        if (member == null) {
            throw fault(path, statement, "missing Effect; every statement needs \"Effect\": \"Allow\" or \"Deny\"");
        }
        String v = string(member.value(), path + ".Effect", "\"Allow\" or \"Deny\"");
        for (Effect e : Effect.values()) {
            if (e.awsName().equals(v)) {
                return e;
            }
        }
        throw fault(path + ".Effect", member.value(), "Effect must be \"Allow\" or \"Deny\" (case-sensitive), not \""
                + v + "\"");
    }

    private ActionSet actions(Json.Obj obj, String path) throws PolicyParseException {
        String key = exactlyOne(obj, path, "Action", "NotAction", true);
        String p = path + "." + key;
        List<Wildcard> patterns = new ArrayList<>();
        for (Located s : strings(obj.members().get(key).value(), p, "an action name like \"s3:GetObject\"")) {
            if (!s.text().equals("*") && !ACTION.matcher(s.text()).matches()) {
                String hint = s.text().indexOf(',') >= 0
                        ? "; a comma does not separate actions: list them as an array, [\"s3:GetObject\", \"s3:PutObject\"]"
                        : "";
                throw fault(s.path(), s.node(), "invalid action \"" + s.text()
                        + "\"; expected \"service:ActionName\" (wildcards * and ? allowed) or \"*\"" + hint);
            }
            patterns.add(Wildcard.compile(s.text(), true));
        }
        return new ActionSet(patterns, key.equals("NotAction"));
    }

    private ResourceSet resources(Json.Obj obj, String path) throws PolicyParseException {
        String key = exactlyOne(obj, path, "Resource", "NotResource", !kind.principalRequired() && kind != PolicyKind.ANY);
        if (key == null) {
            return ResourceSet.absent();
        }
        String p = path + "." + key;
        List<ArnPattern> patterns = new ArrayList<>();
        for (Located s : strings(obj.members().get(key).value(), p, "an ARN or \"*\"")) {
            if (!ArnPattern.isWellFormed(s.text())) {
                throw fault(s.path(), s.node(), "invalid ARN \"" + s.text()
                        + "\"; expected \"arn:partition:service:region:account-id:resource\" or \"*\"");
            }
            if (!version.supportsVariables() && s.text().contains("${")) {
                warn(s.path(), s.node(), "literal-variable", "policy variables need Version 2012-10-17; here \""
                        + s.text() + "\" is matched as literal text");
            }
            patterns.add(ArnPattern.compile(s.text(), version.supportsVariables()));
        }
        return new ResourceSet(patterns, key.equals("NotResource"), true);
    }

    private Optional<PrincipalSet> principals(Json.Obj obj, String path) throws PolicyParseException {
        boolean has = obj.members().containsKey("Principal") || obj.members().containsKey("NotPrincipal");
        if (has && kind.principalForbidden()) {
            String key = obj.members().containsKey("Principal") ? "Principal" : "NotPrincipal";
            throw fault(path + "." + key, obj.members().get(key).value(), key + " is not allowed in a "
                    + kind.description() + " (the principal is whoever the policy is attached to); remove it");
        }
        String key = exactlyOne(obj, path, "Principal", "NotPrincipal", kind.principalRequired());
        if (key == null) {
            return Optional.empty();
        }
        String p = path + "." + key;
        Json v = obj.members().get(key).value();
        List<PrincipalPattern> patterns = new ArrayList<>();
        if (v instanceof Json.Str s) {
            if (!s.value().equals("*")) {
                throw fault(p, v, "a Principal string must be \"*\"; name principals as {\"AWS\": \"arn:...\"}, "
                        + "{\"Service\": \"...\"}, {\"Federated\": \"...\"} or {\"CanonicalUser\": \"...\"}");
            }
            patterns.add(new PrincipalPattern(PrincipalPattern.Kind.ANY, "*"));
        } else {
            Json.Obj o = object(v, p, "\"*\" or an object keyed by AWS, Service, Federated or CanonicalUser");
            checkKeys(o, p, PRINCIPAL_TYPES, "a Principal");
            for (Json.Member member : o.members().values()) {
                String mp = p + "." + member.key();
                PrincipalPattern.Kind k = switch (member.key()) {
                    case "AWS" -> PrincipalPattern.Kind.AWS;
                    case "Service" -> PrincipalPattern.Kind.SERVICE;
                    case "Federated" -> PrincipalPattern.Kind.FEDERATED;
                    default -> PrincipalPattern.Kind.CANONICAL_USER;
                };
                for (Located s : strings(member.value(), mp, "a principal")) {
                    if (k == PrincipalPattern.Kind.AWS) {
                        Optional<String> problem = PrincipalPattern.problemWithAws(s.text());
                        if (problem.isPresent()) {
                            throw fault(s.path(), s.node(), "invalid principal \"" + s.text() + "\": " + problem.get());
                        }
                    }
                    patterns.add(new PrincipalPattern(k, s.text()));
                }
            }
        }
        return Optional.of(new PrincipalSet(patterns, key.equals("NotPrincipal")));
    }

    private ConditionBlock conditions(Json node, String path, Effect effect) throws PolicyParseException {
        Json.Obj ops = object(node, path, "an object of condition operators, e.g. {\"StringEquals\": {...}}");
        List<Condition> out = new ArrayList<>();
        for (Json.Member opMember : ops.members().values()) {
            String opPath = path + pathKey(opMember.key());
            ConditionOperator op = ConditionOperator.parse(opMember.key()).orElseThrow(() -> fault(opPath,
                    opMember.value(), "unknown condition operator \"" + opMember.key() + "\""
                            + Suggestions.didYouMean(opMember.key(), OperatorNames.ALL)));
            if (!op.awsName().equals(opMember.key())) {
                warn(opPath, opMember.value(), "operator-case", "operator written \"" + opMember.key()
                        + "\"; AWS documents it as \"" + op.awsName() + "\"");
            }
            if (op.qualifier() == ConditionOperator.SetQualifier.FOR_ALL_VALUES && effect == Effect.ALLOW) {
                warn(opPath, opMember.value(), "for-all-values-allow", "ForAllValues with Allow is also true when "
                        + "the request has no such key or an empty list; add a Null condition on the key if that "
                        + "is not intended");
            }
            Json.Obj keys = object(opMember.value(), opPath, "an object of condition keys and values");
            if (keys.members().isEmpty()) {
                throw fault(opPath, keys, "condition operator " + op.awsName() + " has no keys");
            }
            for (Json.Member keyMember : keys.members().values()) {
                String kPath = opPath + pathKey(keyMember.key());
                List<Located> values = scalars(keyMember.value(), kPath);
                List<String> texts = values.stream().map(Located::text).toList();
                try {
                    out.add(Condition.compile(op, keyMember.key(), texts, version.supportsVariables()));
                } catch (ConditionValueException e) {
                    Located bad = values.stream().filter(l -> l.text().equals(e.value())).findFirst().orElse(values.get(0));
                    throw fault(bad.path(), bad.node(), "condition value \"" + e.value() + "\" for " + op.awsName()
                            + " is not " + e.expected());
                }
            }
        }
        return new ConditionBlock(out);
    }

    private void riskWarnings(String path, Json.Obj obj, Effect effect, ActionSet actions, ResourceSet resources,
            Optional<PrincipalSet> principals, ConditionBlock conditions) {
        if (effect != Effect.ALLOW) {
            return;
        }
        if (actions.negated()) {
            warn(path + ".NotAction", obj, "allow-not-action", "Allow with NotAction grants every action not "
                    + "listed, including actions AWS adds later; list the allowed actions instead");
        }
        if (resources.negated()) {
            warn(path + ".NotResource", obj, "allow-not-resource", "Allow with NotResource grants every resource "
                    + "not listed, in every service; list the allowed resources instead");
        }
        boolean allActions = !actions.negated() && actions.patterns().stream().anyMatch(w -> w.pattern().equals("*")
                || w.pattern().equals("*:*"));
        boolean allResources = !resources.present() || (!resources.negated()
                && resources.patterns().stream().anyMatch(ArnPattern::matchesAll));
        if (allActions && allResources && conditions.isEmpty() && principals.isEmpty()) {
            warn(path, obj, "allow-all", "Allow of \"*\" on \"*\" without conditions is full administrator access");
        }
        if (principals.isPresent() && principals.get().negated()) {
            warn(path + ".NotPrincipal", obj, "allow-not-principal", "Allow with NotPrincipal grants access to "
                    + "every principal not listed, including anonymous callers");
        }
        if (principals.isPresent() && !principals.get().negated() && conditions.isEmpty()
                && principals.get().patterns().stream().anyMatch(p -> p.value().equals("*"))) {
            warn(path + ".Principal", obj, "public-principal", "Principal \"*\" without a Condition allows "
                    + "anyone, including anonymous callers; add a condition such as aws:PrincipalOrgID");
        }
    }

    // ---- shape helpers -------------------------------------------------------------------

    /** A string from the source with where it was found. */
    private record Located(String text, String path, Json node) {}

    private String exactlyOne(Json.Obj obj, String path, String a, String b, boolean required)
            throws PolicyParseException {
        boolean hasA = obj.members().containsKey(a);
        boolean hasB = obj.members().containsKey(b);
        if (hasA && hasB) {
            throw fault(path + "." + b, obj.members().get(b).value(), "a statement may have " + a + " or " + b
                    + ", not both");
        }
        if (!hasA && !hasB) {
            if (required) {
                throw fault(path, obj, "missing " + a + " (or " + b + "); a statement in a " + kind.description()
                        + " needs one");
            }
            return null;
        }
        return hasA ? a : b;
    }

    private List<Located> strings(Json v, String path, String what) throws PolicyParseException {
        List<Located> out = new ArrayList<>();
        if (v instanceof Json.Str s) {
            out.add(new Located(s.value(), path, v));
            return out;
        }
        if (!(v instanceof Json.Arr arr)) {
            throw fault(path, v, "expected a string or an array of strings (" + what + "), found " + v.typeName());
        }
        if (arr.items().isEmpty()) {
            throw fault(path, v, "empty array; give at least one " + what);
        }
        for (int i = 0; i < arr.items().size(); i++) {
            Json item = arr.items().get(i);
            out.add(new Located(string(item, path + "[" + i + "]", what), path + "[" + i + "]", item));
        }
        return out;
    }

    /** Condition values: strings, numbers or booleans, alone or in a non-empty array. */
    private List<Located> scalars(Json v, String path) throws PolicyParseException {
        List<Located> out = new ArrayList<>();
        if (v instanceof Json.Arr arr) {
            if (arr.items().isEmpty()) {
                throw fault(path, v, "empty array; give at least one condition value");
            }
            for (int i = 0; i < arr.items().size(); i++) {
                out.add(scalar(arr.items().get(i), path + "[" + i + "]"));
            }
        } else {
            out.add(scalar(v, path));
        }
        return out;
    }

    private Located scalar(Json v, String path) throws PolicyParseException {
        if (v instanceof Json.Str s) {
            return new Located(s.value(), path, v);
        }
        if (v instanceof Json.Num n) {
            return new Located(n.text(), path, v);
        }
        if (v instanceof Json.Bool b) {
            return new Located(Boolean.toString(b.value()), path, v);
        }
        throw fault(path, v, "expected a condition value (string, number or boolean), found " + v.typeName());
    }

    private String string(Json v, String path, String what) throws PolicyParseException {
        if (v instanceof Json.Str s) {
            return s.value();
        }
        throw fault(path, v, "expected " + what + ", found " + v.typeName());
    }

    private Json.Obj object(Json v, String path, String what) throws PolicyParseException {
        if (v instanceof Json.Obj o) {
            return o;
        }
        throw fault(path, v, "expected " + what + ", found " + v.typeName());
    }

    private void checkKeys(Json.Obj obj, String path, List<String> allowed, String what) throws PolicyParseException {
        for (Json.Member m : obj.members().values()) {
            if (!allowed.contains(m.key())) {
                throw new PolicyParseException(name, path + pathKey(m.key()), m.keyLocation().line(),
                        m.keyLocation().column(), "unknown element \"" + m.key() + "\" in " + what
                                + Suggestions.didYouMean(m.key(), allowed) + "; allowed: " + String.join(", ", allowed));
            }
        }
    }

    static String pathKey(String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + key : "[\"" + key.replace("\"", "\\\"") + "\"]";
    }

    private PolicyParseException fault(String path, Json at, String problem) {
        return new PolicyParseException(name, path, at.location().line(), at.location().column(), problem);
    }

    private void warn(String path, Json at, String code, String message) {
        warnings.add(new PolicyWarning(path, at.location().line(), at.location().column(), code, message));
    }
}
