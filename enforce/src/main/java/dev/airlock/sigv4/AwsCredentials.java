package dev.airlock.sigv4;

import java.util.Optional;

/**
 * An access key pair, with the session token that temporary credentials carry.
 * {@link #toString()} never prints the secret or the token.
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

    public AwsCredentials {
        if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("access key id and secret must not be empty");
        }
        if (sessionToken.isPresent() && sessionToken.get().isEmpty()) {
            throw new IllegalArgumentException("session token must not be empty when present");
        }
    }

    public static AwsCredentials permanent(String accessKeyId, String secretAccessKey) {
        return new AwsCredentials(accessKeyId, secretAccessKey, Optional.empty());
    }

    public static AwsCredentials session(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new AwsCredentials(accessKeyId, secretAccessKey, Optional.of(sessionToken));
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***, sessionToken="
                + (sessionToken.isPresent() ? "***" : "none") + "]";
    }
}
