package dev.airlock.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.callmap.Outbound;
import dev.airlock.sigv4.AwsCredentials;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where forwarded calls may go: only where the gate mapped them, and only to AWS (or the fixed upstream). */
class RouteTest {

    static final Upstream AWS = new Upstream.Aws(() -> AwsCredentials.permanent("AKIAIOSFODNN7EXAMPLE", "x"));
    static final Upstream FIXED = new Upstream.Fixed(URI.create("http://127.0.0.1:9000"),
            () -> AwsCredentials.permanent("AKIAIOSFODNN7EXAMPLE", "x"));

    static Outbound s3(Optional<String> authority, String awsPath, String pathStyle, boolean accessPoint) {
        return new Outbound(new Outbound.S3(authority, awsPath, pathStyle, accessPoint, List.of()), "", Map.of(),
                Optional.empty());
    }

    static Outbound service(Optional<String> host) {
        return new Outbound(new Outbound.Service(host, "/"), "", Map.of(), Optional.empty());
    }

    @Test
    void awsHostsGoToThemselvesAndTheEndpointUrlGoesToTheServicesRegionalHost() throws Exception {
        Route virtual = Route.of(AWS, s3(Optional.of("bucket.s3.us-east-1.amazonaws.com"), "/k", "/bucket/k", false),
                "s3", "us-east-1");
        assertThat(virtual.target()).isEqualTo(URI.create("https://bucket.s3.us-east-1.amazonaws.com"));
        assertThat(virtual.path()).isEqualTo("/k");
        Route local = Route.of(AWS, s3(Optional.empty(), "/bucket/k", "/bucket/k", false), "s3", "cn-north-1");
        assertThat(local.hostHeader()).isEqualTo("s3.cn-north-1.amazonaws.com.cn");
        assertThat(local.path()).isEqualTo("/bucket/k");
        assertThat(Route.of(AWS, service(Optional.of("dynamodb.eu-west-1.amazonaws.com")), "dynamodb", "eu-west-1")
                .hostHeader()).isEqualTo("dynamodb.eu-west-1.amazonaws.com");
        assertThat(Route.of(AWS, service(Optional.empty()), "sqs", "us-east-2").target())
                .isEqualTo(URI.create("https://sqs.us-east-2.amazonaws.com"));
    }

    @Test
    void upstreamSignedRequestsNeverGoToANonAwsHost() {
        for (String host : new String[] {"attacker.example:8443", "x@attacker.example", "secret.s3.amazonaws.com.",
                "s3.amazonaws.com:8443", "evilamazonaws.com", "bucket.s3.amazonaws.com.attacker.example", "a b.amazonaws.com"}) {
            assertThatThrownBy(() -> Route.of(AWS, service(Optional.of(host)), "sqs", "us-east-1")).as(host)
                    .isInstanceOf(Route.Unroutable.class);
            assertThatThrownBy(() -> Route.of(AWS, s3(Optional.of(host), "/k", "/b/k", false), "s3", "us-east-1"))
                    .as(host).isInstanceOf(Route.Unroutable.class);
        }
    }

    @Test
    void aFixedUpstreamIsAlwaysAddressedPathStyleWithTheParsedBucket() throws Exception {
        Route r = Route.of(FIXED, s3(Optional.of("allowed.s3.us-east-1.amazonaws.com"), "/k", "/allowed/k", false),
                "s3", "us-east-1");
        assertThat(r.target()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(r.hostHeader()).isEqualTo("127.0.0.1:9000");
        assertThat(r.path()).isEqualTo("/allowed/k");
        assertThatThrownBy(() -> Route.of(FIXED, s3(Optional.of("ap-111122223333.s3-accesspoint.us-east-1.amazonaws.com"),
                "/k", "/", true), "s3", "us-east-1")).isInstanceOf(Route.Unroutable.class)
                .hasMessageContaining("access points");
        assertThatThrownBy(() -> Route.of(FIXED, service(Optional.empty()), "dynamodb", "us-east-1"))
                .isInstanceOf(Route.Unroutable.class).hasMessageContaining("serves S3 only");
    }
}
