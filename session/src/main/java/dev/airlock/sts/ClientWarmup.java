package dev.airlock.sts;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * Loads and initialises the AWS SDK on a background thread while the CLI parses its arguments and
 * plans the session. Building the first SDK client costs a few hundred milliseconds of class
 * loading and set-up on a cold JVM; done in parallel, the real client later builds from warm
 * classes. The throw-away clients point at a closed local port and make no call.
 */
public final class ClientWarmup {
    private ClientWarmup() {}

    public static void start() {
        Thread t = new Thread(ClientWarmup::warm, "airlock-sdk-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** The same, on this thread (for a process that warms up before it serves). */
    public static void warm() {
        AwsClients local = new AwsClients(Optional.empty(), Region.US_EAST_1, Optional.of(URI.create("http://127.0.0.1:9")));
        try (SdkRoleAssumer sts = new SdkRoleAssumer(local); IamRoleInspector iam = new IamRoleInspector(local)) {
            local.credentials();
        } catch (RuntimeException ignored) {
            // Warming is best effort: the real client reports any real problem.
        }
    }
}
