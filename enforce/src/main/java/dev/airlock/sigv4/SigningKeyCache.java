package dev.airlock.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derived SigV4 signing keys (kSigning = HMAC chain over day, region, service, "aws4_request"), cached per
 * secret and scope. A key is valid for a whole UTC day, so one proxy run derives a handful; deriving costs four
 * HMACs, so the cache simply empties itself when full instead of tracking recency. Thread-safe; share one
 * instance between the verifier and the signer.
 */
public final class SigningKeyCache {

    public static final int DEFAULT_MAX_ENTRIES = 1024;

    private final ConcurrentHashMap<Key, SecretKeySpec> keys = new ConcurrentHashMap<>();
    private final int maxEntries;

    public SigningKeyCache() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public SigningKeyCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    private record Key(String secret, String date, String region, String service) {
        @Override
        public String toString() {
            return "Key[" + date + "/" + region + "/" + service + "]";
        }
    }

    /** The signing key for {@code secret} in {@code scope}, ready for HMAC. */
    SecretKeySpec signingKey(String secret, CredentialScope scope) {
        Key key = new Key(secret, scope.date(), scope.region(), scope.service());
        SecretKeySpec cached = keys.get(key);
        if (cached != null) {
            return cached;
        }
        if (keys.size() >= maxEntries) {
            keys.clear();
        }
        SecretKeySpec derived = derive(secret, scope);
        keys.putIfAbsent(key, derived);
        return derived;
    }

    static SecretKeySpec derive(String secret, CredentialScope scope) {
        byte[] kDate = Crypto.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
        byte[] kRegion = Crypto.hmac(kDate, scope.region());
        byte[] kService = Crypto.hmac(kRegion, scope.service());
        byte[] kSigning = Crypto.hmac(kService, SigV4.TERMINATOR);
        return new SecretKeySpec(kSigning, Crypto.HMAC_SHA256);
    }

    int size() {
        return keys.size();
    }
}
