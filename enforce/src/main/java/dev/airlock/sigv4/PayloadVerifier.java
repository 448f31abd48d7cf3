package dev.airlock.sigv4;

import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What remains to check of a verified request's body, and how to decode it. Obtained from {@link Verified}; use
 * {@link #open} on the raw body and forward what it yields.
 */
public final class PayloadVerifier {

    private final PayloadMode mode;
    private final Optional<String> expectedSha256;
    private final OptionalLong decodedLength;
    private final Set<String> declaredTrailers;
    private final Optional<ChunkSigning> signing;

    private PayloadVerifier(PayloadMode mode, Optional<String> expectedSha256, OptionalLong decodedLength,
            Set<String> declaredTrailers, Optional<ChunkSigning> signing) {
        this.mode = mode;
        this.expectedSha256 = expectedSha256;
        this.decodedLength = decodedLength;
        this.declaredTrailers = Set.copyOf(declaredTrailers);
        this.signing = signing;
    }

    static PayloadVerifier nothingToCheck(PayloadMode mode) {
        return new PayloadVerifier(mode, Optional.empty(), OptionalLong.empty(), Set.of(), Optional.empty());
    }

    static PayloadVerifier sha256(String expectedHex) {
        return new PayloadVerifier(PayloadMode.SIGNED, Optional.of(expectedHex), OptionalLong.empty(), Set.of(),
                Optional.empty());
    }

    static PayloadVerifier awsChunked(PayloadMode mode, long decodedLength, Set<String> trailers,
            Optional<ChunkSigning> signing) {
        return new PayloadVerifier(mode, Optional.empty(), OptionalLong.of(decodedLength), trailers, signing);
    }

    public PayloadMode mode() {
        return mode;
    }

    /** For aws-chunked bodies, the length of the decoded body (x-amz-decoded-content-length). */
    public OptionalLong decodedContentLength() {
        return decodedLength;
    }

    /** For aws-chunked bodies with a trailer, the lower-cased trailing header names announced in x-amz-trailer. */
    public Set<String> declaredTrailers() {
        return declaredTrailers;
    }

    /**
     * Wraps the raw body (bounded to this request: the stream must end where the body ends) into the stream to
     * forward: decoded when aws-chunked, verified while read. Call once per request.
     */
    public PayloadStream open(InputStream rawBody) {
        if (mode.awsChunked()) {
            return new AwsChunkedDecodingStream(rawBody, signing.map(ChunkSigning::newSigner),
                    decodedLength.orElseThrow(), mode.hasTrailer(), declaredTrailers);
        }
        if (expectedSha256.isPresent()) {
            return new Sha256CheckingStream(rawBody, expectedSha256.get());
        }
        return new PassThroughStream(rawBody);
    }

    @Override
    public String toString() {
        return "PayloadVerifier[" + mode + (decodedLength.isPresent() ? ", decoded=" + decodedLength.getAsLong() : "")
                + "]";
    }
}
