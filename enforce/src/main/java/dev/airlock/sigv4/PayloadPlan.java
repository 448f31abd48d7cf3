package dev.airlock.sigv4;

import java.util.Optional;

/**
 * How a request's body enters its canonical request.
 *
 * @param mode the payload mode
 * @param canonicalHash the last line of the canonical request
 * @param claimed whether the hash comes from x-amz-content-sha256 (rather than from the body)
 */
record PayloadPlan(PayloadMode mode, String canonicalHash, boolean claimed) {

    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    static PayloadPlan of(RequestView request, ParsedAuth auth, Payload payload) {
        Optional<String> claim = request.payloadHashClaim();
        if (claim.isPresent()) {
            PayloadMode mode = PayloadMode.ofClaim(claim.get()).orElseThrow(() -> new Reject(
                    RefusalReason.INVALID_CONTENT_SHA256, "x-amz-content-sha256 is '" + claim.get() + "'"));
            if (auth.form() == AuthForm.QUERY && mode.chunkSigned()) {
                throw new Reject(RefusalReason.MALFORMED_PRESIGNED_QUERY,
                        "signed aws-chunked payloads need Authorization header authentication");
            }
            return new PayloadPlan(mode, claim.get(), true);
        }
        if (auth.s3Style()) {
            if (auth.form() == AuthForm.HEADER) {
                throw new Reject(RefusalReason.MISSING_CONTENT_SHA256, "x-amz-content-sha256 is missing");
            }
            return unsigned();
        }
        if (payload instanceof Payload.Known) {
            return new PayloadPlan(PayloadMode.SIGNED,
                    ((Payload.Known) payload).sha256Hex().toLowerCase(java.util.Locale.ROOT), false);
        }
        if (auth.form() == AuthForm.QUERY) {
            return unsigned();
        }
        throw new IllegalArgumentException("the signature of this " + auth.scope().service() + " request covers the "
                + "body's SHA-256 (no x-amz-content-sha256 header): pass Payload.ofBody(...); see SigV4Verifier.needsBody");
    }

    static PayloadPlan unsigned() {
        return new PayloadPlan(PayloadMode.UNSIGNED, UNSIGNED, false);
    }

    /**
     * The other plan a presigned non-S3 URL may have been signed with: clients differ (botocore signs
     * UNSIGNED-PAYLOAD, others the empty body's hash), so both are accepted, as the services do.
     */
    Optional<PayloadPlan> presignedAlternative(ParsedAuth auth) {
        boolean applies = auth.form() == AuthForm.QUERY && !auth.s3Style() && !claimed && mode == PayloadMode.SIGNED;
        return applies ? Optional.of(unsigned()) : Optional.empty();
    }

    /** When the caller hashed the body and the request claimed a hash, they must agree. */
    void checkKnownBody(Payload payload) {
        if (claimed && mode == PayloadMode.SIGNED && payload instanceof Payload.Known
                && !((Payload.Known) payload).sha256Hex().equalsIgnoreCase(canonicalHash)) {
            throw new Reject(RefusalReason.PAYLOAD_HASH_MISMATCH, "body SHA-256 is "
                    + ((Payload.Known) payload).sha256Hex() + ", x-amz-content-sha256 claims " + canonicalHash);
        }
    }
}
