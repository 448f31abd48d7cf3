package dev.airlock.policy.match;

/**
 * How a resource policy's {@code Principal} names the caller. The distinction matters: in the same
 * account a policy that names the caller itself grants access on its own, even past a permissions
 * boundary, while one that names only the caller's account merely trusts the account.
 */
public enum PrincipalMatch {
    // Declared weakest first: best() keeps the later constant.
    /** Not named. */
    NONE,
    /** The account (12 digits or {@code :root}) is named: trust, not a grant to this caller. */
    ACCOUNT,
    /** The role whose session is calling is named by its role ARN. */
    ROLE,
    /** Everyone: {@code *}, or a {@code NotPrincipal} that does not list the caller. */
    ANY,
    /** The caller by its exact ARN or service principal name. */
    EXACT;

    public PrincipalMatch best(PrincipalMatch other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
