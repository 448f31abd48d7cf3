package dev.airlock.sts;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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

    static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }
}
