package dev.airlock.sigv4;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** The AWS SDK for Java v2 signer, the reference our verifier and signer are compared with. */
final class SdkReference {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SdkReference() {
    }

    /** How the SDK should sign. */
    record Options(String region, String service, Instant time, boolean payloadSigning, boolean chunked,
            Optional<ChecksumAlgorithm> checksum, Optional<Duration> presignFor) {

        static Options header(String region, String service, Instant time, boolean payloadSigning) {
            return new Options(region, service, time, payloadSigning, false, Optional.empty(), Optional.empty());
        }

        static Options presigned(String region, String service, Instant time, Duration expiry) {
            return new Options(region, service, time, false, false, Optional.empty(), Optional.of(expiry));
        }

        static Options chunked(String region, Instant time, boolean payloadSigning, Optional<ChecksumAlgorithm> checksum) {
            return new Options(region, "s3", time, payloadSigning, true, checksum, Optional.empty());
        }

        boolean s3() {
            return SigV4.isS3Style(service);
        }
    }

    static AwsCredentialsIdentity identity(AwsCredentials credentials) {
        return credentials.sessionToken().isPresent()
                ? AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                        credentials.sessionToken().get())
                : AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey());
    }

    static SignedRequest sign(SdkHttpRequest request, Optional<byte[]> body, AwsCredentials credentials, Options options) {
        Clock clock = Clock.fixed(options.time(), ZoneOffset.UTC);
        return SIGNER.sign((SignRequest.Builder<AwsCredentialsIdentity> b) -> {
            b.request(request).identity(identity(credentials))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, options.service())
                    .putProperty(AwsV4HttpSigner.REGION_NAME, options.region())
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !options.s3())
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !options.s3())
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, options.payloadSigning())
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock);
            body.ifPresent(bytes -> b.payload(() -> new ByteArrayInputStream(bytes)));
            if (options.chunked()) {
                b.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true);
            }
            options.checksum().ifPresent(algorithm -> b.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, algorithm));
            options.presignFor().ifPresent(expiry -> b
                    .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry));
        });
    }

    /** The signed request as our library sees it: raw path and query exactly as the SDK would send them. */
    static RequestView view(SdkHttpRequest request) {
        return new RequestView(request.method().name(), request.encodedPath(),
                request.encodedQueryParameters().orElse(""), Headers.of(request.headers()));
    }

    static byte[] payloadBytes(SignedRequest signed) {
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
