package dev.airlock.cli.differential;

import static dev.airlock.cli.differential.Catalog.ACCOUNT;
import static dev.airlock.cli.differential.Catalog.OTHER_ACCOUNT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.cli.differential.Catalog.Action;
import dev.airlock.cli.differential.Catalog.Res;
import dev.airlock.cli.differential.Catalog.Shape;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Generates requests in the {@code airlock check --batch} format for the differential test, from a
 * seed. Each feature of the engine has its own scenario generator that builds policies and a
 * request context designed so that the feature decides the outcome about half the time, and that
 * every decision (allowed, implicitly denied, explicitly denied) occurs often.
 *
 * <p>Only requests the reference evaluator accepts are produced: real actions, resource ARNs that
 * fit the action's resource types, condition keys the action defines, one value for single-valued
 * keys, no wildcard in the request's resource.
 */
final class RequestGenerator {

    /** One generated request: the feature it exercises and its batch-format JSON line. */
    record Case(String feature, String line) {}

    /** A calling principal. */
    record Caller(String arn, String account, Kind kind, String username, String roleArn, String userArn) {
        /** ROLE: a bare role ARN, which the engine reads as one of the role's sessions. */
        enum Kind { USER, SESSION, FEDERATED, SERVICE, ROLE }

        boolean session() {
            return kind == Kind.SESSION || kind == Kind.FEDERATED || kind == Kind.ROLE;
        }
    }

    static final Caller ALICE = new Caller("arn:aws:iam::" + ACCOUNT + ":user/alice", ACCOUNT, Caller.Kind.USER,
            "alice", null, null);
    static final Caller BOB = new Caller("arn:aws:iam::" + ACCOUNT + ":user/engineering/bob", ACCOUNT,
            Caller.Kind.USER, "bob", null, null);
    static final Caller APP_SESSION = new Caller("arn:aws:sts::" + ACCOUNT + ":assumed-role/AppRole/app-session",
            ACCOUNT, Caller.Kind.SESSION, null, "arn:aws:iam::" + ACCOUNT + ":role/service/AppRole", null);
    static final Caller CAROL_FEDERATED = new Caller("arn:aws:sts::" + ACCOUNT + ":federated-user/carol", ACCOUNT,
            Caller.Kind.FEDERATED, null, null, "arn:aws:iam::" + ACCOUNT + ":user/carol");
    static final Caller EVE = new Caller("arn:aws:iam::" + OTHER_ACCOUNT + ":user/eve", OTHER_ACCOUNT,
            Caller.Kind.USER, "eve", null, null);
    static final Caller PARTNER_SESSION = new Caller("arn:aws:sts::" + OTHER_ACCOUNT
            + ":assumed-role/PartnerRole/partner", OTHER_ACCOUNT, Caller.Kind.SESSION, null,
            "arn:aws:iam::" + OTHER_ACCOUNT + ":role/PartnerRole", null);
    static final Caller APP_ROLE = new Caller("arn:aws:iam::" + ACCOUNT + ":role/service/AppRole", ACCOUNT,
            Caller.Kind.ROLE, null, "arn:aws:iam::" + ACCOUNT + ":role/service/AppRole", null);
    static final Caller LAMBDA_SERVICE = new Caller("lambda.amazonaws.com", null, Caller.Kind.SERVICE, null, null,
            null);
    static final Caller SNS_SERVICE = new Caller("sns.amazonaws.com", null, Caller.Kind.SERVICE, null, null, null);

    static final List<Caller> SAME_ACCOUNT_CALLERS = List.of(ALICE, BOB, APP_SESSION);
    static final List<Caller> ALL_IAM_CALLERS = List.of(ALICE, BOB, APP_SESSION, CAROL_FEDERATED, EVE,
            PARTNER_SESSION);

    private final Random r;
    private final List<Case> cases = new ArrayList<>();

    private RequestGenerator(long seed) {
        this.r = new Random(seed);
    }

    /** All requests for {@code seed}; the same seed always yields the same requests. */
    static List<Case> generate(long seed) {
        RequestGenerator g = new RequestGenerator(seed);
        g.all();
        return List.copyOf(g.cases);
    }

    private void all() {
        repeat(450, this::actionMatching);
        repeat(450, this::resourceMatching);
        repeat(200, this::resourceCase);
        repeat(350, this::variablesInResources);
        repeat(300, this::variablesInConditions);
        repeat(120, this::variablesUnresolvedNegated);
        for (Family f : Family.values()) {
            repeat(220, () -> singleCondition(f));
        }
        repeat(250, this::ifExists);
        repeat(250, this::negatedAbsent);
        repeat(400, this::setOperators);
        repeat(200, this::keyCase);
        repeat(300, this::multipleConditions);
        repeat(400, this::scps);
        repeat(300, this::rcps);
        repeat(650, this::resourcePolicies);
        repeat(350, this::permissionBoundaries);
        repeat(100, this::notPrincipalDenyWithBoundary);
        repeat(400, this::sessionPolicies);
        repeat(350, this::denyInEveryLayer);
        repeat(150, this::wildcardOnlyActions);
        repeat(100, this::servicePrincipals);
        repeat(500, this::everything);
        repeat(80, this::datesMixedFormats);
        repeat(60, this::rcpOnUngovernedService);
        repeat(60, this::version2008);
        repeat(60, this::s3WildcardRegionAndBucket);
        repeat(300, this::kmsKeyPolicies);
        repeat(250, this::roleTrustPolicies);
        repeat(200, this::roleArnCallers);
        repeat(60, this::getCallerIdentity);
        repeat(150, this::setOperatorsIfExists);
        repeat(150, this::plainOperatorOnMultivaluedKey);
        repeat(50, this::exponentNumbers);
        repeat(40, this::arnOperatorWithBareWildcard);
        repeat(40, this::commaJoinedActions);
    }

    private void repeat(int n, Runnable generator) {
        for (int i = 0; i < n; i++) {
            generator.run();
        }
    }

    // ---- randomness --------------------------------------------------------------------------

    private boolean chance(double p) {
        return r.nextDouble() < p;
    }

    private <T> T pick(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    @SafeVarargs
    private <T> T pickOf(T... items) {
        return items[r.nextInt(items.length)];
    }

    private int between(int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    private <T> List<T> some(List<T> pool, int min, int max) {
        int n = between(min, Math.min(max, pool.size()));
        List<T> copy = new ArrayList<>(pool);
        java.util.Collections.shuffle(copy, r);
        return new ArrayList<>(copy.subList(0, n));
    }

    private String randomCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(chance(0.5) ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return b.toString();
    }

    /** Flips the case of one letter; the text itself when it has none. */
    private String flipOneLetter(String s) {
        List<Integer> letters = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                letters.add(i);
            }
        }
        if (letters.isEmpty()) {
            return s;
        }
        int i = pick(letters);
        char c = s.charAt(i);
        char f = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        return s.substring(0, i) + f + s.substring(i + 1);
    }

    // ---- request under construction -----------------------------------------------------------

    /** The request context: each key is decided once (present with a value, or absent). */
    final class Ctx {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, String> writtenAs = new LinkedHashMap<>();
        private final Set<String> absent = new LinkedHashSet<>();
        boolean mangleKeys;

        boolean decided(String key) {
            String k = key.toLowerCase(Locale.ROOT);
            return writtenAs.containsKey(k) || absent.contains(k);
        }

        /** The key's value (String or List), deciding it now with {@code pPresent} when undecided; null when absent. */
        Object decide(String key, double pPresent, Supplier<Object> value) {
            String k = key.toLowerCase(Locale.ROOT);
            if (writtenAs.containsKey(k)) {
                return values.get(writtenAs.get(k));
            }
            if (absent.contains(k)) {
                return null;
            }
            if (chance(pPresent)) {
                String as = mangleKeys ? randomCase(key) : key;
                Object v = value.get();
                writtenAs.put(k, as);
                values.put(as, v);
                return v;
            }
            absent.add(k);
            return null;
        }

        void put(String key, Object value) {
            decide(key, 1.0, () -> value);
        }

        void remove(String key) {
            String k = key.toLowerCase(Locale.ROOT);
            String as = writtenAs.remove(k);
            if (as != null) {
                values.remove(as);
            }
            absent.add(k);
        }

        ObjectNode toJson() {
            ObjectNode o = Json.obj();
            values.forEach((k, v) -> {
                if (v instanceof List<?> list) {
                    ArrayNode a = o.putArray(k);
                    list.forEach(x -> a.add((String) x));
                } else {
                    o.put(k, (String) v);
                }
            });
            return o;
        }
    }

    /** The policies and request being generated. */
    final class Req {
        final String feature;
        Caller caller;
        Action action;
        Res res;
        String resource;
        String resourceAccount;
        final List<JsonNode> identity = new ArrayList<>();
        ObjectNode resourcePolicy;
        ObjectNode sessionPolicy;
        ObjectNode boundary;
        List<List<JsonNode>> scps;
        List<List<JsonNode>> rcps;
        final Ctx ctx = new Ctx();

        Req(String feature, Caller caller, Action action, String owner) {
            this.feature = feature;
            this.caller = caller;
            this.action = action;
            if (action.shape() == Shape.ALL) {
                this.resource = "*";
            } else {
                this.res = Catalog.resource(action.shape(), owner, r);
                this.resource = res.arn();
                if (res.account().isEmpty() && !owner.equals(caller.account())) {
                    resourceAccount = owner;
                } else if (chance(0.1)) {
                    resourceAccount = owner;
                }
            }
        }

        String owner() {
            if (resourceAccount != null) {
                return resourceAccount;
            }
            if (res != null && !res.account().isEmpty()) {
                return res.account();
            }
            return caller.account() == null ? ACCOUNT : caller.account();
        }

        boolean sameAccount() {
            return caller.account() != null && caller.account().equals(owner());
        }

        void identity(List<ObjectNode> statements) {
            identity.add(named("identity-" + identity.size(), policy(statements)));
        }

        void emit() {
            ObjectNode o = Json.obj();
            ArrayNode ids = o.putArray("identityPolicies");
            identity.forEach(ids::add);
            if (resourcePolicy != null) {
                o.set("resourcePolicy", chance(0.2) ? named("bucket-policy", resourcePolicy) : resourcePolicy);
            }
            if (sessionPolicy != null) {
                o.set("sessionPolicy", sessionPolicy);
            }
            if (boundary != null) {
                o.set("permissionBoundary", chance(0.3) ? named("boundary", boundary) : boundary);
            }
            if (scps != null) {
                o.set("scps", levels(scps));
            }
            if (rcps != null) {
                o.set("rcps", levels(rcps));
            }
            o.put("action", action.name());
            o.put("resource", resource);
            if (resourceAccount != null) {
                o.put("resourceAccount", resourceAccount);
            }
            o.put("principal", caller.arn());
            ObjectNode c = ctx.toJson();
            if (c.size() > 0 || chance(0.5)) {
                o.set("context", c);
            }
            cases.add(new Case(feature, Json.write(o)));
        }

        private ArrayNode levels(List<List<JsonNode>> levels) {
            ArrayNode a = Json.F.arrayNode();
            for (List<JsonNode> level : levels) {
                a.add(Json.arr(level));
            }
            return a;
        }
    }

    private JsonNode named(String name, ObjectNode policy) {
        if (chance(0.5)) {
            ObjectNode n = Json.obj();
            n.put("name", name);
            n.set("policy", policy);
            return n;
        }
        return policy;
    }

    private ObjectNode policy(List<ObjectNode> statements) {
        return policy(statements, "2012-10-17");
    }

    private ObjectNode policy(List<ObjectNode> statements, String version) {
        ObjectNode p = Json.obj();
        if (version != null) {
            p.put("Version", version);
        }
        if (statements.size() == 1 && chance(0.4)) {
            p.set("Statement", statements.get(0));
        } else {
            p.set("Statement", Json.arr(statements));
        }
        return p;
    }

    /** A statement; {@code actions}/{@code resources} may be null to leave the element out. */
    private ObjectNode statement(String effect, boolean notAction, List<String> actions, boolean notResource,
            List<String> resources) {
        ObjectNode s = Json.obj();
        s.put("Effect", effect);
        if (actions != null) {
            s.set(notAction ? "NotAction" : "Action", Json.stringOrArray(actions, chance(0.3)));
        }
        if (resources != null) {
            s.set(notResource ? "NotResource" : "Resource", Json.stringOrArray(resources, chance(0.3)));
        }
        return s;
    }

    private ObjectNode allow(List<String> actions, List<String> resources) {
        return statement("Allow", false, actions, false, resources);
    }

    private ObjectNode deny(List<String> actions, List<String> resources) {
        return statement("Deny", false, actions, false, resources);
    }

    private static void sids(List<ObjectNode> statements) {
        for (int i = 0; i < statements.size(); i++) {
            statements.get(i).put("Sid", "S" + i);
        }
    }

    /** A condition block under construction: operator to key to values. */
    static final class Cond {
        final ObjectNode node = Json.obj();

        boolean has(String op, String key) {
            return node.has(op) && node.get(op).has(key);
        }

        void add(String op, String key, JsonNode values) {
            ObjectNode keys = node.has(op) ? (ObjectNode) node.get(op) : node.putObject(op);
            keys.set(key, values);
        }

        boolean isEmpty() {
            return node.size() == 0;
        }
    }

    private void withCondition(ObjectNode statement, Cond c) {
        if (!c.isEmpty()) {
            statement.set("Condition", c.node);
        }
    }

    // ---- action and resource patterns ----------------------------------------------------------

    /** A pattern that matches {@code a}. */
    private String matchingActionPattern(Action a) {
        String svc = a.service();
        String name = a.localName();
        int cut = between(1, name.length() - 1);
        int q = r.nextInt(name.length());
        return switch (r.nextInt(9)) {
            case 0 -> a.name();
            case 1 -> randomCase(svc) + ":" + randomCase(name);
            case 2 -> svc + ":*";
            case 3 -> "*";
            case 4 -> svc + ":" + name.substring(0, cut) + "*";
            case 5 -> svc + ":*" + name.substring(cut);
            case 6 -> svc + ":" + name.substring(0, q) + "?" + name.substring(q + 1);
            case 7 -> svc + ":" + randomCase(name.substring(0, cut)) + "*";
            default -> svc + ":" + name.substring(0, cut) + "*" + name.substring(Math.min(name.length(), cut + 2));
        };
    }

    /** A pattern that does not match {@code a}. */
    private String otherActionPattern(Action a) {
        String svc = a.service();
        String name = a.localName();
        return switch (r.nextInt(7)) {
            case 0 -> {
                List<Action> siblings = Catalog.ACTIONS.stream()
                        .filter(x -> x.service().equals(svc) && !x.name().equals(a.name())).toList();
                yield siblings.isEmpty() ? svc + ":Nothing" : pick(siblings).name();
            }
            case 1 -> pickOf("sqs", "sns", "s3", "dynamodb", "ec2").equals(svc) ? "kms:" + name
                    : pickOf("sqs", "sns", "ec2") + ":" + name;
            case 2 -> svc + ":" + name + "?";
            case 3 -> svc + ":" + name.substring(1);
            case 4 -> svc + ":" + name + "s*";
            case 5 -> pick(Catalog.ACTIONS).service() + ":Describe*";
            default -> svc + ":" + name.substring(0, name.length() - 1);
        };
    }

    private String actionPattern(Action a, double pMatch) {
        return chance(pMatch) ? matchingActionPattern(a) : otherActionPattern(a);
    }

    private List<String> actionPatterns(Action a, double pAnyMatch) {
        List<String> out = new ArrayList<>();
        int n = between(1, 3);
        boolean match = chance(pAnyMatch);
        for (int i = 0; i < n; i++) {
            out.add(otherActionPattern(a));
        }
        if (match) {
            out.set(r.nextInt(n), matchingActionPattern(a));
        }
        return out;
    }

    /** A resource pattern for the request's resource that matches with probability about {@code pMatch}. */
    private String resourcePattern(Req q, double pMatch) {
        if (q.res == null) {
            return chance(0.7) ? "*" : pickOf("arn:aws:s3:::*", "arn:aws:ec2:*:*:instance/*", "arn:*:iam::*:*");
        }
        if (chance(0.08)) {
            return "*";
        }
        Res res = q.res;
        String[] original = {res.partition(), res.service(), res.region(), res.account(), res.id()};
        String[] p = original.clone();
        int mods = between(0, 2);
        for (int i = 0; i < mods; i++) {
            int part = r.nextInt(5);
            p[part] = matchingMod(original[part], part);
        }
        if (!chance(pMatch)) {
            nonMatchingMod(p, res);
        }
        return "arn:" + p[0] + ":" + p[1] + ":" + p[2] + ":" + p[3] + ":" + res.type() + p[4];
    }

    /** A wildcard pattern that still matches {@code v}, part {@code part} of an ARN. */
    private String matchingMod(String v, int part) {
        switch (part) {
            case 0:
                return pickOf("*", "aws", "a?s", "aw*");
            case 1:
                // IAM User Guide, "IAM JSON policy elements: Resource": no wildcards in the service
                // segment, so the service stays literal.
                return v;
            case 2:
            case 3:
                if (v.isEmpty()) {
                    return pickOf("", "*");
                }
                if (v.length() == 12 && chance(0.3)) {
                    return "????????????";
                }
                int cut = between(1, v.length() - 1);
                return pickOf("*", v.substring(0, cut) + "*", v.substring(0, cut) + "?" + v.substring(cut + 1));
            default:
                return idWildcard(v);
        }
    }

    private String idWildcard(String id) {
        if (id.length() < 2) {
            return "*";
        }
        int cut = between(1, id.length() - 1);
        int q = r.nextInt(id.length());
        return switch (r.nextInt(6)) {
            case 0 -> "*";
            case 1 -> id.substring(0, cut) + "*";
            case 2 -> "*" + id.substring(cut);
            case 3 -> id.substring(0, q) + "?" + id.substring(q + 1);
            case 4 -> id + "*";
            default -> id.substring(0, cut) + "*" + id.substring(Math.min(id.length(), cut + 1));
        };
    }

    private void nonMatchingMod(String[] p, Res res) {
        switch (r.nextInt(6)) {
            case 0 -> p[0] = "aws-cn";
            case 1 -> p[2] = res.region().isEmpty() ? "us-east-1" : (res.region().equals("us-east-1") ? "eu-west-1"
                    : "us-east-1");
            case 2 -> p[3] = res.account().isEmpty() ? ACCOUNT
                    : (res.account().equals(ACCOUNT) ? OTHER_ACCOUNT : ACCOUNT);
            case 3 -> p[4] = res.id() + "?";
            case 4 -> p[4] = res.id().substring(1);
            default -> {
                String flipped = flipOneLetter(res.id());
                p[4] = flipped.equals(res.id()) ? res.id() + "x" : flipped;
            }
        }
    }

    private List<String> resourcePatterns(Req q, double pAnyMatch) {
        int n = between(1, 3);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(resourcePattern(q, 0.0));
        }
        if (chance(pAnyMatch)) {
            out.set(r.nextInt(n), resourcePattern(q, 1.0));
        }
        return out;
    }

    // ---- condition families -------------------------------------------------------------------

    enum Family { STRING, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL }

    private static final List<String> STRING_OPS = List.of("StringEquals", "StringNotEquals",
            "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike");
    private static final List<String> NUMERIC_OPS = List.of("NumericEquals", "NumericNotEquals", "NumericLessThan",
            "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals");
    private static final List<String> DATE_OPS = List.of("DateEquals", "DateNotEquals", "DateLessThan",
            "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals");
    private static final List<String> IP_OPS = List.of("IpAddress", "NotIpAddress");
    private static final List<String> ARN_OPS = List.of("ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike");

    private static final Map<String, List<String>> STRING_KEYS = Map.of(
            "aws:PrincipalTag/team", List.of("eng", "Eng", "ops", "fin-ops", "eng-data", "qa"),
            "aws:RequestedRegion", List.of("us-east-1", "eu-west-1", "us-west-2", "EU-WEST-1"),
            "aws:PrincipalOrgID", List.of("o-abc123", "o-xyz789", "O-ABC123"),
            "aws:SourceVpc", List.of("vpc-111", "vpc-222", "vpc-1a2b"));
    private static final List<String> NUMBERS_REQUEST = List.of("0", "1", "59", "60", "61", "300", "3600", "86400",
            "60.5", "-1");
    private static final List<String> NUMBERS_POLICY = List.of("0", "60", "60.0", "300", "3600", "-1", "0.5", "86400");
    private static final List<String> BINARY = List.of("QUJD", "YWJj", "AAEC", "3q2+7w==");
    private static final List<String> IP_POLICY = List.of("10.0.0.0/8", "192.0.2.0/24", "203.0.113.7",
            "203.0.113.7/32", "198.51.100.0/25", "2001:db8::/32", "2001:db8:abcd::/48", "fd00::/8", "172.16.0.0/12",
            "0.0.0.0/0", "::/0", "2001:db8::1");
    private static final List<String> IP_REQUEST = List.of("10.1.2.3", "192.0.2.55", "203.0.113.7", "203.0.113.8",
            "198.51.100.1", "198.51.100.200", "172.31.255.255", "172.32.0.1", "2001:db8::1", "2001:db8:abcd:12::5",
            "fd12:3456::1", "2600:1f18::1");
    private static final List<String> ARN_POLICY = List.of(
            "arn:aws:iam::" + ACCOUNT + ":user/alice", "arn:aws:iam::" + ACCOUNT + ":user/*",
            "arn:aws:iam::*:role/service/AppRole", "arn:aws:iam::" + ACCOUNT + ":role/*",
            "arn:aws:iam::" + ACCOUNT + ":user/Alice", "arn:aws:iam::" + OTHER_ACCOUNT + ":user/eve",
            "arn:aws:iam::????????????:user/eve", "arn:aws:lambda:*:" + ACCOUNT + ":function:*",
            "arn:aws:sns:us-east-1:" + ACCOUNT + ":deploys", "arn:aws:sns:*:*:*", "arn:aws:iam::*:*");
    private static final List<String> ARN_REQUEST = List.of(
            "arn:aws:iam::" + ACCOUNT + ":user/alice", "arn:aws:iam::" + ACCOUNT + ":user/engineering/bob",
            "arn:aws:iam::" + ACCOUNT + ":role/service/AppRole", "arn:aws:iam::" + OTHER_ACCOUNT + ":user/eve",
            "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:process-orders",
            "arn:aws:sns:us-east-1:" + ACCOUNT + ":deploys", "arn:aws:sns:eu-west-1:" + OTHER_ACCOUNT + ":alarms");
    private static final List<String> BOOL_KEYS = List.of("aws:SecureTransport", "aws:MultiFactorAuthPresent",
            "aws:ViaAWSService");
    private static final List<String> NULL_KEYS = List.of("aws:PrincipalTag/team", "aws:SourceIp",
            "aws:TokenIssueTime", "aws:MultiFactorAuthAge", "aws:SourceVpc", "aws:PrincipalTag/cert");

    /** 2024-06-01T12:00:00Z. */
    private static final long T0 = 1717243200L;
    private static final List<Long> DATE_OFFSETS = List.of(-86400L, -43200L, -3600L, -1L, 0L, 1L, 3600L, 86400L);

    /**
     * What a condition needs: its key, a supplier of the request's value for it, and the policy's
     * values for an operator of the family.
     */
    record Probe(String op, String key, Supplier<Object> requestValue, JsonNode policyValues) {}

    /** A probe of {@code family} for a request of action {@code a}; {@code op} null to pick one. */
    private Probe probe(Family family, Action a, String op) {
        switch (family) {
            case STRING -> {
                String key;
                List<String> pool;
                if (!a.stringKeys().isEmpty() && chance(0.35)) {
                    key = pick(a.stringKeys());
                    pool = Catalog.valuesOf(key);
                } else {
                    key = pick(new ArrayList<>(STRING_KEYS.keySet()).stream().sorted().toList());
                    pool = STRING_KEYS.get(key);
                }
                String o = op != null ? op : pick(STRING_OPS);
                List<String> values = new ArrayList<>();
                for (int i = between(1, 3); i > 0; i--) {
                    values.add(o.contains("Like") ? likePattern(pick(pool)) : pick(pool));
                }
                return new Probe(o, key, () -> pick(pool), values(values));
            }
            case NUMERIC -> {
                String key = a.name().equals("s3:ListBucket") && chance(0.4) ? "s3:max-keys" : "aws:MultiFactorAuthAge";
                List<String> values = some(NUMBERS_POLICY, 1, 3);
                JsonNode pv = values.size() == 1 && chance(0.3) && !values.get(0).contains(".")
                        ? Json.F.numberNode(Long.parseLong(values.get(0))) : values(values);
                return new Probe(op != null ? op : pick(NUMERIC_OPS), key, () -> pick(NUMBERS_REQUEST), pv);
            }
            case DATE -> {
                boolean epoch = chance(0.35);
                String key = epoch ? "aws:EpochTime" : pickOf("aws:CurrentTime", "aws:TokenIssueTime");
                List<String> values = new ArrayList<>();
                for (int i = between(1, 2); i > 0; i--) {
                    values.add(epoch ? epochDate() : isoDate());
                }
                return new Probe(op != null ? op : pick(DATE_OPS), key,
                        () -> epoch ? epochDate() : isoDate(), values(values));
            }
            case BOOL -> {
                String key = pick(BOOL_KEYS);
                JsonNode pv = switch (r.nextInt(5)) {
                    case 0 -> Json.F.booleanNode(true);
                    case 1 -> Json.F.booleanNode(false);
                    case 2 -> Json.F.textNode("True");
                    case 3 -> Json.F.textNode("false");
                    default -> Json.F.textNode("true");
                };
                return new Probe("Bool", key, () -> pickOf("true", "false", "TRUE", "False", "true", "false"), pv);
            }
            case BINARY -> {
                return new Probe("BinaryEquals", "aws:PrincipalTag/cert", () -> pick(BINARY),
                        values(some(BINARY, 1, 2)));
            }
            case IP -> {
                return new Probe(op != null ? op : pick(IP_OPS), "aws:SourceIp", () -> pick(IP_REQUEST),
                        values(some(IP_POLICY, 1, 3)));
            }
            case ARN -> {
                String key = pickOf("aws:PrincipalArn", "aws:SourceArn");
                return new Probe(op != null ? op : pick(ARN_OPS), key, () -> pick(ARN_REQUEST),
                        values(some(ARN_POLICY, 1, 3)));
            }
            default -> {
                String key = pick(NULL_KEYS);
                JsonNode pv = chance(0.3) ? Json.F.booleanNode(chance(0.5)) : Json.F.textNode(pickOf("true", "false"));
                return new Probe("Null", key, () -> nullKeyValue(key), pv);
            }
        }
    }

    private String nullKeyValue(String key) {
        return switch (key) {
            case "aws:SourceIp" -> pick(IP_REQUEST);
            case "aws:TokenIssueTime" -> isoDate();
            case "aws:MultiFactorAuthAge" -> pick(NUMBERS_REQUEST);
            case "aws:PrincipalTag/cert" -> pick(BINARY);
            default -> pick(STRING_KEYS.getOrDefault(key, List.of("x")));
        };
    }

    private JsonNode values(List<String> values) {
        return Json.stringOrArray(values, chance(0.25));
    }

    private String likePattern(String v) {
        if (v.length() < 2) {
            return pickOf("*", v + "*", v);
        }
        int cut = between(1, v.length() - 1);
        int q = r.nextInt(v.length());
        return switch (r.nextInt(7)) {
            case 0 -> v;
            case 1 -> v.substring(0, cut) + "*";
            case 2 -> "*" + v.substring(cut);
            case 3 -> v.substring(0, q) + "?" + v.substring(q + 1);
            case 4 -> "*";
            case 5 -> flipOneLetter(v.substring(0, cut)) + "*";
            default -> v.substring(0, cut) + "*" + v.substring(Math.min(v.length(), cut + 1));
        };
    }

    private String isoDate() {
        long t = T0 + pick(DATE_OFFSETS);
        Instant i = Instant.ofEpochSecond(t);
        return switch (r.nextInt(4)) {
            case 0 -> DateTimeFormatter.ISO_INSTANT.format(i);
            case 1 -> DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC).format(i);
            case 2 -> DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.ofHours(2)).format(i);
            default -> t % 86400 == 0 ? DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(i)
                    : DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(t - t % 86400));
        };
    }

    private String epochDate() {
        return Long.toString(T0 + pick(DATE_OFFSETS));
    }

    /**
     * Adds a condition of {@code family} to {@code c}, deciding the request's value for its key.
     *
     * @param suffix "" or "IfExists"
     * @param pPresent how likely the key is in the request
     */
    private void condition(Cond c, Req q, Family family, String op, String prefix, String suffix, double pPresent) {
        Probe p = probe(family, q.action, op);
        String operator = prefix + p.op() + ("Null".equals(p.op()) ? "" : suffix);
        String key = q.ctx.mangleKeys ? randomCase(p.key()) : p.key();
        if (c.has(operator, key)) {
            return;
        }
        q.ctx.decide(p.key(), pPresent, p.requestValue());
        c.add(operator, key, p.policyValues());
    }

    private Family anyFamily() {
        return pick(List.of(Family.values()));
    }

    // ---- principals and callers -----------------------------------------------------------------

    /** Context keys a real request by {@code c} would carry; some left out at random. */
    private void baseContext(Req q) {
        Caller c = q.caller;
        if (c.kind() == Caller.Kind.SERVICE) {
            return;
        }
        if (c.username() != null) {
            q.ctx.decide("aws:username", 0.9, c::username);
        }
        if (chance(0.5)) {
            q.ctx.put("aws:PrincipalArn", c.roleArn() != null ? c.roleArn() : c.userArn() != null ? c.userArn() : c.arn());
        }
        if (chance(0.5)) {
            q.ctx.put("aws:PrincipalAccount", c.account());
        }
    }

    private Req request(String feature, Caller caller, Action action, String owner) {
        Req q = new Req(feature, caller, action, owner);
        return q;
    }

    private Req sameAccountRequest(String feature, List<Action> actions) {
        Req q = request(feature, pick(SAME_ACCOUNT_CALLERS), pick(actions), ACCOUNT);
        baseContext(q);
        return q;
    }

    private String exactResource(Req q) {
        return q.res == null ? "*" : q.resource;
    }

    /** An identity statement that allows the request (action and resource match). */
    private ObjectNode allowRequest(Req q) {
        return allow(List.of(matchingActionPattern(q.action)), List.of(chance(0.5) ? "*" : resourcePattern(q, 1.0)));
    }

    // ---- features --------------------------------------------------------------------------------

    /** Action and NotAction with wildcards, mixed case, lists. */
    private void actionMatching() {
        Req q = sameAccountRequest("action-matching", Catalog.ACTIONS);
        List<ObjectNode> st = new ArrayList<>();
        for (int i = between(1, 3); i > 0; i--) {
            boolean deny = chance(0.3);
            boolean not = chance(0.3);
            st.add(statement(deny ? "Deny" : "Allow", not, actionPatterns(q.action, not ? 0.5 : 0.65), false,
                    List.of(chance(0.6) ? "*" : exactResource(q))));
        }
        if (chance(0.3)) {
            sids(st);
        }
        q.identity(st);
        q.emit();
    }

    /** Resource and NotResource with wildcards in every ARN part. */
    private void resourceMatching() {
        Req q = sameAccountRequest("resource-matching", Catalog.withResources());
        List<ObjectNode> st = new ArrayList<>();
        for (int i = between(1, 3); i > 0; i--) {
            boolean deny = chance(0.3);
            boolean not = chance(0.3);
            st.add(statement(deny ? "Deny" : "Allow", false, List.of(chance(0.7) ? q.action.name()
                    : q.action.service() + ":*"), not, resourcePatterns(q, not ? 0.5 : 0.65)));
        }
        q.identity(st);
        q.emit();
    }

    /** Resources match case-sensitively; actions case-insensitively. */
    private void resourceCase() {
        Req q = sameAccountRequest("resource-case", Catalog.withResources());
        String[] variants = {q.resource, q.resource.substring(0, q.resource.length() - q.res.id().length())
                + flipOneLetter(q.res.id()), q.resource.substring(0, q.resource.length() - q.res.id().length())
                + q.res.id().toUpperCase(Locale.ROOT), q.resource.substring(0, q.resource.length() - q.res.id().length())
                + q.res.id().toLowerCase(Locale.ROOT) + (chance(0.5) ? "*" : "")};
        List<ObjectNode> st = new ArrayList<>();
        st.add(statement("Allow", false, List.of(randomCase(q.action.name())), chance(0.2),
                List.of(pickOf(variants))));
        if (chance(0.4)) {
            st.add(deny(List.of(randomCase(q.action.service()) + ":*"), List.of(pickOf(variants))));
        }
        q.identity(st);
        q.emit();
    }

    /** Policy variables in Resource: ${aws:username}, tags, defaults, ${*} ${?} ${$}, unresolvable. */
    private void variablesInResources() {
        Caller caller = pick(List.of(ALICE, BOB, APP_SESSION, CAROL_FEDERATED));
        Action a = Catalog.byName(pickOf("s3:GetObject", "s3:PutObject", "s3:GetObject", "dynamodb:GetItem",
                "iam:GetUser", "sqs:SendMessage"));
        Req q = request("variables-resource", caller, a, ACCOUNT);
        baseContext(q);
        Object team = q.ctx.decide("aws:PrincipalTag/team", 0.6, () -> pickOf("eng", "ops", "Eng"));
        Object user = q.ctx.decide("aws:username", 0.0, () -> "x");
        String prefix = q.resource.substring(0, q.resource.length() - q.res.id().length());
        String bucket = q.res.service().equals("s3") ? q.res.id().substring(0, q.res.id().indexOf('/') + 1) : "";
        // Make the request's resource line up with the variables' values about half the time.
        String who = pickOf(user != null ? (String) user : "alice", team != null ? (String) team : "eng", "shared",
                "bob");
        if (chance(0.6)) {
            String id = switch (q.res.service()) {
                case "s3" -> bucket + pickOf("home/", "") + who + "/" + pickOf("notes.txt", "a/b.csv");
                case "sqs" -> who + "-jobs";
                default -> who;
            };
            if (q.res.service().equals("s3") && chance(0.2)) {
                id = bucket + pickOf("what?.txt", "price$list", "literal?mark");
            }
            q.res = new Res(q.res.partition(), q.res.service(), q.res.region(), q.res.account(), q.res.type(), id);
            q.resource = q.res.arn();
        }
        List<String> patterns = new ArrayList<>();
        for (int i = between(1, 2); i > 0; i--) {
            String v = pickOf("${aws:username}", "${aws:PrincipalTag/team}", "${aws:PrincipalTag/team, 'shared'}",
                    "${aws:PrincipalTag/missing}", "${aws:userid}", "${AWS:UserName}", "${aws:username, 'bob'}");
            String tail = switch (q.res.service()) {
                case "s3" -> bucket + pickOf("home/", "") + v + "/" + pickOf("*", "notes.txt", "?/*", "*.csv");
                case "sqs" -> v + pickOf("-jobs", "*");
                default -> v + pickOf("", "*");
            };
            if (q.res.service().equals("s3") && chance(0.15)) {
                tail = bucket + pickOf("what${?}.txt", "price${$}list", "literal${?}mark", "what?.txt", "${*}");
            }
            patterns.add(prefix + tail);
        }
        boolean not = chance(0.15);
        List<ObjectNode> st = new ArrayList<>();
        st.add(statement("Allow", false, List.of(q.action.name()), not, patterns));
        if (chance(0.3)) {
            st.add(statement("Deny", false, List.of(q.action.service() + ":*"), false,
                    List.of(prefix + (bucket.isEmpty() ? "" : bucket) + "${aws:PrincipalTag/team, 'none'}*")));
        }
        q.identity(st);
        q.emit();
    }

    /** Policy variables in condition values (resolved, defaulted, escaped). */
    private void variablesInConditions() {
        Caller caller = pick(List.of(ALICE, BOB, APP_SESSION));
        Action a = Catalog.byName(pickOf("s3:ListBucket", "s3:ListBucket", "s3:GetObject", "sqs:SendMessage"));
        Req q = request("variables-condition", caller, a, ACCOUNT);
        baseContext(q);
        Object user = q.ctx.decide("aws:username", 0.0, () -> "x");
        q.ctx.decide("aws:PrincipalTag/team", 0.6, () -> pickOf("eng", "ops", "Eng"));
        String who = user != null ? (String) user : pickOf("alice", "bob");
        Cond c = new Cond();
        if (a.name().equals("s3:ListBucket")) {
            q.ctx.decide("s3:prefix", 0.85, () -> pickOf("home/" + who + "/", "home/" + who + "/docs/", "home/other/",
                    "home/", "public/", "a*b", "a?b", "price$"));
            String op = pickOf("StringLike", "StringLike", "StringEquals", "StringNotLike");
            c.add(op, "s3:prefix", values(some(List.of("home/${aws:username}/*", "home/${aws:username}/",
                    "home/${aws:PrincipalTag/team, 'shared'}/*", "a${*}b", "a${?}b", "price${$}", "${aws:username}",
                    "home/${aws:username, 'bob'}/*", "public/*"), 1, 2)));
        } else {
            q.ctx.decide("aws:PrincipalTag/project", 0.7, () -> pickOf("eng", "alice", "bob", "ops"));
            String op = pickOf("StringEquals", "StringEqualsIgnoreCase", "StringLike");
            c.add(op, "aws:PrincipalTag/project", values(some(List.of("${aws:username}", "${aws:PrincipalTag/team}",
                    "${aws:PrincipalTag/team, 'eng'}", "${aws:username}*"), 1, 2)));
        }
        if (chance(0.3)) {
            c.add("ArnLike", "aws:PrincipalArn", values(List.of("arn:aws:iam::" + ACCOUNT + ":user/${aws:username}",
                    "arn:aws:iam::" + ACCOUNT + ":user/*/${aws:username}")));
        }
        ObjectNode s = allow(List.of(q.action.name()), List.of(chance(0.5) ? "*" : exactResource(q)));
        withCondition(s, c);
        List<ObjectNode> st = new ArrayList<>(List.of(s));
        if (chance(0.25)) {
            ObjectNode d = deny(List.of(q.action.service() + ":*"), List.of("*"));
            Cond dc = new Cond();
            dc.add("StringEquals", "aws:PrincipalTag/team", values(List.of("${aws:username}", "ops")));
            withCondition(d, dc);
            st.add(d);
        }
        q.identity(st);
        q.emit();
    }

    /** Negated operators and NotResource whose value holds a variable the request cannot resolve. */
    private void variablesUnresolvedNegated() {
        Caller caller = pick(List.of(APP_SESSION, ALICE));
        Action a = Catalog.byName(pickOf("s3:GetObject", "dynamodb:GetItem"));
        Req q = request("variables-unresolved-negated", caller, a, ACCOUNT);
        baseContext(q);
        q.ctx.decide("aws:PrincipalTag/team", 0.8, () -> pickOf("eng", "ops"));
        List<ObjectNode> st = new ArrayList<>();
        st.add(allow(List.of(q.action.name()), List.of("*")));
        ObjectNode s = switch (r.nextInt(3)) {
            case 0 -> {
                ObjectNode d = deny(List.of(q.action.name()), List.of("*"));
                Cond c = new Cond();
                c.add(pickOf("StringNotEquals", "StringNotLike"), "aws:PrincipalTag/team",
                        values(List.of(pickOf("${aws:PrincipalTag/missing}", "${aws:userid}"))));
                withCondition(d, c);
                yield d;
            }
            case 1 -> {
                ObjectNode d = deny(List.of(q.action.name()), List.of("*"));
                Cond c = new Cond();
                q.ctx.decide("aws:SourceArn", 0.8, () -> pick(ARN_REQUEST));
                c.add(pickOf("ArnNotEquals", "ArnNotLike"), "aws:SourceArn",
                        values(List.of("arn:aws:iam::" + ACCOUNT + ":user/${aws:PrincipalTag/missing}")));
                withCondition(d, c);
                yield d;
            }
            default -> statement("Deny", false, List.of(q.action.name()), true,
                    List.of(q.resource.substring(0, q.resource.length() - q.res.id().length())
                            + "${aws:PrincipalTag/missing}*"));
        };
        st.add(s);
        q.identity(st);
        q.emit();
    }

    /** One condition of one operator family in an Allow, sometimes also in a Deny. */
    private void singleCondition(Family f) {
        Req q = sameAccountRequest("condition-" + f.name().toLowerCase(Locale.ROOT), Catalog.ACTIONS);
        List<ObjectNode> st = new ArrayList<>();
        ObjectNode s = allowRequest(q);
        Cond c = new Cond();
        condition(c, q, f, null, "", "", 0.85);
        withCondition(s, c);
        st.add(s);
        if (chance(0.45)) {
            ObjectNode d = deny(List.of(q.action.service() + ":*"), List.of("*"));
            Cond dc = new Cond();
            condition(dc, q, f, null, "", "", 0.85);
            withCondition(d, dc);
            st.add(d);
        }
        q.identity(st);
        q.emit();
    }

    /** ...IfExists with the key present and absent. */
    private void ifExists() {
        Req q = sameAccountRequest("condition-ifexists", Catalog.ACTIONS);
        List<ObjectNode> st = new ArrayList<>();
        ObjectNode s = allowRequest(q);
        Cond c = new Cond();
        Family f = pickOf(Family.STRING, Family.NUMERIC, Family.DATE, Family.BOOL, Family.IP, Family.ARN,
                Family.BINARY);
        condition(c, q, f, null, "", "IfExists", 0.5);
        withCondition(s, c);
        st.add(s);
        if (chance(0.4)) {
            ObjectNode d = deny(List.of("*"), List.of("*"));
            Cond dc = new Cond();
            condition(dc, q, pickOf(Family.STRING, Family.IP, Family.BOOL), null, "", "IfExists", 0.5);
            withCondition(d, dc);
            st.add(d);
        }
        q.identity(st);
        q.emit();
    }

    /** Negated operators: true when the key is absent. */
    private void negatedAbsent() {
        Req q = sameAccountRequest("condition-negated-absent", Catalog.ACTIONS);
        String op = pickOf("StringNotEquals", "StringNotLike", "StringNotEqualsIgnoreCase", "NumericNotEquals",
                "DateNotEquals", "NotIpAddress", "ArnNotEquals", "ArnNotLike");
        Family f = switch (op) {
            case "NumericNotEquals" -> Family.NUMERIC;
            case "DateNotEquals" -> Family.DATE;
            case "NotIpAddress" -> Family.IP;
            case "ArnNotEquals", "ArnNotLike" -> Family.ARN;
            default -> Family.STRING;
        };
        List<ObjectNode> st = new ArrayList<>();
        ObjectNode s = chance(0.5) ? allowRequest(q) : deny(List.of(matchingActionPattern(q.action)), List.of("*"));
        Cond c = new Cond();
        condition(c, q, f, op, "", "", 0.4);
        withCondition(s, c);
        st.add(s);
        if (s.get("Effect").asText().equals("Deny") || chance(0.3)) {
            st.add(allow(List.of("*"), List.of("*")));
        }
        q.identity(st);
        q.emit();
    }

    private static final Map<String, List<String>> ARRAY_KEYS = Map.of(
            "aws:TagKeys", List.of("env", "team", "cost-center", "Owner", "owner"),
            "aws:PrincipalOrgPaths", List.of("o-abc123/r-ab12/ou-ab12-11111111/", "o-abc123/r-ab12/ou-ab12-22222222/",
                    "o-abc123/r-ab12/"),
            "aws:CalledVia", List.of("athena.amazonaws.com", "cloudformation.amazonaws.com", "dynamodb.amazonaws.com"));
    private static final List<String> SET_BASE_OPS = List.of("StringEquals", "StringLike", "StringNotEquals",
            "StringNotLike", "StringEqualsIgnoreCase");

    /** ForAllValues / ForAnyValue with multi-valued keys (several, one, none, absent). */
    private void setOperators() {
        Req q = sameAccountRequest("condition-set-operators", Catalog.ACTIONS);
        List<ObjectNode> st = new ArrayList<>();
        boolean denyIt = chance(0.35);
        ObjectNode s = denyIt ? deny(List.of(matchingActionPattern(q.action)), List.of("*")) : allowRequest(q);
        Cond c = new Cond();
        for (int i = between(1, 2); i > 0; i--) {
            String prefix = pickOf("ForAllValues:", "ForAnyValue:");
            String base = pick(SET_BASE_OPS);
            String key;
            List<String> pool;
            boolean multi = true;
            if (q.action.name().startsWith("dynamodb:") && q.action.shape() != Shape.ALL && chance(0.3)) {
                key = "dynamodb:LeadingKeys";
                pool = List.of("alice", "bob", "u-1");
            } else if (chance(0.15)) {
                key = "aws:PrincipalTag/team";
                pool = STRING_KEYS.get(key);
                multi = false;
            } else {
                key = pick(ARRAY_KEYS.keySet().stream().sorted().toList());
                pool = ARRAY_KEYS.get(key);
            }
            List<String> finalPool = pool;
            if (multi) {
                q.ctx.decide(key, 0.8, () -> chance(0.1) ? List.of() : some(finalPool, 1, 3));
            } else {
                q.ctx.decide(key, 0.7, () -> pick(finalPool));
            }
            List<String> values = new ArrayList<>();
            for (int j = between(1, 3); j > 0; j--) {
                values.add(base.contains("Like") ? likePattern(pick(pool)) : pick(pool));
            }
            if (!c.has(prefix + base, key)) {
                c.add(prefix + base, key, values(values));
            }
        }
        withCondition(s, c);
        st.add(s);
        if (denyIt || chance(0.2)) {
            st.add(allow(List.of("*"), List.of("*")));
        }
        q.identity(st);
        q.emit();
    }

    /** Condition key names in any case, in the policy and in the request. */
    private void keyCase() {
        Req q = sameAccountRequest("condition-key-case", Catalog.ACTIONS);
        q.ctx.mangleKeys = true;
        List<ObjectNode> st = new ArrayList<>();
        ObjectNode s = allowRequest(q);
        Cond c = new Cond();
        for (int i = between(1, 2); i > 0; i--) {
            condition(c, q, pickOf(Family.STRING, Family.IP, Family.BOOL, Family.NUMERIC, Family.NULL), null, "",
                    chance(0.2) ? "IfExists" : "", 0.8);
        }
        withCondition(s, c);
        st.add(s);
        if (chance(0.35)) {
            ObjectNode d = deny(List.of("*"), List.of("*"));
            Cond dc = new Cond();
            condition(dc, q, pickOf(Family.STRING, Family.IP), null, "", "", 0.8);
            withCondition(d, dc);
            st.add(d);
        }
        q.identity(st);
        q.emit();
    }

    /** Several keys and operators (AND) with several values each (OR). */
    private void multipleConditions() {
        Req q = sameAccountRequest("condition-multiple", Catalog.ACTIONS);
        List<ObjectNode> st = new ArrayList<>();
        ObjectNode s = allowRequest(q);
        Cond c = new Cond();
        for (int i = between(2, 4); i > 0; i--) {
            condition(c, q, anyFamily(), null, "", chance(0.15) ? "IfExists" : "", 0.9);
        }
        withCondition(s, c);
        st.add(s);
        if (chance(0.3)) {
            ObjectNode d = deny(List.of(q.action.service() + ":*"), List.of("*"));
            Cond dc = new Cond();
            for (int i = between(1, 2); i > 0; i--) {
                condition(dc, q, anyFamily(), null, "", "", 0.9);
            }
            withCondition(d, dc);
            st.add(d);
        }
        q.identity(st);
        q.emit();
    }

    /** One SCP policy of a random kind for the request. */
    private ObjectNode scpPolicy(Req q) {
        List<ObjectNode> st = new ArrayList<>();
        switch (r.nextInt(9)) {
            case 0, 1 -> st.add(allow(List.of("*"), List.of("*")));
            case 2 -> st.add(allow(List.of(q.action.service() + ":*"), List.of("*")));
            case 3 -> st.add(allow(List.of(otherActionPattern(q.action)), List.of("*")));
            case 4 -> st.add(statement("Allow", true, List.of(actionPattern(q.action, 0.4)), false, List.of("*")));
            case 5 -> {
                st.add(allow(List.of("*"), List.of("*")));
                st.add(deny(List.of(actionPattern(q.action, 0.5)), List.of(resourcePattern(q, 0.6))));
            }
            case 6 -> {
                ObjectNode d = deny(List.of("*"), List.of("*"));
                Cond c = new Cond();
                q.ctx.decide("aws:RequestedRegion", 0.7, () -> pick(STRING_KEYS.get("aws:RequestedRegion")));
                c.add("StringNotEquals", "aws:RequestedRegion", values(List.of("us-east-1", "eu-west-1")));
                withCondition(d, c);
                st.add(d);
                if (chance(0.7)) {
                    st.add(allow(List.of("*"), List.of("*")));
                }
            }
            case 7 -> {
                ObjectNode a = allow(List.of("*"), List.of("*"));
                Cond c = new Cond();
                condition(c, q, pickOf(Family.STRING, Family.BOOL, Family.IP), null, "", "", 0.8);
                withCondition(a, c);
                st.add(a);
            }
            default -> st.add(allow(List.of(matchingActionPattern(q.action)), List.of(resourcePattern(q, 0.7))));
        }
        return policy(st);
    }

    /** Service control policies on one to three organisation levels. */
    private void scps() {
        Req q = sameAccountRequest("scp", Catalog.ACTIONS);
        if (chance(0.85)) {
            q.identity(List.of(allowRequest(q)));
        }
        q.scps = new ArrayList<>();
        for (int level = between(1, 3); level > 0; level--) {
            List<JsonNode> policies = new ArrayList<>();
            for (int i = between(1, 2); i > 0; i--) {
                policies.add(named("scp-" + q.scps.size() + "-" + i, scpPolicy(q)));
            }
            q.scps.add(policies);
        }
        q.emit();
    }

    /** One RCP (Deny only, Principal "*", no NotAction, Action not "*"). */
    private ObjectNode rcpPolicy(Req q) {
        ObjectNode d = Json.obj();
        d.put("Effect", "Deny");
        d.put("Principal", "*");
        String action = switch (r.nextInt(4)) {
            case 0 -> q.action.service() + ":*";
            case 1 -> q.action.name();
            case 2 -> otherActionPattern(q.action).equals("*") ? q.action.service() + ":Nothing"
                    : otherActionPattern(q.action);
            default -> matchingActionPattern(q.action).equals("*") ? q.action.service() + ":*"
                    : matchingActionPattern(q.action);
        };
        if (action.equals("*")) {
            action = q.action.service() + ":*";
        }
        d.set("Action", Json.stringOrArray(List.of(action), chance(0.3)));
        d.set(chance(0.15) ? "NotResource" : "Resource", Json.stringOrArray(List.of(chance(0.5) ? "*"
                : resourcePattern(q, 0.6)), false));
        Cond c = new Cond();
        switch (r.nextInt(5)) {
            case 0 -> {
                q.ctx.decide("aws:PrincipalAccount", 0.8, () -> q.caller.account());
                c.add("StringNotEqualsIfExists", "aws:PrincipalAccount", values(List.of(ACCOUNT)));
            }
            case 1 -> {
                q.ctx.decide("aws:SecureTransport", 0.8, () -> pickOf("true", "false"));
                c.add("Bool", "aws:SecureTransport", Json.F.textNode("false"));
            }
            case 2 -> {
                q.ctx.decide("aws:PrincipalOrgID", 0.7, () -> pick(STRING_KEYS.get("aws:PrincipalOrgID")));
                c.add("StringNotEquals", "aws:PrincipalOrgID", values(List.of("o-abc123")));
            }
            case 3 -> condition(c, q, pickOf(Family.IP, Family.STRING), null, "", "", 0.8);
            default -> { }
        }
        withCondition(d, c);
        return policy(List.of(d));
    }

    /** Resource control policies (services they govern), same- and cross-account. */
    private void rcps() {
        Action a = pick(Catalog.rcpGoverned());
        boolean cross = chance(0.3);
        Caller caller = cross ? pick(List.of(EVE, PARTNER_SESSION)) : pick(SAME_ACCOUNT_CALLERS);
        Req q = request("rcp", caller, a, ACCOUNT);
        baseContext(q);
        if (chance(0.85)) {
            q.identity(List.of(allowRequest(q)));
        }
        if (cross && a.resourcePolicy()) {
            ObjectNode s = allow(List.of(a.name()), List.of("*"));
            s.set("Principal", principalFor(q.caller));
            q.resourcePolicy = policy(List.of(s));
        }
        q.rcps = new ArrayList<>();
        for (int level = between(1, 3); level > 0; level--) {
            List<JsonNode> policies = new ArrayList<>();
            for (int i = between(0, 2); i > 0; i--) {
                policies.add(named("rcp-" + q.rcps.size() + "-" + i, rcpPolicy(q)));
            }
            q.rcps.add(policies);
        }
        q.emit();
    }

    private JsonNode principalFor(Caller c) {
        ObjectNode p = Json.obj();
        p.put("AWS", c.arn());
        return p;
    }

    /** A Principal (or NotPrincipal) value naming, or not, {@code c}. */
    private JsonNode principalValue(Caller c) {
        List<String> options = new ArrayList<>(List.of(c.account(), "arn:aws:iam::" + c.account() + ":root", c.arn(),
                "*", "arn:aws:iam::" + (c.account().equals(ACCOUNT) ? OTHER_ACCOUNT : ACCOUNT) + ":root",
                "arn:aws:iam::" + ACCOUNT + ":user/mallory", OTHER_ACCOUNT));
        if (c.roleArn() != null) {
            options.add(c.roleArn());
            options.add(c.roleArn());
        }
        if (c.userArn() != null) {
            options.add(c.userArn());
            options.add(c.userArn());
        }
        if (chance(0.1)) {
            return Json.F.textNode("*");
        }
        ObjectNode p = Json.obj();
        if (chance(0.08)) {
            p.set("Service", Json.stringOrArray(List.of(pickOf("lambda.amazonaws.com", "sns.amazonaws.com")), false));
            return p;
        }
        p.set("AWS", Json.stringOrArray(some(options, 1, chance(0.3) ? 3 : 1), chance(0.2)));
        return p;
    }

    private ObjectNode resourceStatement(Req q, String effect) {
        ObjectNode s = Json.obj();
        s.put("Effect", effect);
        boolean notPrincipal = chance(0.12);
        s.set(notPrincipal ? "NotPrincipal" : "Principal", principalValue(q.caller));
        s.set("Action", Json.stringOrArray(List.of(actionPattern(q.action, 0.85)), chance(0.3)));
        s.set("Resource", Json.stringOrArray(List.of(chance(0.4) ? "*" : resourcePattern(q, 0.8)), false));
        if (chance(0.25)) {
            Cond c = new Cond();
            condition(c, q, pickOf(Family.STRING, Family.IP, Family.BOOL, Family.ARN), null, "", "", 0.85);
            withCondition(s, c);
        }
        return s;
    }

    /** Resource policies, same- and cross-account, every kind of Principal and NotPrincipal. */
    private void resourcePolicies() {
        Action a = pick(Catalog.withResourcePolicies());
        Caller caller = pick(ALL_IAM_CALLERS);
        String owner = chance(0.65) ? ACCOUNT : OTHER_ACCOUNT;
        Req q = request("resource-policy", caller, a, owner);
        baseContext(q);
        double pIdentity = r.nextDouble();
        if (pIdentity < 0.6) {
            q.identity(List.of(allowRequest(q)));
        } else if (pIdentity < 0.75) {
            q.identity(List.of(allowRequest(q), deny(List.of(actionPattern(a, 0.6)), List.of("*"))));
        }
        List<ObjectNode> st = new ArrayList<>();
        for (int i = between(1, 3); i > 0; i--) {
            st.add(resourceStatement(q, chance(0.75) ? "Allow" : "Deny"));
        }
        q.resourcePolicy = policy(st);
        q.emit();
    }

    private ObjectNode boundaryPolicy(Req q) {
        List<ObjectNode> st = new ArrayList<>();
        switch (r.nextInt(7)) {
            case 0 -> st.add(allow(List.of("*"), List.of("*")));
            case 1 -> st.add(allow(List.of(q.action.service() + ":*"), List.of("*")));
            case 2 -> st.add(allow(List.of(otherActionPattern(q.action)), List.of("*")));
            case 3 -> st.add(statement("Allow", true, List.of(actionPattern(q.action, 0.4)), false, List.of("*")));
            case 4 -> {
                st.add(allow(List.of("*"), List.of("*")));
                st.add(deny(List.of(actionPattern(q.action, 0.6)), List.of("*")));
            }
            case 5 -> {
                ObjectNode a = allow(List.of("*"), List.of("*"));
                Cond c = new Cond();
                condition(c, q, pickOf(Family.STRING, Family.IP, Family.BOOL), null, "", "", 0.8);
                withCondition(a, c);
                st.add(a);
            }
            default -> st.add(allow(List.of(actionPattern(q.action, 0.6)), List.of(resourcePattern(q, 0.6))));
        }
        return policy(st);
    }

    /** Permissions boundaries with identity policies and resource policies naming the caller or not. */
    private void permissionBoundaries() {
        Action a = pick(chance(0.6) ? Catalog.withResourcePolicies() : Catalog.ACTIONS);
        Caller caller = pick(List.of(ALICE, BOB, APP_SESSION, APP_SESSION, EVE));
        Req q = request("permissions-boundary", caller, a, ACCOUNT);
        baseContext(q);
        if (chance(0.75)) {
            q.identity(List.of(allowRequest(q)));
        }
        q.boundary = boundaryPolicy(q);
        if (a.resourcePolicy() && (chance(0.5) || !q.sameAccount())) {
            List<ObjectNode> st = new ArrayList<>();
            for (int i = between(1, 2); i > 0; i--) {
                ObjectNode s = resourceStatement(q, chance(0.85) ? "Allow" : "Deny");
                st.add(s);
            }
            q.resourcePolicy = policy(st);
        }
        q.emit();
    }

    /** A Deny with NotPrincipal in a resource policy, for callers with and without a boundary. */
    private void notPrincipalDenyWithBoundary() {
        Action a = pick(Catalog.withResourcePolicies());
        Caller caller = pick(List.of(ALICE, APP_SESSION));
        Req q = request("boundary-notprincipal-deny", caller, a, ACCOUNT);
        baseContext(q);
        q.identity(List.of(allow(List.of("*"), List.of("*"))));
        if (chance(0.6)) {
            q.boundary = policy(List.of(allow(List.of("*"), List.of("*"))));
        }
        ObjectNode d = Json.obj();
        d.put("Effect", "Deny");
        ObjectNode np = Json.obj();
        List<String> listed = new ArrayList<>(List.of(caller.arn(), "arn:aws:iam::" + ACCOUNT + ":root"));
        if (caller.roleArn() != null) {
            listed.add(caller.roleArn());
        }
        np.set("AWS", Json.strings(chance(0.7) ? listed : List.of("arn:aws:iam::" + ACCOUNT + ":user/mallory")));
        d.set("NotPrincipal", np);
        d.put("Action", "*");
        d.put("Resource", "*");
        q.resourcePolicy = policy(List.of(d));
        q.emit();
    }

    private ObjectNode sessionPolicy(Req q) {
        List<ObjectNode> st = new ArrayList<>();
        switch (r.nextInt(7)) {
            case 0 -> st.add(allow(List.of("*"), List.of("*")));
            case 1 -> st.add(allow(List.of(q.action.service() + ":*"), List.of(resourcePattern(q, 0.7))));
            case 2 -> st.add(allow(List.of(otherActionPattern(q.action)), List.of("*")));
            case 3 -> st.add(statement("Allow", true, List.of(actionPattern(q.action, 0.4)), false, List.of("*")));
            case 4 -> {
                st.add(allow(List.of("*"), List.of("*")));
                st.add(deny(List.of(actionPattern(q.action, 0.6)), List.of("*")));
            }
            case 5 -> {
                ObjectNode a = allow(List.of("*"), List.of("*"));
                Cond c = new Cond();
                condition(c, q, pickOf(Family.STRING, Family.IP, Family.DATE), null, "", "", 0.8);
                withCondition(a, c);
                st.add(a);
            }
            default -> st.add(allow(List.of(matchingActionPattern(q.action)), List.of("*")));
        }
        return policy(st);
    }

    /** Session policies for role sessions and federated users, with resource policies naming the session or not. */
    private void sessionPolicies() {
        Action a = pick(chance(0.6) ? Catalog.withResourcePolicies() : Catalog.ACTIONS);
        Caller caller = pick(List.of(APP_SESSION, APP_SESSION, CAROL_FEDERATED, PARTNER_SESSION));
        Req q = request("session-policy", caller, a, ACCOUNT);
        baseContext(q);
        if (chance(0.8)) {
            q.identity(List.of(allowRequest(q)));
        }
        if (chance(0.85)) {
            q.sessionPolicy = sessionPolicy(q);
        }
        if (chance(0.15)) {
            q.boundary = boundaryPolicy(q);
        }
        if (a.resourcePolicy() && (chance(0.5) || !q.sameAccount())) {
            ObjectNode s = resourceStatement(q, chance(0.85) ? "Allow" : "Deny");
            q.resourcePolicy = policy(List.of(s));
        }
        q.emit();
    }

    /** Everything allows, and one Deny (conditional or not) sits in one layer. */
    private void denyInEveryLayer() {
        Action a = pick(Catalog.withResources());
        Caller caller = pick(List.of(ALICE, APP_SESSION, APP_SESSION, EVE));
        Req q = request("deny-every-layer", caller, a, ACCOUNT);
        baseContext(q);
        List<ObjectNode> identity = new ArrayList<>(List.of(allowRequest(q)));
        List<ObjectNode> boundary = new ArrayList<>(List.of(allow(List.of("*"), List.of("*"))));
        List<ObjectNode> session = new ArrayList<>(List.of(allow(List.of("*"), List.of("*"))));
        List<ObjectNode> resource = new ArrayList<>();
        if (a.resourcePolicy()) {
            ObjectNode s = allow(List.of(a.name()), List.of("*"));
            s.set("Principal", principalFor(caller));
            resource.add(s);
        }
        int levels = between(1, 3);
        List<List<ObjectNode>> scp = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            scp.add(new ArrayList<>(List.of(allow(List.of("*"), List.of("*")))));
        }
        List<List<ObjectNode>> rcp = new ArrayList<>();
        int rcpLevels = a.rcp() ? between(1, 2) : 0;
        for (int i = 0; i < rcpLevels; i++) {
            rcp.add(new ArrayList<>());
        }
        ObjectNode d = deny(List.of(actionPattern(a, 0.85)), List.of(chance(0.5) ? "*" : resourcePattern(q, 0.85)));
        if (chance(0.5)) {
            Cond c = new Cond();
            condition(c, q, pickOf(Family.STRING, Family.IP, Family.BOOL, Family.NUMERIC, Family.DATE), null, "",
                    "", 0.85);
            withCondition(d, c);
        }
        List<String> layers = new ArrayList<>(List.of("identity", "boundary", "scp"));
        if (caller.session()) {
            layers.add("session");
        }
        if (!resource.isEmpty()) {
            layers.add("resource");
        }
        if (!rcp.isEmpty()) {
            layers.add("rcp");
        }
        String layer = pick(layers);
        switch (layer) {
            case "identity" -> identity.add(d);
            case "boundary" -> boundary.add(d);
            case "session" -> session.add(d);
            case "scp" -> scp.get(r.nextInt(levels)).add(d);
            case "resource" -> {
                d.set("Principal", chance(0.5) ? Json.F.textNode("*") : principalFor(caller));
                resource.add(d);
            }
            default -> {
                d.set("Principal", Json.F.textNode("*"));
                if (d.get("Action").toString().contains("\"*\"") || d.get("Action").asText().equals("*")) {
                    d.set("Action", Json.F.textNode(a.service() + ":*"));
                }
                rcp.get(r.nextInt(rcp.size())).add(d);
            }
        }
        q.identity(identity);
        if (chance(0.7)) {
            q.boundary = policy(boundary);
        } else if (layer.equals("boundary")) {
            q.boundary = policy(boundary);
        }
        if (caller.session() && (chance(0.7) || layer.equals("session"))) {
            q.sessionPolicy = policy(session);
        }
        if (!resource.isEmpty() && (chance(0.7) || layer.equals("resource") || !q.sameAccount())) {
            q.resourcePolicy = policy(resource);
        }
        q.scps = new ArrayList<>();
        for (List<ObjectNode> level : scp) {
            q.scps.add(List.of(named("scp", policy(level))));
        }
        if (!rcp.isEmpty()) {
            q.rcps = new ArrayList<>();
            for (List<ObjectNode> level : rcp) {
                q.rcps.add(level.isEmpty() ? List.of() : List.of(named("rcp", policy(level))));
            }
        }
        q.emit();
    }

    /** Actions without resource-level permissions: only Resource "*" (or a NotResource) applies. */
    private void wildcardOnlyActions() {
        Req q = sameAccountRequest("wildcard-only-action", Catalog.wildcardOnly());
        List<ObjectNode> st = new ArrayList<>();
        for (int i = between(1, 3); i > 0; i--) {
            boolean not = chance(0.25);
            List<String> resources = chance(0.5) ? List.of("*") : List.of(pickOf("arn:aws:s3:::*",
                    "arn:aws:ec2:*:*:instance/*", "arn:aws:dynamodb:*:*:table/*", "arn:*:sqs:*:*:*",
                    "arn:aws:iam::" + ACCOUNT + ":user/*"));
            st.add(statement(chance(0.3) ? "Deny" : "Allow", chance(0.2), List.of(actionPattern(q.action, 0.7)), not,
                    resources));
        }
        q.identity(st);
        q.emit();
    }

    /** Service principals, allowed only by a resource policy that names them (or everyone). */
    private void servicePrincipals() {
        Action a = pick(Catalog.withResourcePolicies().stream()
                .filter(x -> x.service().equals("sqs") || x.service().equals("sns") || x.service().equals("s3")
                        || x.service().equals("lambda")).toList());
        Caller caller = pickOf(LAMBDA_SERVICE, SNS_SERVICE);
        Req q = request("service-principal", caller, a, ACCOUNT);
        q.ctx.decide("aws:SourceAccount", 0.7, () -> pickOf(ACCOUNT, OTHER_ACCOUNT));
        q.ctx.decide("aws:SourceArn", 0.6, () -> pick(ARN_REQUEST));
        List<ObjectNode> st = new ArrayList<>();
        for (int i = between(1, 2); i > 0; i--) {
            ObjectNode s = Json.obj();
            s.put("Effect", chance(0.8) ? "Allow" : "Deny");
            ObjectNode p = Json.obj();
            switch (r.nextInt(4)) {
                case 0, 1 -> p.put("Service", caller.arn());
                case 2 -> p.put("Service", caller == LAMBDA_SERVICE ? SNS_SERVICE.arn() : LAMBDA_SERVICE.arn());
                default -> p.put("AWS", "*");
            }
            s.set("Principal", p);
            s.set("Action", Json.stringOrArray(List.of(actionPattern(a, 0.85)), false));
            s.put("Resource", chance(0.5) ? "*" : resourcePattern(q, 0.8));
            if (chance(0.4)) {
                Cond c = new Cond();
                if (chance(0.5)) {
                    c.add("StringEquals", "aws:SourceAccount", values(List.of(ACCOUNT)));
                } else {
                    c.add(pickOf("ArnLike", "ArnEquals"), "aws:SourceArn", values(some(ARN_POLICY, 1, 2)));
                }
                withCondition(s, c);
            }
            st.add(s);
        }
        q.resourcePolicy = policy(st);
        q.emit();
    }

    /** Random combinations of every layer and feature. */
    private void everything() {
        Action a = pick(Catalog.ACTIONS);
        Caller caller = pick(ALL_IAM_CALLERS);
        String owner = chance(0.75) ? ACCOUNT : OTHER_ACCOUNT;
        Req q = request("combined", caller, a, owner);
        baseContext(q);
        for (int p = between(0, 2); p > 0; p--) {
            List<ObjectNode> st = new ArrayList<>();
            for (int i = between(1, 3); i > 0; i--) {
                boolean deny = chance(0.25);
                ObjectNode s = statement(deny ? "Deny" : "Allow", chance(0.15), actionPatterns(a, 0.7), chance(0.1),
                        chance(0.5) ? List.of("*") : resourcePatterns(q, 0.7));
                if (chance(0.4)) {
                    Cond c = new Cond();
                    for (int k = between(1, 2); k > 0; k--) {
                        condition(c, q, anyFamily(), null, "", chance(0.2) ? "IfExists" : "", 0.8);
                    }
                    withCondition(s, c);
                }
                st.add(s);
            }
            q.identity(st);
        }
        if (a.resourcePolicy() && (chance(0.4) || !q.sameAccount())) {
            List<ObjectNode> st = new ArrayList<>();
            for (int i = between(1, 2); i > 0; i--) {
                st.add(resourceStatement(q, chance(0.8) ? "Allow" : "Deny"));
            }
            q.resourcePolicy = policy(st);
        }
        if (chance(0.25)) {
            q.boundary = boundaryPolicy(q);
        }
        if (caller.session() && chance(0.35)) {
            q.sessionPolicy = sessionPolicy(q);
        }
        if (chance(0.35)) {
            q.scps = new ArrayList<>();
            for (int level = between(1, 3); level > 0; level--) {
                q.scps.add(List.of(named("scp", scpPolicy(q))));
            }
        }
        if (a.rcp() && a.shape() != Shape.ALL && chance(0.25)) {
            q.rcps = new ArrayList<>();
            for (int level = between(1, 2); level > 0; level--) {
                q.rcps.add(chance(0.7) ? List.of(named("rcp", rcpPolicy(q))) : List.of());
            }
        }
        q.emit();
    }

    // ---- known divergences: generated on purpose so the test keeps checking them -----------------

    /** Date conditions comparing an ISO 8601 value with an epoch value. */
    private void datesMixedFormats() {
        Req q = sameAccountRequest("date-mixed-formats", Catalog.ACTIONS);
        boolean isoPolicy = chance(0.5);
        String key = pickOf("aws:CurrentTime", "aws:EpochTime", "aws:TokenIssueTime");
        q.ctx.put(key, isoPolicy ? epochDate() : isoDate());
        ObjectNode s = allowRequest(q);
        Cond c = new Cond();
        c.add(pick(DATE_OPS), key, values(List.of(isoPolicy ? isoDate() : epochDate())));
        withCondition(s, c);
        q.identity(List.of(s));
        q.emit();
    }

    /** An RCP that would deny, on a service RCPs do not govern. */
    private void rcpOnUngovernedService() {
        Action a = pick(Catalog.notRcpGoverned());
        Req q = sameAccountRequest("rcp-ungoverned-service", List.of(a));
        q.identity(List.of(allowRequest(q)));
        ObjectNode d = Json.obj();
        d.put("Effect", "Deny");
        d.put("Principal", "*");
        d.put("Action", pickOf(a.service() + ":*", a.name()));
        d.put("Resource", "*");
        if (chance(0.4)) {
            Cond c = new Cond();
            condition(c, q, Family.STRING, null, "", "", 0.8);
            withCondition(d, c);
        }
        q.rcps = List.of(List.of(named("rcp", policy(List.of(d)))));
        q.emit();
    }

    /** Policies of version 2008-10-17 (or without Version), where ${...} is literal text. */
    private void version2008() {
        Caller caller = pick(List.of(ALICE, BOB));
        Req q = request("version-2008-variables", caller, Catalog.byName("s3:GetObject"), ACCOUNT);
        q.ctx.put("aws:username", caller.username());
        boolean literalKey = chance(0.3);
        String key = literalKey ? "home/${aws:username}/notes.txt" : "home/" + caller.username() + "/notes.txt";
        q.res = new Res("aws", "s3", "", "", "", "acme-home/" + key);
        q.resource = q.res.arn();
        ObjectNode s = allow(List.of("s3:GetObject"), List.of("arn:aws:s3:::acme-home/home/${aws:username}/*"));
        q.identity.add(named("legacy", policy(List.of(s), chance(0.5) ? "2008-10-17" : null)));
        q.emit();
    }

    /** S3 patterns with a wildcard region or account and a wildcard in the bucket name. */
    private void s3WildcardRegionAndBucket() {
        Req q = sameAccountRequest("s3-wildcard-region-and-bucket", List.of(Catalog.byName("s3:GetObject"),
                Catalog.byName("s3:PutObject"), Catalog.byName("s3:DeleteObject")));
        String id = q.res.id();
        String bucket = id.substring(0, id.indexOf('/'));
        String key = id.substring(id.indexOf('/') + 1);
        String bucketPattern = pickOf(bucket.substring(0, 3) + "*", "*" + bucket.substring(4), "?" + bucket.substring(1),
                "acme-*s", bucket);
        String region = pickOf("*", "", "us-*");
        String account = region.isEmpty() ? "*" : pickOf("*", "");
        String pattern = "arn:aws:s3:" + region + ":" + account + ":" + bucketPattern + "/" + pickOf("*", key);
        List<ObjectNode> st = new ArrayList<>();
        st.add(statement("Allow", false, List.of(q.action.name()), chance(0.2), List.of(pattern)));
        if (chance(0.3)) {
            st.add(deny(List.of("s3:*"), List.of("arn:aws:s3:*:*:" + pickOf("acme-h*", "*-logs", "acme-????s") + "/*")));
        }
        q.identity(st);
        q.emit();
    }

    // ---- resources whose own policy must allow the caller, role callers -------------------------

    /** Callers of the key and trust policy scenarios: same account, a role ARN, other account. */
    private static final List<Caller> GATED_CALLERS = List.of(ALICE, BOB, APP_SESSION, APP_ROLE, EVE, PARTNER_SESSION);

    /** An identity policy for the request: allowing it, allowing and denying it, or none. */
    private void gatedIdentity(Req q) {
        double p = r.nextDouble();
        if (p < 0.55) {
            q.identity(List.of(allowRequest(q)));
        } else if (p < 0.7) {
            q.identity(List.of(allowRequest(q), deny(List.of(actionPattern(q.action, 0.6)), List.of("*"))));
        } else if (p < 0.8) {
            q.identity(List.of(allow(List.of(otherActionPattern(q.action)), List.of("*"))));
        }
    }

    /** A boundary and, for sessions (and role callers, read as sessions), a session policy, sometimes. */
    private void gatedCaps(Req q) {
        if (chance(0.2)) {
            q.boundary = boundaryPolicy(q);
        }
        if (q.caller.session() && chance(0.2)) {
            q.sessionPolicy = sessionPolicy(q);
        }
    }

    /** KMS key policies naming the caller, its role, its account, everyone or someone else; or none. */
    private void kmsKeyPolicies() {
        double which = r.nextDouble();
        Action a = which < 0.85 ? pick(Catalog.KMS_KEY_ACTIONS) : which < 0.93 ? Catalog.KMS_CREATE_ALIAS
                : Catalog.KMS_LIST_KEYS;
        Caller caller = pick(GATED_CALLERS);
        Req q = request("kms-key-policy", caller, a, chance(0.8) ? ACCOUNT : OTHER_ACCOUNT);
        baseContext(q);
        gatedIdentity(q);
        gatedCaps(q);
        if (a.shape() == Shape.KMS_KEY && chance(0.88)) {
            List<ObjectNode> st = new ArrayList<>();
            for (int i = between(1, 3); i > 0; i--) {
                st.add(resourceStatement(q, chance(0.8) ? "Allow" : "Deny"));
            }
            q.resourcePolicy = policy(st);
        }
        q.emit();
    }

    /** A trust policy statement: a role trust policy has no Resource element. */
    private ObjectNode trustStatement(Req q, String effect) {
        ObjectNode s = Json.obj();
        s.put("Effect", effect);
        s.set(chance(0.08) ? "NotPrincipal" : "Principal", principalValue(q.caller));
        List<String> actions = new ArrayList<>(List.of(actionPattern(q.action, 0.8)));
        if (chance(0.4)) {
            actions.add(pickOf("sts:TagSession", "sts:SetSourceIdentity", "sts:AssumeRole"));
        }
        s.set("Action", Json.stringOrArray(actions, chance(0.3)));
        if (chance(0.25)) {
            Cond c = new Cond();
            condition(c, q, pickOf(Family.STRING, Family.BOOL, Family.IP), null, "", "", 0.8);
            withCondition(s, c);
        }
        return s;
    }

    /** sts:AssumeRole, TagSession, SetSourceIdentity on a role, with its trust policy (or none). */
    private void roleTrustPolicies() {
        Action a = pick(Catalog.ROLE_ACTIONS);
        Req q = request("role-trust-policy", pick(GATED_CALLERS), a, chance(0.8) ? ACCOUNT : OTHER_ACCOUNT);
        baseContext(q);
        gatedIdentity(q);
        gatedCaps(q);
        if (chance(0.9)) {
            List<ObjectNode> st = new ArrayList<>();
            for (int i = between(1, 2); i > 0; i--) {
                st.add(trustStatement(q, chance(0.85) ? "Allow" : "Deny"));
            }
            q.resourcePolicy = policy(st);
        }
        q.emit();
    }

    /** A bare role ARN as the caller, with boundaries, session policies and resource policies. */
    private void roleArnCallers() {
        Action a = pick(chance(0.7) ? Catalog.withResourcePolicies() : Catalog.ACTIONS);
        Req q = request("role-arn-caller", APP_ROLE, a, chance(0.85) ? ACCOUNT : OTHER_ACCOUNT);
        baseContext(q);
        if (chance(0.6)) {
            q.identity(List.of(allowRequest(q)));
        }
        if (chance(0.5)) {
            q.boundary = boundaryPolicy(q);
        }
        if (chance(0.3)) {
            q.sessionPolicy = sessionPolicy(q);
        }
        if (a.resourcePolicy() && (chance(0.75) || !q.sameAccount())) {
            List<ObjectNode> st = new ArrayList<>();
            for (int i = between(1, 2); i > 0; i--) {
                ObjectNode s = resourceStatement(q, chance(0.8) ? "Allow" : "Deny");
                if (chance(0.15)) {
                    // The session ARN names another principal than the bare role.
                    s.remove("NotPrincipal");
                    s.set("Principal", principalFor(APP_SESSION));
                }
                st.add(s);
            }
            q.resourcePolicy = policy(st);
        }
        q.emit();
    }

    /** sts:GetCallerIdentity under every kind of policy, denying ones included. */
    private void getCallerIdentity() {
        Req q = request("get-caller-identity", pick(GATED_CALLERS), Catalog.GET_CALLER_IDENTITY, ACCOUNT);
        baseContext(q);
        if (chance(0.5)) {
            q.identity(List.of(pickOf(deny(List.of("*"), List.of("*")), deny(List.of("sts:*"), List.of("*")),
                    allow(List.of("s3:*"), List.of("*")))));
        }
        if (chance(0.3)) {
            q.scps = List.of(List.of(named("scp", policy(List.of(deny(List.of("sts:GetCallerIdentity"),
                    List.of("*")))))));
        }
        if (chance(0.2)) {
            q.boundary = policy(List.of(allow(List.of("s3:*"), List.of("*"))));
        }
        q.emit();
    }

    // ---- shapes where the documentation is thin --------------------------------------------------

    /** ForAllValues / ForAnyValue with IfExists, the multivalued key absent, empty or present. */
    private void setOperatorsIfExists() {
        Req q = sameAccountRequest("set-operators-ifexists", Catalog.ACTIONS);
        boolean denyIt = chance(0.35);
        ObjectNode s = denyIt ? deny(List.of(matchingActionPattern(q.action)), List.of("*")) : allowRequest(q);
        String key = pick(ARRAY_KEYS.keySet().stream().sorted().toList());
        List<String> pool = ARRAY_KEYS.get(key);
        q.ctx.decide(key, 0.5, () -> chance(0.15) ? List.of() : some(pool, 1, 3));
        String base = pick(SET_BASE_OPS);
        List<String> values = new ArrayList<>();
        for (int j = between(1, 2); j > 0; j--) {
            values.add(base.contains("Like") ? likePattern(pick(pool)) : pick(pool));
        }
        Cond c = new Cond();
        c.add(pickOf("ForAllValues:", "ForAnyValue:") + base + "IfExists", key, values(values));
        withCondition(s, c);
        List<ObjectNode> st = new ArrayList<>(List.of(s));
        if (denyIt || chance(0.2)) {
            st.add(allow(List.of("*"), List.of("*")));
        }
        q.identity(st);
        q.emit();
    }

    /** A plain (non-set) operator, with or without IfExists, on a multivalued key. */
    private void plainOperatorOnMultivaluedKey() {
        Req q = sameAccountRequest("plain-operator-multivalued-key", Catalog.ACTIONS);
        boolean denyIt = chance(0.35);
        ObjectNode s = denyIt ? deny(List.of(matchingActionPattern(q.action)), List.of("*")) : allowRequest(q);
        String key = pick(ARRAY_KEYS.keySet().stream().sorted().toList());
        List<String> pool = ARRAY_KEYS.get(key);
        q.ctx.decide(key, 0.8, () -> chance(0.1) ? List.of() : some(pool, 1, 3));
        String base = pick(SET_BASE_OPS);
        String value = base.contains("Like") ? likePattern(pick(pool)) : pick(pool);
        Cond c = new Cond();
        c.add(base + (chance(0.25) ? "IfExists" : ""), key, values(List.of(value)));
        withCondition(s, c);
        List<ObjectNode> st = new ArrayList<>(List.of(s));
        if (denyIt || chance(0.2)) {
            st.add(allow(List.of("*"), List.of("*")));
        }
        q.identity(st);
        q.emit();
    }

    /** Numbers in exponent notation, in the policy or in the request. */
    private void exponentNumbers() {
        Req q = sameAccountRequest("exponent-numbers", List.of(Catalog.byName("s3:ListBucket")));
        String key = pickOf("s3:max-keys", "aws:MultiFactorAuthAge");
        boolean inPolicy = chance(0.5);
        String exponent = pickOf("1e1", "1E1", "1.5e1", "6e1", "1e0");
        q.ctx.put(key, inPolicy ? pick(NUMBERS_REQUEST) : exponent);
        ObjectNode s = allowRequest(q);
        Cond c = new Cond();
        c.add(pick(NUMERIC_OPS), key, values(List.of(inPolicy ? exponent : pickOf("1", "10", "15", "60"))));
        withCondition(s, c);
        q.identity(List.of(s));
        q.emit();
    }

    /** An ARN operator whose policy value is the bare "*". */
    private void arnOperatorWithBareWildcard() {
        Req q = sameAccountRequest("arn-operator-bare-wildcard", Catalog.ACTIONS);
        String key = pickOf("aws:PrincipalArn", "aws:SourceArn");
        q.ctx.decide(key, 0.8, () -> pick(ARN_REQUEST));
        boolean denyIt = chance(0.4);
        ObjectNode s = denyIt ? deny(List.of(matchingActionPattern(q.action)), List.of("*")) : allowRequest(q);
        Cond c = new Cond();
        c.add(pick(ARN_OPS) + (chance(0.2) ? "IfExists" : ""), key, values(List.of("*")));
        withCondition(s, c);
        q.identity(denyIt ? List.of(s, allow(List.of("*"), List.of("*"))) : List.of(s));
        q.emit();
    }

    /** Actions joined by a comma in one string, such as "s3:GetObject,PutObject". */
    private void commaJoinedActions() {
        Req q = sameAccountRequest("comma-joined-actions", Catalog.ACTIONS);
        // One colon only: with two, the reference refuses the policy instead of evaluating it.
        String other = otherActionPattern(q.action).replaceFirst("^[^:]*:", "");
        String joined = pickOf(q.action.name() + "," + other, q.action.service() + ":" + other + "," + q.action.localName(),
                q.action.name() + ", " + q.action.localName(), q.action.name() + ",*");
        q.identity(List.of(statement(chance(0.3) ? "Deny" : "Allow", false, List.of(joined), false, List.of("*")),
                allow(List.of(matchingActionPattern(q.action)), List.of("*"))));
        q.emit();
    }
}
