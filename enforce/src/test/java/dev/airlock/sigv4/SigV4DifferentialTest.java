package dev.airlock.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Differential tests: the AWS SDK for Java v2 signs generated requests; our verifier must accept every one and
 * refuse each with one signed element changed; our signer must produce the SDK's exact Authorization header.
 */
class SigV4DifferentialTest {

    static final int HEADER_CASES = 1500;
    static final int PRESIGNED_CASES = 600;
    static final int SIGNER_CASES = 1000;

    private final SigningKeyCache keys = new SigningKeyCache();

    /** A signed case ready for verification. */
    private record Signed(RequestGenerator.Case origin, RequestView view, Payload payload, Instant now) {
    }

    private Signed signHeader(RequestGenerator generator) {
        RequestGenerator.Case c = generator.headerCase();
        SignedRequest signed = SdkReference.sign(c.request(), c.body(), c.credentials(), c.options());
        Payload payload = c.body().map(Payload::ofBody).orElse(Payload.ofBody(new byte[0]));
        Random random = generator.random();
        Instant now = c.options().time().plusSeconds(random.nextInt(9 * 60) - 270);
        return new Signed(c, SdkReference.view(signed.request()), random.nextBoolean() ? payload : Payload.streamed(), now);
    }

    private Signed signPresigned(RequestGenerator generator) {
        RequestGenerator.Case c = generator.presignedCase();
        SignedRequest signed = SdkReference.sign(c.request(), Optional.empty(), c.credentials(), c.options());
        long expiry = c.options().presignFor().orElseThrow().getSeconds();
        Instant now = c.options().time().plusSeconds(generator.random().nextInt((int) Math.min(expiry, 600_000)));
        Payload payload = SigV4Verifier.needsBody(SdkReference.view(signed.request()))
                ? Payload.ofBody(new byte[0]) : Payload.streamed();
        return new Signed(c, SdkReference.view(signed.request()), payload, now);
    }

    private VerificationResult verify(Signed s, RequestView view, AwsCredentials credentials) {
        SigV4Verifier verifier = new SigV4Verifier(
                id -> id.equals(credentials.accessKeyId())
                        ? Optional.of(IssuedCredentials.nonExpiring(credentials)) : Optional.empty(), keys);
        return verifier.verify(view, s.payload(), s.now());
    }

    @Test
    void verifiesEveryRequestTheSdkSignsWithAnAuthorizationHeader() {
        RequestGenerator generator = new RequestGenerator(1);
        int s3 = 0;
        for (int i = 0; i < HEADER_CASES; i++) {
            Signed s = signHeader(generator);
            VerificationResult result = verify(s, s.view(), s.origin().credentials());
            assertThat(result).as("case %d: %s", i, s.view()).isInstanceOf(Verified.class);
            Verified verified = (Verified) result;
            assertThat(verified.accessKeyId()).isEqualTo(s.origin().credentials().accessKeyId());
            assertThat(verified.scope().service()).isEqualTo(s.origin().options().service());
            assertThat(verified.scope().region()).isEqualTo(s.origin().options().region());
            assertThat(verified.signedAt()).isEqualTo(s.origin().options().time());
            assertThat(verified.form()).isEqualTo(AuthForm.HEADER);
            s3 += s.origin().options().s3() ? 1 : 0;
        }
        assertThat(s3).isBetween(HEADER_CASES / 5, HEADER_CASES * 3 / 5);
    }

    @Test
    void verifiesEveryUrlTheSdkPresigns() {
        RequestGenerator generator = new RequestGenerator(2);
        for (int i = 0; i < PRESIGNED_CASES; i++) {
            Signed s = signPresigned(generator);
            VerificationResult result = verify(s, s.view(), s.origin().credentials());
            assertThat(result).as("case %d: %s", i, s.view()).isInstanceOf(Verified.class);
            assertThat(((Verified) result).form()).isEqualTo(AuthForm.QUERY);
            assertThat(s.view().rawQuery()).contains("X-Amz-Expires=");
            if (s.origin().credentials().sessionToken().isPresent()) {
                assertThat(s.view().rawQuery()).contains("X-Amz-Security-Token=");
            }
        }
    }

    @Test
    void changingAnySignedElementIsRefusedAsSignatureDoesNotMatch() {
        RequestGenerator generator = new RequestGenerator(3);
        Map<String, Integer> byKind = new java.util.TreeMap<>();
        for (int i = 0; i < HEADER_CASES + PRESIGNED_CASES; i++) {
            Signed s = i < HEADER_CASES ? signHeader(generator) : signPresigned(generator);
            for (Map.Entry<String, Function<RequestView, Optional<RequestView>>> tamper : tamperings(generator.random())) {
                Optional<RequestView> changed = tamper.getValue().apply(s.view());
                if (changed.isEmpty()) {
                    continue;
                }
                VerificationResult result = verify(s, changed.get(), s.origin().credentials());
                assertThat(result).as("case %d, %s: %s", i, tamper.getKey(), changed.get()).isInstanceOf(Refused.class);
                assertThat(((Refused) result).reason()).as("case %d, %s", i, tamper.getKey())
                        .isEqualTo(RefusalReason.SIGNATURE_MISMATCH);
                byKind.merge(tamper.getKey(), 1, Integer::sum);
            }
            AwsCredentials c = s.origin().credentials();
            AwsCredentials wrongSecret = new AwsCredentials(c.accessKeyId(), c.secretAccessKey() + "x", c.sessionToken());
            VerificationResult result = verify(s, s.view(), wrongSecret);
            assertThat(result).isInstanceOf(Refused.class);
            assertThat(((Refused) result).reason()).isEqualTo(RefusalReason.SIGNATURE_MISMATCH);
            byKind.merge("secret", 1, Integer::sum);
        }
        assertThat(byKind.keySet()).containsExactly("date", "header value", "method", "path", "query value", "secret");
        assertThat(byKind.values()).allSatisfy(count -> assertThat(count).isGreaterThan(1000));
    }

    private static List<Map.Entry<String, Function<RequestView, Optional<RequestView>>>> tamperings(Random random) {
        List<Map.Entry<String, Function<RequestView, Optional<RequestView>>>> all = new ArrayList<>();
        all.add(Map.entry("header value", v -> Tamper.headerValue(v, random)));
        all.add(Map.entry("query value", v -> Tamper.queryValue(v, random)));
        all.add(Map.entry("path", v -> Optional.of(new RequestView(v.method(), Tamper.path(v.rawPath()), v.rawQuery(),
                v.headers()))));
        all.add(Map.entry("method", v -> Optional.of(new RequestView(v.method().equals("GET") ? "HEAD" : "GET",
                v.rawPath(), v.rawQuery(), v.headers()))));
        all.add(Map.entry("date", Tamper::date));
        return all;
    }

    @Test
    void signerProducesTheSdksAuthorizationHeader() {
        RequestGenerator generator = new RequestGenerator(4);
        SigV4Signer signer = new SigV4Signer(keys);
        for (int i = 0; i < SIGNER_CASES; i++) {
            RequestGenerator.Case c = generator.headerCase();
            SignedRequest reference = SdkReference.sign(c.request(), c.body(), c.credentials(), c.options());
            SdkHttpRequest unsigned = c.request().toBuilder()
                    .putHeader("Host", reference.request().firstMatchingHeader("Host").orElseThrow()).build();
            String payloadHash = reference.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow();
            SigningResult ours = signer.sign(SdkReference.view(unsigned), c.credentials(),
                    new SigningTarget(c.options().region(), c.options().service()), c.options().time(),
                    new PayloadHash(payloadHash));
            assertThat(ours.authorization()).as("case %d: %s", i, unsigned)
                    .isEqualTo(reference.request().firstMatchingHeader("Authorization").orElseThrow());
            assertThat(ours.amzDate()).isEqualTo(reference.request().firstMatchingHeader("X-Amz-Date").orElseThrow());
            assertThat(ours.securityToken()).isEqualTo(c.credentials().sessionToken());
            assertThat(ours.securityToken()).isEqualTo(
                    reference.request().firstMatchingHeader("X-Amz-Security-Token"));
        }
    }

    @Test
    void whatTheSignerSignsTheVerifierAccepts() {
        RequestGenerator generator = new RequestGenerator(5);
        SigV4Signer signer = new SigV4Signer(keys);
        for (int i = 0; i < 300; i++) {
            RequestGenerator.Case c = generator.headerCase();
            SdkHttpRequest request = c.request().toBuilder().putHeader("Host", "example.amazonaws.com").build();
            RequestView view = SdkReference.view(request);
            byte[] body = c.body().orElse(new byte[0]);
            SigningResult result = signer.sign(view, c.credentials(),
                    new SigningTarget(c.options().region(), c.options().service()), c.options().time(),
                    PayloadHash.ofBody(body));
            Signed s = new Signed(c, view.withHeaders(result.applyTo(view.headers())), Payload.ofBody(body),
                    c.options().time());
            assertThat(verify(s, s.view(), c.credentials())).as("case %d", i).isInstanceOf(Verified.class);
        }
    }

    @Test
    void stalePresentedTokenIsDroppedWhenSigningWithLongTermKeys() {
        RequestView view = new RequestView("GET", "/", "", Headers.builder().add("Host", "sts.amazonaws.com")
                .add("X-Amz-Security-Token", "agent-token").add("Authorization", "stale").build());
        SigningResult result = new SigV4Signer(keys).sign(view, AwsCredentials.permanent("AKIDEXAMPLE", "secret"),
                new SigningTarget("us-east-1", "sts"), Instant.parse("2025-01-01T00:00:00Z"), PayloadHash.emptyBody());
        assertThat(result.authorization()).contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date,");
        Headers applied = result.applyTo(view.headers());
        assertThat(applied.contains("x-amz-security-token")).isFalse();
        assertThat(applied.first("authorization")).contains(result.authorization());
    }

    @Test
    void sdkMethodsAreAllExercised() {
        RequestGenerator generator = new RequestGenerator(6);
        java.util.Set<SdkHttpMethod> seen = java.util.EnumSet.noneOf(SdkHttpMethod.class);
        for (int i = 0; i < 200; i++) {
            seen.add(generator.headerCase().request().method());
        }
        assertThat(seen).contains(SdkHttpMethod.GET, SdkHttpMethod.PUT, SdkHttpMethod.POST, SdkHttpMethod.DELETE);
    }
}
