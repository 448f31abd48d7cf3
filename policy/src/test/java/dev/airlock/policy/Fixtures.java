package dev.airlock.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shared helpers for the engine tests: parsing that fails the test on a refusal, short request
 * builders and the accounts and principals used across the AWS IAM User Guide examples.
 */
final class Fixtures {

    /** The account most IAM User Guide examples use. */
    static final String ACCOUNT = "111122223333";
    /** A second account for cross-account examples. */
    static final String OTHER_ACCOUNT = "444455556666";

    static final String USER_ARN = "arn:aws:iam::" + ACCOUNT + ":user/exampleuser";
    static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/examplerole";
    static final String SESSION_ARN = "arn:aws:sts::" + ACCOUNT + ":assumed-role/examplerole/examplerolesessionname";

    private Fixtures() {}

    static Policy parse(PolicyKind kind, String json) {
        try {
            return Policy.parse(kind.name().toLowerCase() + ".json", kind, json);
        } catch (PolicyParseException e) {
            throw new AssertionError("policy was refused: " + e.getMessage(), e);
        }
    }

    static Policy identity(String json) {
        return parse(PolicyKind.IDENTITY, json);
    }

    static Policy resource(String json) {
        return parse(PolicyKind.RESOURCE, json);
    }

    static Policy boundary(String json) {
        return parse(PolicyKind.PERMISSIONS_BOUNDARY, json);
    }

    static Policy session(String json) {
        return parse(PolicyKind.SESSION, json);
    }

    static Policy scp(String json) {
        return parse(PolicyKind.SCP, json);
    }

    static Policy rcp(String json) {
        return parse(PolicyKind.RCP, json);
    }

    /** Expects {@code json} to be refused and returns the refusal. */
    static PolicyParseException refusal(PolicyKind kind, String json) {
        PolicyParseException e = catchThrowableOfType(PolicyParseException.class,
                () -> Policy.parse("p.json", kind, json));
        assertThat(e).as("expected the policy to be refused").isNotNull();
        return e;
    }

    /** A context of single-valued keys given as key, value, key, value... */
    static RequestContext ctx(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return RequestContext.ofSingle(m);
    }

    /** A context with one multivalued key (a set, whatever its size) and optional single-valued keys. */
    static RequestContext multi(String key, List<String> values, String... keyValues) {
        Map<String, List<String>> m = new HashMap<>();
        m.put(key, values);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], List.of(keyValues[i + 1]));
        }
        return RequestContext.of(m, Set.of(key));
    }

    static Request request(String action, String resource, String principal, RequestContext context) {
        return new Request(action, resource, principal, Optional.empty(), context);
    }

    static Request request(String action, String resource, String principal) {
        return Request.of(action, resource, principal);
    }

    static Request request(String action, String resource, RequestContext context) {
        return request(action, resource, USER_ARN, context);
    }

    static Request request(String action, String resource) {
        return Request.of(action, resource, USER_ARN);
    }

    static Decision decide(PolicySet set, Request r) {
        return Evaluator.evaluate(set, r);
    }

    /** Evaluates with only identity policies attached. */
    static Outcome outcome(Request r, Policy... identityPolicies) {
        PolicySet.Builder b = PolicySet.builder();
        for (Policy p : identityPolicies) {
            b.identity(p);
        }
        return Evaluator.evaluate(b.build(), r).outcome();
    }

    /** An identity policy that allows everything (stands in for AdministratorAccess). */
    static Policy allowAll() {
        return identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}
                """);
    }
}
