package dev.airlock.session;

import java.util.Objects;
import java.util.Optional;

/** Long-lived or externally managed credentials (the broker's own); toString never shows the secret. */
public record StaticCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    public StaticCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
    }

    @Override
    public String toString() {
        return "StaticCredentials[" + accessKeyId + ", secret redacted]";
    }
}
