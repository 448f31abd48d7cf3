package dev.airlock.callmap;

import dev.airlock.callmap.CallMapping.Mapped;
import dev.airlock.callmap.CallMapping.Unmapped;
import dev.airlock.callmap.IamRequestPart.ResourceCertainty;
import dev.airlock.policy.Decision;
import dev.airlock.policy.Effect;
import dev.airlock.policy.Evaluator;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicySet;
import dev.airlock.policy.Request;
import dev.airlock.policy.Statement;
import dev.airlock.policy.condition.Condition;
import dev.airlock.policy.match.Arn;
import dev.airlock.policy.match.ArnPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides a mapped call with the policy engine, failing closed where the mapping is not exact:
 * the call is allowed only when every part is allowed, no applicable statement conditions on a key
 * the mapping could not determine, and no Deny could match the real ARN behind a resource with an
 * unknown suffix.
 */
public final class CallAuthorizer {

    private CallAuthorizer() {}

    /** The decision on one part. */
    public record PartVerdict(IamRequestPart part, Decision decision, List<String> problems) {
        public PartVerdict {
            problems = List.copyOf(problems);
        }

        public boolean allowed() {
            return decision.allowed() && problems.isEmpty();
        }
    }

    /** The decision on a call: allowed only if every part is. */
    public record Verdict(boolean allowed, String summary, List<PartVerdict> parts) {
        public Verdict {
            parts = List.copyOf(parts);
        }
    }

    public static Verdict authorize(CallMapping mapping, PolicySet policies, String principalArn) {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(principalArn, "principalArn");
        if (mapping instanceof Unmapped u) {
            return new Verdict(false, "denied: the call cannot be mapped: " + u.why(), List.of());
        }
        Mapped mapped = (Mapped) mapping;
        List<Request> requests = mapped.toRequests(principalArn);
        List<PartVerdict> verdicts = new ArrayList<>();
        boolean allowed = true;
        String firstProblem = null;
        for (int i = 0; i < requests.size(); i++) {
            IamRequestPart part = mapped.parts().get(i);
            Request request = requests.get(i);
            Decision decision = Evaluator.evaluate(policies, request);
            List<String> problems = problems(part, request, policies);
            PartVerdict v = new PartVerdict(part, decision, problems);
            verdicts.add(v);
            if (!v.allowed()) {
                allowed = false;
                if (firstProblem == null) {
                    firstProblem = part.action() + " on " + part.resource() + ": "
                            + (problems.isEmpty() ? decision.outcome().toString() : problems.get(0));
                }
            }
        }
        return new Verdict(allowed, allowed ? "allowed" : "denied: " + firstProblem, verdicts);
    }

    private static List<String> problems(IamRequestPart part, Request request, PolicySet set) {
        List<String> problems = new ArrayList<>();
        String action = part.action().toLowerCase(Locale.ROOT);
        Optional<Arn> arn = Arn.parse(part.resource());
        for (Policy policy : all(set)) {
            for (Statement s : policy.statements()) {
                if (!s.actions().matchesLowerCase(action)) {
                    continue;
                }
                boolean resourceMatches = s.resources().matches(arn, part.resource(), request.context());
                if (resourceMatches) {
                    for (Condition c : s.conditions().conditions()) {
                        for (String unknown : part.undeterminedKeys()) {
                            if (KeyNames.overlap(c.key(), unknown)) {
                                problems.add(policy.name() + " " + s.label() + " conditions on " + c.key()
                                        + ", which this call's mapping cannot determine");
                            }
                        }
                    }
                }
                if (part.certainty() == ResourceCertainty.UNKNOWN_SUFFIX && s.effect() == Effect.DENY
                        && !resourceMatches && couldMatchRealArn(s, part.resource())) {
                    problems.add(policy.name() + " " + s.label() + " may deny the real ARN behind "
                            + part.resource() + ", whose suffix is unknown");
                }
            }
        }
        return problems;
    }

    /**
     * Whether a statement's resources could match some ARN that differs from {@code pattern} only
     * where {@code pattern} has {@code ?}. Conservative: NotResource and policy variables count
     * as a possible match.
     */
    static boolean couldMatchRealArn(Statement s, String pattern) {
        if (s.resources().negated()) {
            return true;
        }
        for (ArnPattern p : s.resources().patterns()) {
            if (p.hasVariables() || globsIntersect(p.source(), pattern)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether glob {@code g} ({@code *} any run, {@code ?} any one character) matches some string
     * that {@code unknown} describes, where a {@code ?} in {@code unknown} is any one character.
     * Case is ignored, to err towards a match.
     */
    static boolean globsIntersect(String g, String unknown) {
        String a = g.toLowerCase(Locale.ROOT);
        String b = unknown.toLowerCase(Locale.ROOT);
        boolean[][] m = new boolean[a.length() + 1][b.length() + 1];
        m[a.length()][b.length()] = true;
        for (int i = a.length(); i >= 0; i--) {
            for (int j = b.length(); j >= 0; j--) {
                if (i == a.length()) {
                    m[i][j] = j == b.length();
                    continue;
                }
                char c = a.charAt(i);
                if (c == '*') {
                    m[i][j] = m[i + 1][j] || (j < b.length() && m[i][j + 1]);
                } else if (j < b.length()) {
                    char d = b.charAt(j);
                    m[i][j] = (c == '?' || d == '?' || c == d) && m[i + 1][j + 1];
                }
            }
        }
        return m[0][0];
    }

    private static List<Policy> all(PolicySet set) {
        List<Policy> out = new ArrayList<>(set.identityPolicies());
        set.resourcePolicy().ifPresent(out::add);
        set.sessionPolicy().ifPresent(out::add);
        set.permissionsBoundary().ifPresent(out::add);
        set.scps().forEach(out::addAll);
        set.rcps().forEach(out::addAll);
        return out;
    }
}
