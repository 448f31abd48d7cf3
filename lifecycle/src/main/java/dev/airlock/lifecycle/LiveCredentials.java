package dev.airlock.lifecycle;

import dev.airlock.audit.AuditDirectory;
import dev.airlock.audit.AuditLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log of a command that holds credentials, told about them as soon as they are held: its
 * guard then redacts every exact occurrence, whatever the credential's shape (an S3-compatible
 * upstream's secret, the endpoint's minted token). The session credentials are added where they are
 * obtained: {@link SessionOpener} (open and each refresh) and {@link EnforcedRun} (minted, upstream).
 */
public final class LiveCredentials {

    /** Where the base credentials sit when they come from the environment (the parent's container token too). */
    private static final List<String> SECRET_VARIABLES = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_SECURITY_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN");

    private LiveCredentials() {
    }

    /** Opens the audit log for {@code env} with the base credentials found in {@code env} protected. */
    public static AuditLog openAudit(Map<String, String> env) {
        AuditLog audit = AuditLog.open(AuditDirectory.resolve(env));
        for (String name : SECRET_VARIABLES) {
            Optional.ofNullable(env.get(name)).ifPresent(audit.guard()::protect);
        }
        return audit;
    }
}
