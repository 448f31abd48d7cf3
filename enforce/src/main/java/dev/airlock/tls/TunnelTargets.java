package dev.airlock.tls;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The CONNECT target of each server-side SSLSocket or SSLEngine the terminator made, for handshakes
 * whose client sends no SNI (IP literals, dotless names such as "localhost"). Kept beside the
 * connection rather than read from {@code SSLSession.getPeerHost()}, which on an accepted socket is
 * the client's own address. Weak keys: a connection dropped without a handshake leaves nothing behind.
 */
final class TunnelTargets {

    // Neither SSLSocket nor SSLEngine overrides equals, so this is in effect an identity map.
    private final Map<Object, HostName> targets = Collections.synchronizedMap(new WeakHashMap<>());

    void remember(Object connection, HostName target) {
        targets.put(connection, target);
    }

    Optional<HostName> of(Object connection) {
        return Optional.ofNullable(targets.get(connection));
    }
}
