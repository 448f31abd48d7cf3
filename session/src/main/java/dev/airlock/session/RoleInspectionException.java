package dev.airlock.session;

/** The role's policies could not be read (no permission, not in the snapshot, malformed). */
public final class RoleInspectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RoleInspectionException(String message) {
        super(message);
    }
}
