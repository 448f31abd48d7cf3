package dev.airlock.policy.match;

import java.util.Optional;

/**
 * The calling principal, parsed once per request: its ARN, what kind of caller it is, its account
 * and, for a role or a role session, the role's name without path (session ARNs carry no path).
 */
public record Principal(String value, Kind kind, Optional<String> account, Optional<String> roleName) {

    /** What kind of caller makes the request. */
    public enum Kind {
        /** An assumed-role session, {@code arn:aws:sts::A:assumed-role/R/S}. */
        ROLE_SESSION,
        /**
         * A role ARN, {@code arn:aws:iam::A:role/R}. A role acts only through its sessions (IAM User
         * Guide, "IAM roles"), so such a caller is read as a session of the role whose session name
         * is not known: a policy naming the role grants it only as it grants the role's sessions.
         */
        ROLE,
        /** A service principal such as {@code s3.amazonaws.com}. */
        SERVICE,
        /** Any other ARN (IAM user, federated user, account root) or {@code *}. */
        OTHER
    }

    public static Principal parse(String value) {
        Optional<Arn> arn = Arn.parse(value);
        if (arn.isEmpty()) {
            // Service principals (s3.amazonaws.com) and anything else that is not an ARN.
            return new Principal(value, value.equals("*") ? Kind.OTHER : Kind.SERVICE, Optional.empty(),
                    Optional.empty());
        }
        Arn a = arn.get();
        Optional<String> account = a.account().isEmpty() ? Optional.empty() : Optional.of(a.account());
        if (a.service().equals("sts") && a.resource().startsWith("assumed-role/")) {
            String rest = a.resource().substring("assumed-role/".length());
            int slash = rest.indexOf('/');
            return new Principal(value, Kind.ROLE_SESSION, account,
                    Optional.of(slash < 0 ? rest : rest.substring(0, slash)));
        }
        if (a.service().equals("iam") && a.resource().startsWith("role/")) {
            String name = a.resource().substring(a.resource().lastIndexOf('/') + 1);
            return new Principal(value, Kind.ROLE, account, Optional.of(name));
        }
        return new Principal(value, Kind.OTHER, account, Optional.empty());
    }

    public boolean service() {
        return kind == Kind.SERVICE;
    }
}
