/**
 * AWS Signature Version 4 for the enforcing endpoint: verifying what agents send, re-signing what goes upstream.
 *
 * <h2>Verifying</h2>
 * <pre>{@code
 * RequestView view = RequestView.of(method, requestTarget, headers);
 * Payload payload = SigV4Verifier.needsBody(view) ? Payload.ofBody(smallBody) : Payload.streamed();
 * VerificationResult result = verifier.verify(view, payload, clock.instant());
 * if (result instanceof Refused) { answer(((Refused) result).error()); return; }
 * Verified ok = (Verified) result;
 * try (PayloadStream body = ok.payload().open(rawBody)) {   // decodes aws-chunked, checks hashes/signatures
 *     forward(body);                                         // abort upstream on PayloadVerificationException
 * }
 * }</pre>
 *
 * <h2>Signing</h2>
 * {@link dev.airlock.sigv4.SigV4Signer#sign} returns the Authorization, X-Amz-Date, X-Amz-Content-Sha256 and
 * X-Amz-Security-Token values; {@link dev.airlock.sigv4.SigningResult#applyTo} applies them. Share one
 * {@link dev.airlock.sigv4.SigningKeyCache} between signer and verifier.
 *
 * <h2>Per-request allocations that remain</h2>
 * Measured on a typical S3 PUT: about 3-4 µs to sign and 7-10 µs to verify on a laptop-class core. No regex and
 * no {@code String.format} in the request path; JCA engines are per thread; derived keys are cached per day,
 * region and service; the X-Amz-Date text is cached per second. What is still allocated per request:
 * <ul>
 *   <li>the canonical request ({@code StringBuilder} + its {@code String} + its UTF-8 bytes) and the string to
 *       sign (same three), because the JCA digest/MAC APIs take bytes;</li>
 *   <li>the SHA-256 and HMAC outputs (32 bytes each) and their hex strings;</li>
 *   <li>one {@code SecretKeySpec}-cache lookup key (a small record) and the HMAC re-initialisation with the
 *       cached key;</li>
 *   <li>the canonical query: one small {@code String[]} pair per parameter plus a sort when there are two or
 *       more; the parsed parameter bounds ({@code int[16]}) when there is a query at all;</li>
 *   <li>verification only: substrings of the Authorization header (credential parts, signed-header names),
 *       the {@code Instant} of the request date, and the result records ({@code Verified},
 *       {@code PayloadVerifier});</li>
 *   <li>lower-cased copies of header names only when a lookup name has upper-case letters.</li>
 * </ul>
 * Streaming bodies allocate once per request (an 8 KiB buffer, a 4 KiB line buffer, a digest, a MAC) and
 * then 64 bytes of hex per chunk for the chained signature.
 */
package dev.airlock.sigv4;
