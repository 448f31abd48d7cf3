package dev.airlock.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/** aws-chunked bodies signed by the AWS SDK (and by a test encoder following the documented algorithm). */
class ChunkedPayloadTest {

    private static final Instant TIME = Instant.parse("2025-03-04T05:06:07Z");
    private static final AwsCredentials CREDENTIALS = AwsCredentials.session("ASIACHUNKED", "chunk/secret+key", "tok=");
    private static final int BODY_SIZE = 3 * 1024 * 1024 + 12_345;

    private final SigningKeyCache keys = new SigningKeyCache();
    private final SigV4Verifier verifier = new SigV4Verifier(
            id -> id.equals(CREDENTIALS.accessKeyId()) ? Optional.of(IssuedCredentials.nonExpiring(CREDENTIALS))
                    : Optional.empty(), keys);

    /** The SDK variants of chunked uploads. */
    enum Variant {
        SIGNED(true, Optional.empty(), PayloadMode.STREAMING_SIGNED),
        SIGNED_TRAILER_CRC32(true, Optional.of(DefaultChecksumAlgorithm.CRC32), PayloadMode.STREAMING_SIGNED_TRAILER),
        SIGNED_TRAILER_SHA256(true, Optional.of(DefaultChecksumAlgorithm.SHA256), PayloadMode.STREAMING_SIGNED_TRAILER),
        UNSIGNED_TRAILER_CRC32(false, Optional.of(DefaultChecksumAlgorithm.CRC32), PayloadMode.STREAMING_UNSIGNED_TRAILER),
        UNSIGNED_TRAILER_CRC32C(false, Optional.of(DefaultChecksumAlgorithm.CRC32C),
                PayloadMode.STREAMING_UNSIGNED_TRAILER),
        UNSIGNED_TRAILER_SHA1(false, Optional.of(DefaultChecksumAlgorithm.SHA1), PayloadMode.STREAMING_UNSIGNED_TRAILER);
        // CRC64NVME needs the SDK's optional CRT dependency; our implementation is checked in CanonicalTest.

        final boolean payloadSigning;
        final Optional<ChecksumAlgorithm> checksum;
        final PayloadMode mode;

        Variant(boolean payloadSigning, Optional<ChecksumAlgorithm> checksum, PayloadMode mode) {
            this.payloadSigning = payloadSigning;
            this.checksum = checksum;
            this.mode = mode;
        }
    }

    private record Upload(byte[] body, RequestView view, byte[] encoded) {
    }

    private static byte[] body(int size, long seed) {
        byte[] body = new byte[size];
        new Random(seed).nextBytes(body);
        return body;
    }

    private static Upload sdkUpload(Variant variant, byte[] body) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).protocol("https")
                .host("bucket.s3.amazonaws.com").encodedPath("/big/object%20name.bin")
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("x-amz-meta-purpose", "  chunked   test ")
                .build();
        SignedRequest signed = SdkReference.sign(request, Optional.of(body), CREDENTIALS,
                SdkReference.Options.chunked("eu-west-1", TIME, variant.payloadSigning, variant.checksum));
        return new Upload(body, SdkReference.view(signed.request()), SdkReference.payloadBytes(signed));
    }

    private Verified verified(RequestView view) {
        VerificationResult result = verifier.verify(view, Payload.streamed(), TIME.plusSeconds(30));
        assertThat(result).isInstanceOf(Verified.class);
        return (Verified) result;
    }

    /** Reads with uneven buffer sizes, as a forwarding loop might. */
    private static byte[] drain(InputStream in, long seed) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[300_000];
        while (true) {
            int want = random.nextInt(10) == 0 ? 1 : 1 + random.nextInt(random.nextBoolean() ? 100 : buffer.length);
            int n = want == 1 && random.nextBoolean() ? single(in, buffer) : in.read(buffer, 0, want);
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, n);
        }
    }

    private static int single(InputStream in, byte[] buffer) throws IOException {
        int b = in.read();
        if (b < 0) {
            return -1;
        }
        buffer[0] = (byte) b;
        return 1;
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void decodesWhatTheSdkEncodesByteForByte(Variant variant) throws IOException {
        Upload upload = sdkUpload(variant, body(BODY_SIZE, variant.ordinal()));
        Verified verified = verified(upload.view());
        assertThat(verified.payloadMode()).isEqualTo(variant.mode);
        assertThat(verified.seedSignature().isPresent()).isEqualTo(variant.mode.chunkSigned());
        assertThat(verified.payload().decodedContentLength()).hasValue(BODY_SIZE);
        PayloadStream stream = verified.payload().open(new ByteArrayInputStream(upload.encoded()));
        assertThat(drain(stream, 7)).isEqualTo(upload.body());
        assertThat(stream.read()).isEqualTo(-1);
        if (variant.checksum.isPresent()) {
            String name = "x-amz-checksum-" + variant.checksum.get().algorithmId().toLowerCase();
            assertThat(stream.trailers().first(name)).isPresent();
            assertThat(verified.payload().declaredTrailers()).containsExactly(name);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aTamperedByteIsATypedFailure(Variant variant) {
        Upload upload = sdkUpload(variant, body(BODY_SIZE, 100 + variant.ordinal()));
        Verified verified = verified(upload.view());
        byte[] encoded = upload.encoded().clone();
        encoded[encoded.length / 2] ^= 0x01;
        PayloadVerificationException.Failure expected = variant.mode.chunkSigned()
                ? PayloadVerificationException.Failure.CHUNK_SIGNATURE_MISMATCH
                : PayloadVerificationException.Failure.CHECKSUM_MISMATCH;
        assertThatThrownBy(() -> drain(verified.payload().open(new ByteArrayInputStream(encoded)), 1))
                .isInstanceOfSatisfying(PayloadVerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(expected));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aTruncatedBodyIsATypedFailure(Variant variant) {
        Upload upload = sdkUpload(variant, body(300_000, 200 + variant.ordinal()));
        Verified verified = verified(upload.view());
        for (int cut : new int[] {1, 2, 40, 150_000, upload.encoded().length - 1}) {
            byte[] truncated = Arrays.copyOf(upload.encoded(), upload.encoded().length - cut);
            assertThatThrownBy(() -> drain(verified.payload().open(new ByteArrayInputStream(truncated)), cut))
                    .as("cut %d", cut)
                    .isInstanceOfSatisfying(PayloadVerificationException.class,
                            e -> assertThat(e.failure()).isEqualTo(PayloadVerificationException.Failure.TRUNCATED));
        }
    }

    @Test
    void lastBodyByteIsWithheldUntilEverythingIsVerified() {
        Upload upload = sdkUpload(Variant.SIGNED_TRAILER_CRC32, body(200_000, 5));
        Verified verified = verified(upload.view());
        byte[] encoded = upload.encoded().clone();
        int signatureAt = new String(encoded, StandardCharsets.ISO_8859_1).indexOf("x-amz-trailer-signature:") + 30;
        encoded[signatureAt] = (byte) (encoded[signatureAt] == 'a' ? 'b' : 'a');
        InputStream stream = verified.payload().open(new ByteArrayInputStream(encoded));
        byte[] buffer = new byte[1000];
        long delivered = 0;
        try {
            int n;
            while ((n = stream.read(buffer)) > 0) {
                delivered += n;
            }
        } catch (PayloadVerificationException e) {
            assertThat(e.failure()).isEqualTo(PayloadVerificationException.Failure.TRAILER_SIGNATURE_MISMATCH);
            assertThat(e.error().code()).isEqualTo("SignatureDoesNotMatch");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(delivered).isLessThan(upload.body().length);
    }

    @Test
    void ourEncoderReproducesTheSdksBodyExactly() {
        for (Variant variant : Variant.values()) {
            Upload upload = sdkUpload(variant, body(400_000, 300 + variant.ordinal()));
            AwsChunkedEncoder encoder = encoderFor(upload, variant.mode);
            for (String name : verified(upload.view()).payload().declaredTrailers()) {
                TrailerChecksum checksum = TrailerChecksum.forHeader(name).orElseThrow();
                checksum.update(upload.body(), 0, upload.body().length);
                encoder.trailer(name, checksum.base64());
            }
            assertThat(encoder.encode(upload.body(), 128 * 1024)).as(variant.name()).isEqualTo(upload.encoded());
        }
    }

    private AwsChunkedEncoder encoderFor(Upload upload, PayloadMode mode) {
        Verified verified = verified(upload.view());
        return mode.chunkSigned()
                ? AwsChunkedEncoder.signed(CREDENTIALS, verified.scope(), upload.view().headers().first("x-amz-date")
                        .orElseThrow(), verified.seedSignature().orElseThrow(), mode.hasTrailer())
                : AwsChunkedEncoder.unsignedWithTrailer();
    }

    @Test
    void smallAndVariableChunksChainedFromTheSdkSeed() throws IOException {
        byte[] body = body(BODY_SIZE, 9);
        Upload upload = sdkUpload(Variant.SIGNED, body);
        List<Integer> sizes = new ArrayList<>();
        Random random = new Random(3);
        int left = body.length;
        while (left > 0) {
            int size = Math.min(left, 8192 + random.nextInt(random.nextBoolean() ? 100 : 200_000));
            sizes.add(size);
            left -= size;
        }
        byte[] encoded = encoderFor(upload, PayloadMode.STREAMING_SIGNED).encode(body, sizes);
        Verified verified = verified(upload.view());
        assertThat(sizes.size()).isGreaterThan(20);
        assertThat(drain(verified.payload().open(new ByteArrayInputStream(encoded)), 4)).isEqualTo(body);
    }

    @Test
    void onlyTheLastSignedChunkMayBeSmallerThan8KiB() {
        byte[] body = body(50_000, 10);
        Upload upload = sdkUpload(Variant.SIGNED, body);
        byte[] encoded = encoderFor(upload, PayloadMode.STREAMING_SIGNED).encode(body, List.of(8192, 8191, 33617));
        assertFailure(upload.view(), encoded, PayloadVerificationException.Failure.CHUNK_TOO_SMALL);
    }

    @Test
    void decodedLengthMustMatchTheHeader() {
        byte[] body = body(50_000, 11);
        Upload upload = sdkUpload(Variant.SIGNED, body);
        AwsChunkedEncoder encoder = encoderFor(upload, PayloadMode.STREAMING_SIGNED);
        byte[] shorter = encoder.encode(Arrays.copyOf(body, 49_999), 16_384);
        assertFailure(upload.view(), shorter, PayloadVerificationException.Failure.DECODED_LENGTH_MISMATCH);
        byte[] longer = encoderFor(upload, PayloadMode.STREAMING_SIGNED).encode(Arrays.copyOf(body, 50_001), 16_384);
        assertFailure(upload.view(), longer, PayloadVerificationException.Failure.DECODED_LENGTH_MISMATCH);
    }

    @Test
    void malformedFramingIsATypedFailure() {
        byte[] body = body(20_000, 12);
        Upload upload = sdkUpload(Variant.SIGNED, body);
        String encoded = new String(encoderFor(upload, PayloadMode.STREAMING_SIGNED).encode(body, 10_000),
                StandardCharsets.ISO_8859_1);
        String noCrlf = encoded.replaceFirst(";chunk-signature=([0-9a-f]{64})\r\n", ";chunk-signature=$1\n");
        String badSize = "zz" + encoded.substring(encoded.indexOf(';'));
        String noSignature = encoded.replaceFirst(";chunk-signature=[0-9a-f]{64}", "");
        for (String bad : List.of(noCrlf, badSize, noSignature)) {
            assertFailure(upload.view(), bad.getBytes(StandardCharsets.ISO_8859_1),
                    PayloadVerificationException.Failure.MALFORMED_ENCODING);
        }
    }

    @Test
    void trailersMustBeTheAnnouncedOnes() {
        byte[] body = body(20_000, 13);
        Upload upload = sdkUpload(Variant.UNSIGNED_TRAILER_CRC32, body);
        TrailerChecksum crc = TrailerChecksum.forHeader("x-amz-checksum-crc32").orElseThrow();
        crc.update(body, 0, body.length);
        byte[] extra = AwsChunkedEncoder.unsignedWithTrailer().trailer("x-amz-checksum-crc32", crc.base64())
                .trailer("x-amz-checksum-sha1", "AAAA").encode(body, 10_000);
        assertFailure(upload.view(), extra, PayloadVerificationException.Failure.TRAILER_MISMATCH);
        byte[] none = AwsChunkedEncoder.unsignedWithTrailer().encode(body, 10_000);
        assertFailure(upload.view(), none, PayloadVerificationException.Failure.TRAILER_MISMATCH);
    }

    @Test
    void emptyBodies() throws IOException {
        for (Variant variant : Variant.values()) {
            Upload upload = sdkUpload(variant, new byte[0]);
            Verified verified = verified(upload.view());
            assertThat(verified.payload().open(new ByteArrayInputStream(upload.encoded())).readAllBytes()).isEmpty();
        }
    }

    @Test
    void streamingRequestsNeedTheDecodedLength() {
        Upload upload = sdkUpload(Variant.SIGNED, body(100, 14));
        RequestView noLength = upload.view().withHeaders(upload.view().headers().without("x-amz-decoded-content-length"));
        VerificationResult result = verifier.verify(noLength, Payload.streamed(), TIME);
        assertThat(result).isInstanceOf(Refused.class);
        // the header is signed, so dropping it breaks the signature first, as at AWS
        assertThat(((Refused) result).reason()).isEqualTo(RefusalReason.SIGNATURE_MISMATCH);
    }

    private void assertFailure(RequestView view, byte[] encoded, PayloadVerificationException.Failure failure) {
        Verified verified = verified(view);
        assertThatThrownBy(() -> drain(verified.payload().open(new ByteArrayInputStream(encoded)), 2))
                .isInstanceOfSatisfying(PayloadVerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(failure));
    }
}
