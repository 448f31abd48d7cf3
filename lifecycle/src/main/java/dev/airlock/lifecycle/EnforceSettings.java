package dev.airlock.lifecycle;

import java.net.URI;
import java.util.Optional;

/**
 * How an enforced session's endpoint forwards and limits calls.
 *
 * @param upstream an S3-compatible endpoint to forward to instead of AWS (signed with the base credentials)
 * @param maxCalls calls refused after this many; {@code maxBytes} likewise for body bytes
 * @param relayPrivateNetworks whether non-AWS tunnels may go to private addresses
 */
public record EnforceSettings(Optional<URI> upstream, Optional<Long> maxCalls, Optional<Long> maxBytes,
        boolean relayPrivateNetworks) {

    public static EnforceSettings defaults() {
        return new EnforceSettings(Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
