package dev.airlock.cli.run;

import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of {@code run --enforce}. */
public final class EnforceOptions {

    @Option(names = "--enforce", description = "route the command's AWS calls through Airlock's local endpoint, "
            + "which checks, records and forwards each call; the command never holds AWS credentials")
    boolean enforce;

    @Option(names = "--upstream", paramLabel = "URL", description = "with --enforce: forward to this S3-compatible "
            + "endpoint (signed with the broker's own credentials) instead of AWS")
    Optional<URI> upstream = Optional.empty();

    @Option(names = "--max-calls", paramLabel = "N", description = "with --enforce: refuse calls after N")
    Optional<Long> maxCalls = Optional.empty();

    @Option(names = "--relay-private-networks", description = "with --enforce: also relay the command's non-AWS "
            + "HTTPS tunnels to private addresses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7); never to this "
            + "machine, link-local addresses such as the instance metadata service, or cloud metadata and "
            + "credential services in private space (fd00:ec2::/48, 100.100.100.200, ...)")
    boolean relayPrivateNetworks;

    @Option(names = "--max-bytes", paramLabel = "N", description = "with --enforce: refuse calls after N body bytes")
    Optional<Long> maxBytes = Optional.empty();

    public dev.airlock.lifecycle.EnforceSettings settings() {
        return new dev.airlock.lifecycle.EnforceSettings(upstream, maxCalls, maxBytes, relayPrivateNetworks);
    }
}
