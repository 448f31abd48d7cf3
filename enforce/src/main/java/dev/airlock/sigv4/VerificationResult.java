package dev.airlock.sigv4;

/** The outcome of {@link SigV4Verifier#verify}: {@link Verified} or {@link Refused}. */
public sealed interface VerificationResult permits Verified, Refused {

    default boolean verified() {
        return this instanceof Verified;
    }
}
