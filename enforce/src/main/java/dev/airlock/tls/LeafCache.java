package dev.airlock.tls;

import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Leaf certificates by host, minted on first use and kept in a bounded least-recently-used map, so a
 * client inventing SNI names cannot grow memory without bound.
 *
 * <p>All leaves share one key pair, generated when the cache is made. Per-host keys would buy nothing:
 * every key lives in this process and is trusted only through this run's CA. Sharing makes a new host
 * cost one ECDSA signature instead of a key generation plus a signature.
 */
final class LeafCache {

    private final RunAuthority authority;
    private final KeyPair leafKeys;
    private final Predicate<HostName> mayMint;
    private final Map<HostName, LeafCredential> leaves;

    LeafCache(RunAuthority authority, int capacity, Predicate<HostName> mayMint) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.authority = Objects.requireNonNull(authority, "authority");
        this.mayMint = Objects.requireNonNull(mayMint, "mayMint");
        this.leafKeys = authority.newLeafKeyPair();
        this.leaves = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<HostName, LeafCredential> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The leaf for {@code host}, minting it if needed; empty when the host is not one this cache may
     * mint for or the authority can no longer sign (its run is over).
     */
    Optional<LeafCredential> find(HostName host) {
        synchronized (leaves) {
            LeafCredential cached = leaves.get(host);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        if (!mayMint.test(host)) {
            return Optional.empty();
        }
        LeafCredential minted;
        try {
            minted = mint(host);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
        // Signing happens outside the lock so one new host never stalls handshakes for others; two
        // threads racing on the same new host both sign and the first one stored wins.
        synchronized (leaves) {
            LeafCredential raced = leaves.putIfAbsent(host, minted);
            return Optional.of(raced == null ? minted : raced);
        }
    }

    /** Like {@link #find} but for callers that need the leaf and want the reason when there is none. */
    LeafCredential require(HostName host) {
        if (!mayMint.test(host)) {
            throw new IllegalArgumentException("not allowed to mint a certificate for " + host);
        }
        return find(host).orElseThrow(() -> new IllegalStateException(
                "cannot mint for " + host + ": authority " + authority + " is outside its validity"));
    }

    int size() {
        synchronized (leaves) {
            return leaves.size();
        }
    }

    private LeafCredential mint(HostName host) {
        return new LeafCredential(host, authority.issueServerCertificate(host, leafKeys.getPublic()), leafKeys.getPrivate());
    }
}
