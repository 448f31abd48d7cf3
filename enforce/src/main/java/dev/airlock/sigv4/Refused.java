package dev.airlock.sigv4;

import java.util.Optional;

/**
 * A request whose authentication failed.
 *
 * @param reason the closed-set reason
 * @param detail what exactly was wrong (used as the message where AWS's message names it)
 * @param service the signing name from the credential scope, when the request got far enough to name one
 */
public record Refused(RefusalReason reason, String detail, Optional<String> service) implements VerificationResult {

    /** The error to return, worded as the scope's service would (S3 or not; non-S3 when unknown). */
    public AwsError error() {
        return reason.error(service.map(SigV4::isS3Style).orElse(false), detail);
    }

    /** The error to return, worded as {@code serviceSigningName} would (for callers that know the endpoint). */
    public AwsError errorFor(String serviceSigningName) {
        return reason.error(SigV4.isS3Style(serviceSigningName), detail);
    }
}
