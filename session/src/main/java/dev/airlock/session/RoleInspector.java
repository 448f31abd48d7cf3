package dev.airlock.session;

/** Reads a role's policies, from IAM or from a snapshot. */
public interface RoleInspector {
    /**
     * @throws RoleInspectionException when the role's policies cannot be read; callers treat that
     *     as "skip the check", never as a reason to refuse the session
     */
    RoleDetails inspect(String roleArn);
}
