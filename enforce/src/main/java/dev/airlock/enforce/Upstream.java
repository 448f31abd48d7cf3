package dev.airlock.enforce;

import dev.airlock.sigv4.AwsCredentials;
import java.net.URI;
import java.util.function.Supplier;

/** Where allowed calls go, and the credentials they are re-signed with there. */
public sealed interface Upstream {

    /** The credentials to sign with now (they may be refreshed behind this supplier). */
    Supplier<AwsCredentials> credentials();

    /** Real AWS: each call goes to the host the client asked for, over HTTPS. */
    record Aws(Supplier<AwsCredentials> credentials) implements Upstream {}

    /**
     * One S3-compatible endpoint (S3Proxy, MinIO, ...) for every call; virtual-hosted S3 requests are
     * rewritten to path style, since such endpoints rarely serve bucket subdomains.
     */
    record Fixed(URI endpoint, Supplier<AwsCredentials> credentials) implements Upstream {}
}
