package dev.airlock.session;

import dev.airlock.catalog.ActionCatalog;
import dev.airlock.catalog.ActionInfo;
import dev.airlock.policy.Decision;
import dev.airlock.policy.Evaluator;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicySet;
import dev.airlock.policy.Request;
import dev.airlock.policy.RequestContext;
import dev.airlock.policy.match.Arn;
import dev.airlock.policy.match.Wildcard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Before assuming: which requested actions the role itself cannot grant. A session policy only
 * narrows, so an action the role lacks would fail at call time; saying so up front saves the
 * agent a confusing AccessDenied.
 */
public final class RoleCoverage {

    private RoleCoverage() {}

    /** One requested action the role (with its boundary) does not allow on a requested resource. */
    public record Gap(String action, String resource, String reason) {
        @Override
        public String toString() {
            return action + " on " + resource + ": " + reason;
        }
    }

    /**
     * Evaluates role ∩ session for every granted action on every resource of its statement that
     * fits it: a wildcard's statement holds resources of several types, and an action is only
     * ever asked for on its own.
     */
    public static List<Gap> gaps(ActionCatalog catalog, RoleDetails role, SessionPolicy session, Policy sessionPolicy) {
        PolicySet.Builder set = PolicySet.builder().session(sessionPolicy);
        role.policies().forEach(set::identity);
        role.permissionsBoundary().ifPresent(set::permissionsBoundary);
        PolicySet policies = set.build();
        String principal = sessionArn(role.roleArn());
        List<Gap> gaps = new ArrayList<>();
        for (Grant grant : session.grants()) {
            for (ActionInfo action : session.actions()) {
                if (!covers(grant, action)) {
                    continue;
                }
                for (String resource : grant.resources()) {
                    if (!catalog.arnFits(action, resource).fits()) {
                        continue;
                    }
                    Decision d = Evaluator.evaluate(policies, request(action, resource, principal, role.roleArn(), grant));
                    if (!d.allowed()) {
                        gaps.add(new Gap(action.fullName(), resource, reason(d)));
                    }
                }
            }
        }
        return gaps;
    }

    private static boolean covers(Grant grant, ActionInfo action) {
        String name = action.fullName();
        return grant.actions().stream().anyMatch(p -> Wildcard.compile(p, true).matches(name));
    }

    private static Request request(ActionInfo action, String resource, String principal, String roleArn, Grant grant) {
        Map<String, List<String>> context = new HashMap<>();
        context.put("aws:PrincipalArn", List.of(roleArn));
        Arn.parse(roleArn).ifPresent(a -> context.put("aws:PrincipalAccount", List.of(a.account())));
        grant.condition().ifPresent(c -> context.putAll(c.satisfyingContext()));
        return Request.of(action.fullName(), resource, principal).withContext(RequestContext.of(context));
    }

    private static String sessionArn(String roleArn) {
        Arn role = Arn.parse(roleArn).orElseThrow(() -> new IllegalArgumentException("not an ARN: " + roleArn));
        String name = role.resource().substring(role.resource().lastIndexOf('/') + 1);
        return "arn:" + role.partition() + ":sts::" + role.account() + ":assumed-role/" + name + "/airlock";
    }

    private static String reason(Decision d) {
        if (!d.deciding().isEmpty()) {
            return "explicitly denied by " + d.deciding().get(0);
        }
        return d.missingAllows().isEmpty() ? "not allowed" : d.missingAllows().get(0).reason();
    }
}
