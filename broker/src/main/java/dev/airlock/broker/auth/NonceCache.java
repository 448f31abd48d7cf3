package dev.airlock.broker.auth;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nonces seen inside the freshness window, per authenticated client. A nonce is accepted
 * once; it is forgotten only when its request's timestamp has left the window, after which the
 * timestamp check refuses a replay anyway. Bounded: when full, a new request is refused (and
 * retried by its client) rather than an old nonce forgotten early.
 */
final class NonceCache {

    record Key(ClientId client, String nonce) {}

    private final Map<Key, Long> seen = new ConcurrentHashMap<>();
    private final long windowMillis;
    private final int capacity;

    NonceCache(long windowMillis, int capacity) {
        this.windowMillis = windowMillis;
        this.capacity = capacity;
    }

    enum Outcome { FRESH, REPLAYED, FULL }

    /** Records the nonce of a request stamped {@code timestampMillis}; atomic per key. */
    Outcome admit(ClientId client, String nonce, long timestampMillis, long nowMillis) {
        if (seen.size() >= capacity) {
            expire(nowMillis);
            if (seen.size() >= capacity) {
                return Outcome.FULL;
            }
        }
        return seen.putIfAbsent(new Key(client, nonce), timestampMillis) == null ? Outcome.FRESH : Outcome.REPLAYED;
    }

    /** Drops nonces whose timestamps are outside the window on both sides of now. */
    void expire(long nowMillis) {
        for (Iterator<Map.Entry<Key, Long>> it = seen.entrySet().iterator(); it.hasNext();) {
            if (Math.abs(nowMillis - it.next().getValue()) > windowMillis) {
                it.remove();
            }
        }
    }

    int size() {
        return seen.size();
    }
}
