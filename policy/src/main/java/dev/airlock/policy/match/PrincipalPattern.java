package dev.airlock.policy.match;

import java.util.Optional;

/**
 * One entry of a {@code Principal} element, for example {@code "AWS": "111122223333"} or
 * {@code "Service": "lambda.amazonaws.com"}. IAM forbids wildcards in principals except the whole
 * value {@code *}, so matching is by equality.
 */
public record PrincipalPattern(Kind kind, String value) {

    /** The key under which the entry was written. */
    public enum Kind { ANY, AWS, SERVICE, FEDERATED, CANONICAL_USER }

    /** What is wrong with an AWS principal value, or empty when it is well formed. */
    public static Optional<String> problemWithAws(String value) {
        if (value.equals("*") || isAccountId(value)) {
            return Optional.empty();
        }
        Optional<Arn> arn = Arn.parse(value);
        if (arn.isEmpty()) {
            return Optional.of("expected \"*\", a 12-digit account ID or an ARN");
        }
        if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
            return Optional.of("IAM does not allow wildcards inside a principal ARN; use \"*\" with an "
                    + "aws:PrincipalArn condition instead");
        }
        return Optional.empty();
    }

    static boolean isAccountId(String s) {
        return s.length() == 12 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** How this entry names {@code p}. */
    public PrincipalMatch match(Principal p) {
        switch (kind) {
            case ANY:
                return PrincipalMatch.ANY;
            case SERVICE:
            case FEDERATED:
            case CANONICAL_USER:
                return value.equals(p.value()) ? PrincipalMatch.EXACT : PrincipalMatch.NONE;
            default:
                return matchAws(p);
        }
    }

    private PrincipalMatch matchAws(Principal p) {
        if (value.equals("*")) {
            return PrincipalMatch.ANY;
        }
        // A role caller stands for one of its sessions, which the role's ARN names only as ROLE.
        if (value.equals(p.value()) && p.kind() != Principal.Kind.ROLE) {
            return PrincipalMatch.EXACT;
        }
        if (p.account().isEmpty()) {
            return PrincipalMatch.NONE;
        }
        String account = p.account().get();
        if (value.equals(account) || value.equals("arn:aws:iam::" + account + ":root")
                || (value.startsWith("arn:") && value.endsWith(":iam::" + account + ":root"))) {
            return PrincipalMatch.ACCOUNT;
        }
        if (p.roleName().isPresent()) {
            Optional<Arn> arn = Arn.parse(value);
            if (arn.isPresent() && arn.get().service().equals("iam") && arn.get().account().equals(account)
                    && arn.get().resource().startsWith("role/")
                    && lastSegment(arn.get().resource()).equals(p.roleName().get())) {
                return PrincipalMatch.ROLE;
            }
        }
        return PrincipalMatch.NONE;
    }

    private static String lastSegment(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
