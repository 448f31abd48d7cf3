package dev.airlock.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Worked examples published in the AWS documentation (example keys), verified and re-signed. */
class KnownAnswerTest {

    private static final AwsCredentials DOC_S3 =
            AwsCredentials.permanent("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final AwsCredentials DOC_GENERAL =
            AwsCredentials.permanent("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final Instant S3_TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final Instant GENERAL_TIME = Instant.parse("2015-08-30T12:36:00Z");

    private final SigningKeyCache keys = new SigningKeyCache();

    private SigV4Verifier verifier(AwsCredentials credentials) {
        return new SigV4Verifier(id -> id.equals(credentials.accessKeyId())
                ? Optional.of(IssuedCredentials.nonExpiring(credentials)) : Optional.empty(), keys);
    }

    private static String authorization(String scope, String signedHeaders, String signature, String keyId) {
        return "AWS4-HMAC-SHA256 Credential=" + keyId + "/" + scope + "/aws4_request, SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    @Test
    void s3GetObjectExample() {
        Headers headers = Headers.builder().add("Host", "examplebucket.s3.amazonaws.com").add("Range", "bytes=0-9")
                .add("x-amz-content-sha256", SigV4.EMPTY_SHA256).add("x-amz-date", "20130524T000000Z").build();
        RequestView view = new RequestView("GET", "/test.txt", "", headers);
        SigningResult signed = new SigV4Signer(keys).sign(view, DOC_S3, new SigningTarget("us-east-1", "s3"), S3_TIME,
                PayloadHash.emptyBody());
        assertThat(signed.signature()).isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertThat(verifier(DOC_S3).verify(view.withHeaders(signed.applyTo(headers)), Payload.streamed(), S3_TIME))
                .isInstanceOf(Verified.class);
    }

    @Test
    void s3PresignedUrlExample() {
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3"
                + "%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        RequestView view = new RequestView("GET", "/test.txt", query,
                Headers.builder().add("Host", "examplebucket.s3.amazonaws.com").build());
        assertThat(verifier(DOC_S3).verify(view, Payload.streamed(), S3_TIME.plusSeconds(86_400)))
                .isInstanceOf(Verified.class);
        assertThat(verifier(DOC_S3).verify(view, Payload.streamed(), S3_TIME.plusSeconds(86_401)))
                .isInstanceOf(Refused.class);
    }

    @Test
    void s3ChunkedUploadExample() throws IOException {
        Headers headers = Headers.builder().add("Host", "s3.amazonaws.com").add("x-amz-date", "20130524T000000Z")
                .add("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .add("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD").add("Content-Encoding", "aws-chunked")
                .add("x-amz-decoded-content-length", "66560").add("Content-Length", "66824").build();
        String seed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
        RequestView view = new RequestView("PUT", "/examplebucket/chunkObject.txt", "", headers.with("Authorization",
                authorization("20130524/us-east-1/s3", "content-encoding;content-length;host;x-amz-content-sha256;"
                        + "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class", seed, DOC_S3.accessKeyId())));
        VerificationResult result = verifier(DOC_S3).verify(view, Payload.streamed(), S3_TIME);
        assertThat(result).isInstanceOf(Verified.class);
        Verified verified = (Verified) result;
        assertThat(verified.seedSignature()).contains(seed);

        byte[] body = new byte[66_560];
        Arrays.fill(body, (byte) 'a');
        byte[] encoded = AwsChunkedEncoder.signed(DOC_S3, verified.scope(), "20130524T000000Z", seed, false)
                .encode(body, 65_536);
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        assertThat(encoded).hasSize(66_824);
        assertThat(text).startsWith("10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n")
                .contains("400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n")
                .endsWith("0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n");
        assertThat(verified.payload().open(new ByteArrayInputStream(encoded)).readAllBytes()).isEqualTo(body);
    }

    @Test
    void iamListUsersExampleSignsTheBodyHashWithoutAContentSha256Header() {
        Headers headers = Headers.builder().add("Host", "iam.amazonaws.com")
                .add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .add("X-Amz-Date", "20150830T123600Z").build();
        RequestView view = new RequestView("GET", "/", "Action=ListUsers&Version=2010-05-08", headers.with("Authorization",
                authorization("20150830/us-east-1/iam", "content-type;host;x-amz-date",
                        "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", DOC_GENERAL.accessKeyId())));
        assertThat(SigV4Verifier.needsBody(view)).isTrue();
        assertThat(verifier(DOC_GENERAL).verify(view, Payload.ofBody(new byte[0]), GENERAL_TIME))
                .isInstanceOf(Verified.class);
    }

    @Test
    void sigV4TestSuiteGetVanilla() {
        Headers headers = Headers.builder().add("Host", "example.amazonaws.com").add("X-Amz-Date", "20150830T123600Z")
                .build();
        RequestView view = new RequestView("GET", "/", "", headers.with("Authorization",
                authorization("20150830/us-east-1/service", "host;x-amz-date",
                        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", DOC_GENERAL.accessKeyId())));
        assertThat(verifier(DOC_GENERAL).verify(view, Payload.ofBody(new byte[0]), GENERAL_TIME))
                .isInstanceOf(Verified.class);
    }
}
