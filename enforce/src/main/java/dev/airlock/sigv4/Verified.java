package dev.airlock.sigv4;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A request whose signature is valid for credentials Airlock issued.
 *
 * @param accessKeyId the access key the request was signed with
 * @param scope the credential scope (day, region, service) it was signed for
 * @param signedAt the request time (x-amz-date, Date, or X-Amz-Date)
 * @param form where the signature was carried
 * @param signedHeaders the lower-cased names the signature covers, as listed by the client
 * @param payloadMode how the body is covered
 * @param seedSignature the request signature, from which chunk signatures chain ({@link PayloadMode#chunkSigned()})
 * @param payload checks (and, for aws-chunked, decodes) the body while it streams; use it for every body
 */
public record Verified(
        String accessKeyId,
        CredentialScope scope,
        Instant signedAt,
        AuthForm form,
        List<String> signedHeaders,
        PayloadMode payloadMode,
        Optional<String> seedSignature,
        PayloadVerifier payload) implements VerificationResult {

    public Verified {
        signedHeaders = List.copyOf(signedHeaders);
    }
}
