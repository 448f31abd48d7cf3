package dev.airlock.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.sigv4.AwsCredentials;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where forwarded calls may go: only where the gate mapped them, and only to AWS (or the fixed upstream). */
class RouteTest {

    static final Upstream AWS = new Upstream.Aws(() -> AwsCredentials.permanent("AKIAIOSFODNN7EXAMPLE", "x"));
    static final Upstream FIXED = new Upstream.Fixed(URI.create("http://127.0.0.1:9000"),
            () -> AwsCredentials.permanent("AKIAIOSFODNN7EXAMPLE", "x"));

    @Test
    void awsHostsGoToThemselvesAndTheEndpointUrlGoesToTheServicesRegionalHost() throws Exception {
        assertThat(Route.of(AWS, "bucket.s3.us-east-1.amazonaws.com", "s3", "us-east-1").target())
                .isEqualTo(URI.create("https://bucket.s3.us-east-1.amazonaws.com"));
        assertThat(Route.of(AWS, "dynamodb.eu-west-1.amazonaws.com:443", "dynamodb", "eu-west-1").hostHeader())
                .isEqualTo("dynamodb.eu-west-1.amazonaws.com");
        assertThat(Route.of(AWS, "127.0.0.1:4566", "sqs", "us-east-2").target())
                .isEqualTo(URI.create("https://sqs.us-east-2.amazonaws.com"));
    }

    @Test
    void upstreamSignedRequestsNeverGoToANonAwsHost() {
        for (String host : new String[] {"attacker.example:8443", "x@attacker.example", "secret.s3.amazonaws.com.",
                "s3.amazonaws.com:8443", "evilamazonaws.com", "bucket.s3.amazonaws.com.attacker.example", "a b.amazonaws.com"}) {
            assertThatThrownBy(() -> Route.of(AWS, host, "s3", "us-east-1")).as(host).isInstanceOf(Route.Unroutable.class);
        }
    }

    @Test
    void aFixedUpstreamTakesOnlyHostsItCanMapExactlyAsTheGateDoes() throws Exception {
        assertThat(Route.of(FIXED, "allowed.s3.us-east-1.amazonaws.com", "s3", "us-east-1").pathPrefix()).isEqualTo("/allowed");
        assertThat(Route.of(FIXED, "s3.us-east-1.amazonaws.com", "s3", "us-east-1").pathPrefix()).isEmpty();
        assertThat(Route.of(FIXED, "127.0.0.1:4000", "s3", "us-east-1").pathPrefix()).isEmpty();
        for (String host : new String[] {"allowed.s3.us-east-1.amazonaws.com.cn", "allowed.s3.eu-central-1.amazonaws.eu",
                "my.dotted.bucket.s3.amazonaws.com", "attacker.example"}) {
            assertThatThrownBy(() -> Route.of(FIXED, host, "s3", "us-east-1")).as(host).isInstanceOf(Route.Unroutable.class);
        }
        assertThatThrownBy(() -> Route.of(FIXED, "127.0.0.1:4000", "dynamodb", "us-east-1"))
                .isInstanceOf(Route.Unroutable.class).hasMessageContaining("serves S3 only");
    }
}
