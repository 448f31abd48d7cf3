package dev.airlock.sts;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import dev.airlock.session.StaticCredentials;
import dev.airlock.session.StsException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Where the broker's own (base) credentials come from and which endpoint it talks to. The base
 * credentials are used only inside this process to call STS and IAM; they never reach a child.
 *
 * @param sourceProfile a named profile of ~/.aws, or empty for the standard AWS chain
 * @param endpoint an endpoint override (VPC endpoint, FIPS, or a local test double)
 */
public record AwsClients(Optional<String> sourceProfile, Region region, Optional<URI> endpoint) {

    /** Connections to STS/IAM are short: fail fast rather than hang an agent's command. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(20);

    AwsCredentialsProvider credentials() {
        return sourceProfile.<AwsCredentialsProvider>map(p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    /**
     * The broker's own credentials, for an S3-compatible upstream that has no STS.
     *
     * @throws StsException NO_BASE_CREDENTIALS when the chain or profile yields none
     */
    public StaticCredentials resolveBase() {
        try {
            AwsCredentials c = credentials().resolveCredentials();
            Optional<String> token = c instanceof AwsSessionCredentials s ? Optional.of(s.sessionToken()) : Optional.empty();
            return new StaticCredentials(c.accessKeyId(), c.secretAccessKey(), token);
        } catch (SdkClientException e) {
            throw new StsException(StsException.Kind.NO_BASE_CREDENTIALS, "no base credentials",
                    String.valueOf(e.getMessage()).lines().findFirst().orElse("no base credentials"));
        }
    }

    static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }
}
