package dev.airlock.sigv4;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The authentication parameters of a request, whichever form carried them. */
record ParsedAuth(
        AuthForm form,
        String accessKeyId,
        CredentialScope scope,
        String amzDate,
        Instant signedAt,
        List<String> signedNames,
        String signedHeadersLine,
        String signature,
        Optional<String> securityToken,
        OptionalLong expiresSeconds) {

    boolean s3Style() {
        return SigV4.isS3Style(scope.service());
    }

    Optional<String> service() {
        return Optional.of(scope.service());
    }
}
