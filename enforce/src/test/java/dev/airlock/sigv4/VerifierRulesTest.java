package dev.airlock.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/** AWS's rules around the signature: time, credentials, tokens, malformed input, payload claims. */
class VerifierRulesTest {

    private static final Instant T = Instant.parse("2025-06-30T23:55:00Z");
    private static final AwsCredentials SESSION = AwsCredentials.session("ASIARULES", "rules/secret", "the-token");
    private static final AwsCredentials LONG_TERM = AwsCredentials.permanent("AKIARULES", "long/term/secret");
    private static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

    private final SigningKeyCache keys = new SigningKeyCache();

    private SigV4Verifier verifier(IssuedCredentials... issued) {
        return new SigV4Verifier(id -> {
            for (IssuedCredentials c : issued) {
                if (c.credentials().accessKeyId().equals(id)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }, keys);
    }

    private final SigV4Verifier verifier = verifier(IssuedCredentials.nonExpiring(SESSION),
            IssuedCredentials.nonExpiring(LONG_TERM));

    private static SdkHttpRequest request(String service) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.PUT).protocol("https")
                .host(service.equals("s3") ? "bucket.s3.amazonaws.com" : service + ".amazonaws.com")
                .encodedPath("/some/key").putRawQueryParameter("versionId", "3").build();
    }

    private static RequestView headerSigned(String service, AwsCredentials credentials, boolean payloadSigning) {
        return SdkReference.view(SdkReference.sign(request(service), Optional.of(BODY), credentials,
                SdkReference.Options.header("us-west-2", service, T, payloadSigning)).request());
    }

    private static RequestView presigned(String service, AwsCredentials credentials, Duration expiry) {
        return SdkReference.view(SdkReference.sign(request(service), Optional.empty(), credentials,
                SdkReference.Options.presigned("us-west-2", service, T, expiry)).request());
    }

    private static Refused refused(VerificationResult result) {
        assertThat(result).isInstanceOf(Refused.class);
        return (Refused) result;
    }

    private static Verified verified(VerificationResult result) {
        assertThat(result).isInstanceOf(Verified.class);
        return (Verified) result;
    }

    // ---- time ---------------------------------------------------------------------------------------------

    @Test
    void s3HeaderAuthAcceptsFifteenMinutesOfSkewEitherWay() {
        RequestView view = headerSigned("s3", SESSION, true);
        for (Duration offset : List.of(Duration.ofMinutes(15), Duration.ofMinutes(-15))) {
            verified(verifier.verify(view, Payload.streamed(), T.plus(offset)));
        }
        for (Duration offset : List.of(Duration.ofMinutes(15).plusSeconds(1), Duration.ofMinutes(-15).minusSeconds(1))) {
            Refused refused = refused(verifier.verify(view, Payload.streamed(), T.plus(offset)));
            assertThat(refused.reason()).isEqualTo(RefusalReason.REQUEST_TIME_TOO_SKEWED);
            assertThat(refused.error()).isEqualTo(new AwsError(403, "RequestTimeTooSkewed",
                    "The difference between the request time and the current time is too large."));
        }
    }

    @Test
    void otherServicesAcceptFiveMinutesOfSkew() {
        RequestView view = headerSigned("sts", SESSION, true);
        verified(verifier.verify(view, Payload.ofBody(BODY), T.plus(Duration.ofMinutes(5))));
        verified(verifier.verify(view, Payload.ofBody(BODY), T.minus(Duration.ofMinutes(5))));
        Refused late = refused(verifier.verify(view, Payload.ofBody(BODY), T.plus(Duration.ofMinutes(5)).plusSeconds(1)));
        assertThat(late.reason()).isEqualTo(RefusalReason.REQUEST_TIME_TOO_SKEWED);
        assertThat(late.error().message()).isEqualTo(
                "Signature expired: 20250630T235500Z is now earlier than 20250630T235501Z (20250701T000001Z - 5 min.)");
        Refused early = refused(verifier.verify(view, Payload.ofBody(BODY), T.minus(Duration.ofMinutes(5)).minusSeconds(1)));
        assertThat(early.error().message()).startsWith("Signature not yet current: 20250630T235500Z is still later than");
    }

    @Test
    void presignedUrlsExpireAfterXAmzExpires() {
        RequestView view = presigned("s3", SESSION, Duration.ofSeconds(300));
        verified(verifier.verify(view, Payload.streamed(), T));
        verified(verifier.verify(view, Payload.streamed(), T.plusSeconds(300)));
        Refused refused = refused(verifier.verify(view, Payload.streamed(), T.plusSeconds(301)));
        assertThat(refused.reason()).isEqualTo(RefusalReason.REQUEST_EXPIRED);
        assertThat(refused.error()).isEqualTo(new AwsError(403, "AccessDenied", "Request has expired"));
    }

    @Test
    void presignedUrlsAreValidForAtMostAWeek() {
        RequestView week = presigned("s3", SESSION, Duration.ofSeconds(SigV4.MAX_PRESIGNED_EXPIRES_SECONDS));
        verified(verifier.verify(week, Payload.streamed(), T.plusSeconds(SigV4.MAX_PRESIGNED_EXPIRES_SECONDS)));
        for (String bad : List.of("604801", "-1", "soon")) {
            RequestView changed = new RequestView(week.method(), week.rawPath(),
                    week.rawQuery().replace("X-Amz-Expires=604800", "X-Amz-Expires=" + bad), week.headers());
            Refused refused = refused(verifier.verify(changed, Payload.streamed(), T));
            assertThat(refused.reason()).isEqualTo(RefusalReason.MALFORMED_PRESIGNED_QUERY);
            assertThat(refused.error().code()).isEqualTo("AuthorizationQueryParametersError");
        }
        RequestView tooLong = new RequestView(week.method(), week.rawPath(),
                week.rawQuery().replace("X-Amz-Expires=604800", "X-Amz-Expires=604801"), week.headers());
        assertThat(refused(verifier.verify(tooLong, Payload.streamed(), T)).error().message())
                .isEqualTo("X-Amz-Expires must be less than a week (in seconds) that is, the given X-Amz-Expires must be "
                        + "less than 604800 seconds");
    }

    @Test
    void presignedUrlsFromTheFutureAreNotYetValid() {
        RequestView view = presigned("s3", SESSION, Duration.ofHours(1));
        verified(verifier.verify(view, Payload.streamed(), T.minus(Duration.ofMinutes(15))));
        Refused refused = refused(verifier.verify(view, Payload.streamed(), T.minus(Duration.ofMinutes(16))));
        assertThat(refused.reason()).isEqualTo(RefusalReason.REQUEST_NOT_YET_VALID);
    }

    @Test
    void s3PresignedUrlsNeedXAmzExpires() {
        RequestView view = presigned("s3", SESSION, Duration.ofHours(1));
        RequestView without = new RequestView(view.method(), view.rawPath(),
                view.rawQuery().replace("&X-Amz-Expires=3600", ""), view.headers());
        Refused refused = refused(verifier.verify(without, Payload.streamed(), T));
        assertThat(refused.reason()).isEqualTo(RefusalReason.MALFORMED_PRESIGNED_QUERY);
        assertThat(refused.error().message()).startsWith("Query-string authentication version 4 requires");
    }

    // ---- credentials and tokens ---------------------------------------------------------------------------

    @Test
    void unknownAccessKeysAreRefusedWithEachServicesWording() {
        SigV4Verifier empty = verifier();
        Refused s3 = refused(empty.verify(headerSigned("s3", SESSION, true), Payload.streamed(), T));
        assertThat(s3.reason()).isEqualTo(RefusalReason.UNKNOWN_ACCESS_KEY);
        assertThat(s3.error()).isEqualTo(new AwsError(403, "InvalidAccessKeyId",
                "The AWS Access Key Id you provided does not exist in our records."));
        Refused sts = refused(empty.verify(headerSigned("sts", SESSION, true), Payload.ofBody(BODY), T));
        assertThat(sts.error()).isEqualTo(new AwsError(403, "InvalidClientTokenId",
                "The security token included in the request is invalid."));
        assertThat(sts.errorFor("s3").code()).isEqualTo("InvalidAccessKeyId");
    }

    @Test
    void aWrongSessionTokenIsRefused() {
        SigV4Verifier other = verifier(IssuedCredentials.nonExpiring(
                AwsCredentials.session(SESSION.accessKeyId(), SESSION.secretAccessKey(), "another-token")));
        Refused header = refused(other.verify(headerSigned("s3", SESSION, true), Payload.streamed(), T));
        assertThat(header.reason()).isEqualTo(RefusalReason.INVALID_SECURITY_TOKEN);
        assertThat(header.error()).isEqualTo(new AwsError(400, "InvalidToken",
                "The provided token is malformed or otherwise invalid."));
        Refused query = refused(other.verify(presigned("s3", SESSION, Duration.ofMinutes(5)), Payload.streamed(), T));
        assertThat(query.reason()).isEqualTo(RefusalReason.INVALID_SECURITY_TOKEN);
    }

    @Test
    void sessionCredentialsWithoutTheirTokenAreRefused() {
        AwsCredentials noToken = AwsCredentials.permanent(SESSION.accessKeyId(), SESSION.secretAccessKey());
        Refused header = refused(verifier.verify(headerSigned("sts", noToken, true), Payload.ofBody(BODY), T));
        assertThat(header.reason()).isEqualTo(RefusalReason.MISSING_SECURITY_TOKEN);
        Refused query = refused(verifier.verify(presigned("s3", noToken, Duration.ofMinutes(5)), Payload.streamed(), T));
        assertThat(query.reason()).isEqualTo(RefusalReason.MISSING_SECURITY_TOKEN);
    }

    @Test
    void aTokenWithALongTermKeyIsRefused() {
        AwsCredentials withToken = AwsCredentials.session(LONG_TERM.accessKeyId(), LONG_TERM.secretAccessKey(), "x");
        Refused refused = refused(verifier.verify(headerSigned("s3", withToken, true), Payload.streamed(), T));
        assertThat(refused.reason()).isEqualTo(RefusalReason.INVALID_SECURITY_TOKEN);
    }

    @Test
    void expiredCredentialsAreRefused() {
        SigV4Verifier expiring = verifier(new IssuedCredentials(SESSION, T.plusSeconds(60)));
        verified(expiring.verify(headerSigned("s3", SESSION, true), Payload.streamed(), T.plusSeconds(59)));
        Refused refused = refused(expiring.verify(headerSigned("s3", SESSION, true), Payload.streamed(), T.plusSeconds(60)));
        assertThat(refused.reason()).isEqualTo(RefusalReason.EXPIRED_TOKEN);
        assertThat(refused.error().code()).isEqualTo("ExpiredToken");
    }

    // ---- malformed authentication -------------------------------------------------------------------------

    @Test
    void requestsWithoutAuthenticationAreRefused() {
        RequestView view = new RequestView("GET", "/", "Action=ListUsers", Headers.builder().add("Host", "iam").build());
        Refused refused = refused(verifier.verify(view, Payload.ofBody(new byte[0]), T));
        assertThat(refused.reason()).isEqualTo(RefusalReason.MISSING_AUTHENTICATION);
        assertThat(refused.error()).isEqualTo(new AwsError(403, "MissingAuthenticationToken",
                "Request is missing Authentication Token"));
    }

    @Test
    void headerAndQueryAuthenticationTogetherAreRefused() {
        RequestView view = presigned("s3", SESSION, Duration.ofMinutes(5));
        RequestView both = view.withHeaders(view.headers().with("Authorization",
                "AWS4-HMAC-SHA256 Credential=ASIARULES/20250630/us-west-2/s3/aws4_request, SignedHeaders=host, "
                        + "Signature=" + "0".repeat(64)));
        Refused refused = refused(verifier.verify(both, Payload.streamed(), T));
        assertThat(refused.reason()).isEqualTo(RefusalReason.AMBIGUOUS_AUTHENTICATION);
        assertThat(refused.error().code()).isEqualTo("IncompleteSignature");
    }

    @Test
    void malformedAuthorizationHeadersAreRefused() {
        RequestView good = headerSigned("s3", SESSION, true);
        String authorization = good.headers().first("Authorization").orElseThrow();
        List<String> malformed = List.of(
                authorization.substring(0, authorization.indexOf(", Signature=")),
                authorization.replace("Credential=ASIARULES/", "Credential="),
                authorization.replace("aws4_request", "aws5_request"),
                authorization.replace("/20250630/", "/20250629/"),
                authorization.replace("SignedHeaders=", "SignedHeaders=;"),
                authorization.replaceFirst("SignedHeaders=[^,]*", "SignedHeaders=x-amz-date"),
                // A component given twice: another parser could take the other one (its region or service).
                authorization.replace("Credential=", "Credential=ASIARULES/20250630/us-east-1/sqs/aws4_request, "
                        + "Credential="),
                authorization.replace("Signature=", "SignedHeaders=host, Signature="),
                authorization + ", Signature=" + "0".repeat(64),
                "AWS ASIARULES:c2lnbmF0dXJl",
                "AWS4-ECDSA-P256-SHA256 Credential=ASIARULES/20250630/us-west-2/s3/aws4_request, SignedHeaders=host, "
                        + "Signature=00");
        for (String bad : malformed) {
            Refused refused = refused(verifier.verify(good.withHeaders(good.headers().with("Authorization", bad)),
                    Payload.streamed(), T));
            assertThat(refused.reason()).as(bad).isEqualTo(RefusalReason.MALFORMED_AUTHORIZATION);
            assertThat(refused.detail()).isNotEmpty();
        }
        Refused missing = refused(verifier.verify(good.withHeaders(good.headers().with("Authorization",
                malformed.get(0))), Payload.streamed(), T));
        assertThat(missing.error()).isEqualTo(new AwsError(400, "AuthorizationHeaderMalformed", missing.detail()));
        assertThat(missing.detail()).startsWith("Authorization header requires 'Signature' parameter.");
    }

    @Test
    void theDateMustBeReadable() {
        RequestView good = headerSigned("s3", SESSION, true);
        Refused refused = refused(verifier.verify(good.withHeaders(good.headers().with("X-Amz-Date", "2025-06-30")),
                Payload.streamed(), T));
        assertThat(refused.reason()).isEqualTo(RefusalReason.MALFORMED_AUTHORIZATION);
        Refused none = refused(verifier.verify(good.withHeaders(good.headers().without("X-Amz-Date")),
                Payload.streamed(), T));
        assertThat(none.detail()).contains("'X-Amz-Date' or a 'Date' header");
    }

    @Test
    void theHttpDateHeaderStandsInForXAmzDate() {
        Headers headers = Headers.builder().add("Host", "sts.amazonaws.com").add("Date", "Mon, 30 Jun 2025 23:55:00 GMT")
                .build();
        RequestView unsigned = new RequestView("GET", "/", "Action=GetCallerIdentity&Version=2011-06-15", headers);
        CredentialScope scope = new CredentialScope("20250630", "us-east-1", "sts");
        String canonical = Canonical.request("GET", "/", "Action=GetCallerIdentity&Version=2011-06-15", headers,
                List.of("date", "host"), "date;host", SigV4.EMPTY_SHA256);
        String signature = Hex.encode(Crypto.hmac(SigningKeyCache.derive(LONG_TERM.secretAccessKey(), scope),
                Canonical.stringToSign("20250630T235500Z", scope, canonical).getBytes(StandardCharsets.UTF_8)));
        RequestView signed = unsigned.withHeaders(headers.with("Authorization", "AWS4-HMAC-SHA256 Credential="
                + LONG_TERM.accessKeyId() + "/" + scope.value() + ",SignedHeaders=date;host,Signature=" + signature));
        Verified verified = verified(verifier.verify(signed, Payload.ofBody(new byte[0]), T));
        assertThat(verified.signedAt()).isEqualTo(T);
    }

    // ---- payload ------------------------------------------------------------------------------------------

    @Test
    void s3HeaderAuthRequiresAValidContentSha256() {
        RequestView good = headerSigned("s3", SESSION, true);
        Refused missing = refused(verifier.verify(good.withHeaders(good.headers().without("x-amz-content-sha256")),
                Payload.streamed(), T));
        assertThat(missing.reason()).isEqualTo(RefusalReason.MISSING_CONTENT_SHA256);
        assertThat(missing.error().code()).isEqualTo("InvalidRequest");
        Refused invalid = refused(verifier.verify(good.withHeaders(good.headers().with("x-amz-content-sha256", "abc")),
                Payload.streamed(), T));
        assertThat(invalid.reason()).isEqualTo(RefusalReason.INVALID_CONTENT_SHA256);
    }

    @Test
    void aKnownBodyMustMatchTheSignedHash() {
        RequestView view = headerSigned("s3", SESSION, true);
        verified(verifier.verify(view, Payload.ofBody(BODY), T));
        Refused refused = refused(verifier.verify(view, Payload.ofBody("tampered".getBytes(StandardCharsets.UTF_8)), T));
        assertThat(refused.reason()).isEqualTo(RefusalReason.PAYLOAD_HASH_MISMATCH);
        assertThat(refused.error()).isEqualTo(new AwsError(400, "XAmzContentSHA256Mismatch",
                "The provided 'x-amz-content-sha256' header does not match what was computed."));
    }

    @Test
    void aStreamedBodyIsHashedAndTheLastByteWithheldUntilItMatches() throws Exception {
        Verified verified = verified(verifier.verify(headerSigned("s3", SESSION, true), Payload.streamed(), T));
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.SIGNED);
        assertThat(verified.payload().open(new ByteArrayInputStream(BODY)).readAllBytes()).isEqualTo(BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 1] ^= 1;
        InputStream in = verified.payload().open(new ByteArrayInputStream(tampered));
        byte[] buffer = new byte[BODY.length];
        int delivered = 0;
        PayloadVerificationException failure = null;
        try {
            int n;
            while ((n = in.read(buffer, delivered, buffer.length - delivered)) > 0) {
                delivered += n;
            }
        } catch (PayloadVerificationException e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        assertThat(failure.failure()).isEqualTo(PayloadVerificationException.Failure.PAYLOAD_HASH_MISMATCH);
        assertThat(delivered).isEqualTo(BODY.length - 1);
        assertThatThrownBy(in::read).isSameAs(failure);
    }

    @Test
    void unsignedPayloadsPassThrough() throws Exception {
        Verified verified = verified(verifier.verify(headerSigned("s3", SESSION, false), Payload.streamed(), T));
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(verified.payload().open(new ByteArrayInputStream(BODY)).readAllBytes()).isEqualTo(BODY);
    }

    @Test
    void s3RefusesUnsignedAmzHeadersOtherServicesDoNot() {
        RequestView s3 = headerSigned("s3", SESSION, true);
        Refused refused = refused(verifier.verify(s3.withHeaders(s3.headers().with("x-amz-meta-sneaky", "1")),
                Payload.streamed(), T));
        assertThat(refused.reason()).isEqualTo(RefusalReason.UNSIGNED_HEADERS);
        assertThat(refused.error()).isEqualTo(new AwsError(403, "AccessDenied",
                "There were headers present in the request which were not signed"));
        RequestView sts = headerSigned("sts", SESSION, true);
        verified(verifier.verify(sts.withHeaders(sts.headers().with("x-amz-meta-extra", "1")), Payload.ofBody(BODY), T));
        RequestView unsignedClaim = s3.withHeaders(s3.headers().with("User-Agent", "not signed, not x-amz"));
        verified(verifier.verify(unsignedClaim, Payload.streamed(), T));
    }

    @Test
    void needsBodyTellsWhenTheBodyHashIsPartOfTheSignature() {
        RequestView sts = headerSigned("sts", SESSION, true);
        RequestView stsNoClaim = sts.withHeaders(sts.headers().without("x-amz-content-sha256"));
        assertThat(SigV4Verifier.needsBody(sts)).isFalse();
        assertThat(SigV4Verifier.needsBody(stsNoClaim)).isTrue();
        assertThat(SigV4Verifier.needsBody(presigned("s3", SESSION, Duration.ofMinutes(1)))).isFalse();
        assertThat(SigV4Verifier.needsBody(presigned("sts", SESSION, Duration.ofMinutes(1)))).isTrue();
        assertThatThrownBy(() -> verifier.verify(stsNoClaim, Payload.streamed(), T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needsBody");
    }

    @Test
    void chunkedSigningIsOnlyForHeaderAuth() {
        RequestView view = presigned("s3", SESSION, Duration.ofMinutes(5));
        RequestView streaming = view.withHeaders(view.headers().with("x-amz-content-sha256",
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"));
        assertThat(refused(verifier.verify(streaming, Payload.streamed(), T)).reason())
                .isEqualTo(RefusalReason.MALFORMED_PRESIGNED_QUERY);
    }
}
