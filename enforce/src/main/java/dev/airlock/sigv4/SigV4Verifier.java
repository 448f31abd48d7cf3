package dev.airlock.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on incoming requests, as AWS does, against credentials Airlock issued.
 * Thread-safe.
 *
 * <p>Order of checks: authentication present and well-formed; request time (clock skew for header auth,
 * expiry for presigned URLs); access key known; session token; credentials not expired; x-amz-content-sha256
 * valid; signature (constant-time); S3 only: every x-amz-* header signed; payload hash when the body is known.
 */
public final class SigV4Verifier {

    /** S3 accepts header-signed requests up to 15 minutes from its clock. */
    public static final Duration S3_MAX_SKEW = Duration.ofMinutes(15);
    /** Other services accept 5 minutes. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final CredentialLookup lookup;
    private final SigningKeyCache keys;

    public SigV4Verifier(CredentialLookup lookup, SigningKeyCache keys) {
        this.lookup = lookup;
        this.keys = keys;
    }

    /**
     * Whether {@link #verify} needs the body's hash ({@link Payload#ofBody}) rather than {@link Payload#streamed()}:
     * true when the request claims no x-amz-content-sha256 and is not S3 presigned (non-S3 services sign the body's
     * hash itself). Such bodies are API calls, small enough to buffer.
     */
    public static boolean needsBody(RequestView request) {
        if (request.payloadHashClaim().isPresent()) {
            return false;
        }
        return !AuthParser.peekService(request, Query.parse(request.rawQuery())).map(SigV4::isS3Style).orElse(true);
    }

    /**
     * The service the request's credential scope names, read without checking anything (for the
     * shape of an error sent before, or instead of, verification); empty if unreadable.
     */
    public static Optional<String> claimedService(RequestView request) {
        return AuthParser.peekService(request, Query.parse(request.rawQuery()));
    }

    /**
     * Verifies {@code request} at time {@code now}.
     *
     * @param payload the body's hash if known, else {@link Payload#streamed()} (see {@link #needsBody})
     * @throws IllegalArgumentException if the signature covers the body's hash and {@code payload} is streamed
     */
    public VerificationResult verify(RequestView request, Payload payload, Instant now) {
        Query query = Query.parse(request.rawQuery());
        ParsedAuth auth;
        try {
            auth = AuthParser.parse(request, query);
        } catch (Reject reject) {
            return reject.toRefused();
        }
        try {
            return verifyParsed(request, query, auth, payload, now);
        } catch (Reject reject) {
            return new Refused(reject.reason, reject.detail, auth.service());
        }
    }

    private Verified verifyParsed(RequestView request, Query query, ParsedAuth auth, Payload payload, Instant now) {
        checkTime(auth, now);
        IssuedCredentials issued = lookup.find(auth.accessKeyId()).orElseThrow(
                () -> new Reject(RefusalReason.UNKNOWN_ACCESS_KEY, "unknown access key " + auth.accessKeyId()));
        checkToken(auth, issued, now);
        SecretKeySpec key = keys.signingKey(issued.credentials().secretAccessKey(), auth.scope());
        Match match = matchSignature(request, query, auth, PayloadPlan.of(request, auth, payload), key);
        if (auth.s3Style()) {
            checkAmzHeadersSigned(request, auth);
        }
        PayloadPlan plan = match.plan();
        plan.checkKnownBody(payload);
        return new Verified(auth.accessKeyId(), auth.scope(), auth.signedAt(), auth.form(), auth.signedNames(),
                plan.mode(), plan.mode().chunkSigned() ? Optional.of(match.signature()) : Optional.empty(),
                payloadVerifier(request, auth, plan, payload, key, match.signature()));
    }

    /** The payload plan the signature matched under, and the signature. */
    private record Match(PayloadPlan plan, String signature) {
    }

    private static Match matchSignature(RequestView request, Query query, ParsedAuth auth, PayloadPlan plan,
            SecretKeySpec key) {
        String canonicalRequest = canonicalRequest(request, query, auth, plan);
        String expected = signature(key, auth, canonicalRequest);
        if (Crypto.constantTimeEquals(expected, auth.signature())) {
            return new Match(plan, expected);
        }
        Optional<PayloadPlan> alternative = plan.presignedAlternative(auth);
        if (alternative.isPresent()) {
            String other = signature(key, auth, canonicalRequest(request, query, auth, alternative.get()));
            if (Crypto.constantTimeEquals(other, auth.signature())) {
                return new Match(alternative.get(), other);
            }
        }
        throw new Reject(RefusalReason.SIGNATURE_MISMATCH, "canonical request was:\n" + canonicalRequest);
    }

    private static String canonicalRequest(RequestView request, Query query, ParsedAuth auth, PayloadPlan plan) {
        return Canonical.request(request.method(), Canonical.uri(request.rawPath(), auth.s3Style()),
                query.canonical(auth.form() == AuthForm.QUERY), request.headers(), auth.signedNames(),
                auth.signedHeadersLine(), plan.canonicalHash());
    }

    static String signature(SecretKeySpec key, ParsedAuth auth, String canonicalRequest) {
        String stringToSign = Canonical.stringToSign(auth.amzDate(), auth.scope(), canonicalRequest);
        return Hex.encode(Crypto.hmac(key, stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- time ---------------------------------------------------------------------------------------------

    private static void checkTime(ParsedAuth auth, Instant now) {
        Duration skew = auth.s3Style() ? S3_MAX_SKEW : MAX_SKEW;
        Instant signedAt = auth.signedAt();
        if (auth.form() == AuthForm.QUERY) {
            if (signedAt.isAfter(now.plus(skew))) {
                throw new Reject(RefusalReason.REQUEST_NOT_YET_VALID, "X-Amz-Date " + auth.amzDate() + " is in the future");
            }
            if (auth.expiresSeconds().isPresent()) {
                if (now.isAfter(signedAt.plusSeconds(auth.expiresSeconds().getAsLong()))) {
                    throw new Reject(RefusalReason.REQUEST_EXPIRED, "Request has expired");
                }
                return;
            }
        }
        long minutes = skew.toMinutes();
        if (signedAt.isBefore(now.minus(skew))) {
            throw new Reject(RefusalReason.REQUEST_TIME_TOO_SKEWED, "Signature expired: " + auth.amzDate()
                    + " is now earlier than " + AmzDates.format(now.minus(skew)) + " (" + AmzDates.format(now) + " - "
                    + minutes + " min.)");
        }
        if (signedAt.isAfter(now.plus(skew))) {
            throw new Reject(RefusalReason.REQUEST_TIME_TOO_SKEWED, "Signature not yet current: " + auth.amzDate()
                    + " is still later than " + AmzDates.format(now.plus(skew)) + " (" + AmzDates.format(now) + " + "
                    + minutes + " min.)");
        }
    }

    // ---- credentials --------------------------------------------------------------------------------------

    private static void checkToken(ParsedAuth auth, IssuedCredentials issued, Instant now) {
        Optional<String> expected = issued.credentials().sessionToken();
        Optional<String> given = auth.securityToken();
        if (expected.isPresent()) {
            if (given.isEmpty()) {
                throw new Reject(RefusalReason.MISSING_SECURITY_TOKEN, "session credentials used without their token");
            }
            if (!Crypto.constantTimeEquals(expected.get(), given.get())) {
                throw new Reject(RefusalReason.INVALID_SECURITY_TOKEN, "security token does not match the access key");
            }
        } else if (given.isPresent()) {
            throw new Reject(RefusalReason.INVALID_SECURITY_TOKEN, "a security token sent with a long-term access key");
        }
        if (!now.isBefore(issued.expiresAt())) {
            throw new Reject(RefusalReason.EXPIRED_TOKEN, "credentials expired at " + issued.expiresAt());
        }
    }

    // ---- headers ------------------------------------------------------------------------------------------

    private static void checkAmzHeadersSigned(RequestView request, ParsedAuth auth) {
        for (String name : request.headers().names()) {
            if (name.startsWith("x-amz-") && !name.equals(SigV4.X_AMZ_CONTENT_SHA256) && !isSigned(auth, name)) {
                throw new Reject(RefusalReason.UNSIGNED_HEADERS, "HeadersNotSigned: " + name);
            }
        }
    }

    private static boolean isSigned(ParsedAuth auth, String lowerName) {
        for (String signed : auth.signedNames()) {
            if (signed.equalsIgnoreCase(lowerName)) {
                return true;
            }
        }
        return false;
    }

    // ---- payload ------------------------------------------------------------------------------------------

    private static PayloadVerifier payloadVerifier(RequestView request, ParsedAuth auth, PayloadPlan plan,
            Payload payload, SecretKeySpec key, String seed) {
        PayloadMode mode = plan.mode();
        if (mode.awsChunked()) {
            long decodedLength = decodedLength(request);
            Optional<ChunkSigning> signing = mode.chunkSigned()
                    ? Optional.of(new ChunkSigning(key, auth.amzDate(), auth.scope(), seed))
                    : Optional.empty();
            return PayloadVerifier.awsChunked(mode, decodedLength, declaredTrailers(request, mode), signing);
        }
        if (mode == PayloadMode.SIGNED && plan.claimed() && payload instanceof Payload.Streamed) {
            return PayloadVerifier.sha256(plan.canonicalHash());
        }
        return PayloadVerifier.nothingToCheck(mode);
    }

    private static long decodedLength(RequestView request) {
        String value = request.headers().first(SigV4.X_AMZ_DECODED_CONTENT_LENGTH).orElse("").trim();
        try {
            long length = Long.parseLong(value);
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Reject(RefusalReason.MISSING_DECODED_CONTENT_LENGTH,
                "aws-chunked bodies need a valid x-amz-decoded-content-length, got '" + value + "'");
    }

    private static Set<String> declaredTrailers(RequestView request, PayloadMode mode) {
        Set<String> names = new TreeSet<>();
        if (!mode.hasTrailer()) {
            return names;
        }
        for (String value : request.headers().all(SigV4.X_AMZ_TRAILER)) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String name = value.substring(start, end).trim();
                if (!name.isEmpty()) {
                    names.add(Headers.lower(name));
                }
                start = end + 1;
            }
        }
        return names;
    }
}
