package dev.airlock.session;

/**
 * Calls STS AssumeRole. Implementations adapt an AWS client (see {@code dev.airlock.sts}); the
 * session logic sees only this interface, so it carries no SDK types.
 */
@FunctionalInterface
public interface RoleAssumer {
    /**
     * @throws StsException when STS refuses or cannot be reached
     */
    AssumedRole assume(AssumeRoleSpec spec);
}
