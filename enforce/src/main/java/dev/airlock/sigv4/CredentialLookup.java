package dev.airlock.sigv4;

import java.util.Optional;

/** Finds the credentials Airlock issued under an access key id. */
@FunctionalInterface
public interface CredentialLookup {

    /** The credentials for {@code accessKeyId}, or empty when the key is unknown. */
    Optional<IssuedCredentials> find(String accessKeyId);
}
