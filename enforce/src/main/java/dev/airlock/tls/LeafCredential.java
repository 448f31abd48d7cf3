package dev.airlock.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * What the server side of one intercepted handshake presents for {@code host}: the leaf and its key.
 * The chain is the leaf alone: every client that can verify it already holds the CA from the bundle,
 * and RFC 8446 lets the server leave the trust anchor out, which saves half a kilobyte per handshake.
 */
record LeafCredential(HostName host, X509Certificate leaf, PrivateKey key) {

    LeafCredential {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(key, "key");
    }

    /** A new array each time: JSSE owns what it is handed. */
    X509Certificate[] chain() {
        return new X509Certificate[] {leaf};
    }
}
