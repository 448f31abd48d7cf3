package dev.airlock.policy.match;

import java.util.Optional;

/**
 * The calling principal, parsed once per request: its ARN, account and, for an assumed-role
 * session, the ARN of the role's name without path (session ARNs carry no path).
 */
public record Principal(String value, Optional<String> account, Optional<String> roleName, boolean service) {

    public static Principal parse(String value) {
        Optional<Arn> arn = Arn.parse(value);
        if (arn.isEmpty()) {
            // Service principals (s3.amazonaws.com) and anything else that is not an ARN.
            return new Principal(value, Optional.empty(), Optional.empty(), !value.equals("*"));
        }
        Arn a = arn.get();
        Optional<String> account = a.account().isEmpty() ? Optional.empty() : Optional.of(a.account());
        Optional<String> role = Optional.empty();
        if (a.service().equals("sts") && a.resource().startsWith("assumed-role/")) {
            String rest = a.resource().substring("assumed-role/".length());
            int slash = rest.indexOf('/');
            role = Optional.of(slash < 0 ? rest : rest.substring(0, slash));
        }
        return new Principal(value, account, role, false);
    }
}
