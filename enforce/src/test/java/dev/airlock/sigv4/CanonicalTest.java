package dev.airlock.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The canonical-request building blocks and small utilities. */
class CanonicalTest {

    @Test
    void pathNormalizationMatchesJavaNetUri() {
        String[] pieces = {"a", "b", ".", "..", "", "...", ".a", "%2E", "x%20y", "~"};
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder path = new StringBuilder();
            int segments = random.nextInt(7);
            for (int s = 0; s < segments; s++) {
                path.append('/').append(pieces[random.nextInt(pieces.length)]);
            }
            if (random.nextBoolean()) {
                path.append('/');
            }
            String p = path.length() == 0 ? "/" : path.toString();
            String expected = URI.create("https://host" + p).normalize().getRawPath();
            assertThat(Canonical.normalizePath(p)).as(p).isEqualTo(expected);
        }
    }

    @Test
    void canonicalUriRules() {
        assertThat(Canonical.uri("", true)).isEqualTo("/");
        assertThat(Canonical.uri("", false)).isEqualTo("/");
        assertThat(Canonical.uri("/a%20b/./c//d", true)).isEqualTo("/a%20b/./c//d");
        assertThat(Canonical.uri("/a%20b/./c//d", false)).isEqualTo("/a%2520b/c/d");
        assertThat(Canonical.uri("/a/b/..", false)).isEqualTo("/a");
        assertThat(Canonical.uri("/a/b/../", false)).isEqualTo("/a/");
        assertThat(Canonical.uri("/k%2F", false)).isEqualTo("/k%252F");
        assertThat(Canonical.uri("/é*", false)).isEqualTo("/%C3%A9%2A");
    }

    @Test
    void canonicalQueryRules() {
        assertThat(Query.parse("").canonical(false)).isEmpty();
        assertThat(Query.parse("b=2&a=1&a=&c").canonical(false)).isEqualTo("a=&a=1&b=2&c=");
        assertThat(Query.parse("a-b=1&a=2").canonical(false)).isEqualTo("a=2&a-b=1");
        assertThat(Query.parse("k=a+b%7e%2a%c3%a9*").canonical(false)).isEqualTo("k=a%2Bb~%2A%C3%A9%2A");
        assertThat(Query.parse("&&=x&k=v&").canonical(false)).isEqualTo("k=v");
        assertThat(Query.parse("k=%zz%").canonical(false)).isEqualTo("k=%25zz%25");
        assertThat(Query.parse("k=é").canonical(false)).isEqualTo("k=%C3%A9");
        assertThat(Query.parse("X-Amz-Signature=abc&x=1").canonical(true)).isEqualTo("x=1");
        assertThat(Query.parse("X-Amz-Credential=A%2F2%2Fr").values("X-Amz-Credential")).containsExactly("A/2/r");
        assertThat(Query.parse("X%2DAmz-Date=1").values("X-Amz-Date")).containsExactly("1");
    }

    @Test
    void headerValuesAreTrimmedCollapsedAndCommaJoined() {
        StringBuilder out = new StringBuilder();
        Headers headers = Headers.builder().add("X-A", "  a \t b  ").add("x-a", "").add("X-A", "c\n\u000b d")
                .add("Host", "h").build();
        Canonical.appendHeaders(out, headers, List.of("host", "x-a"));
        assertThat(out.toString()).isEqualTo("host:h\nx-a:a b,,c d\n");
    }

    @Test
    void headersAreCaseInsensitiveAndOrdered() {
        Headers headers = Headers.builder().add("B", "1").add("a", "2").add("b", "3").build();
        assertThat(headers.names()).containsExactly("a", "b");
        assertThat(headers.all("B")).containsExactly("1", "3");
        assertThat(headers.first("A")).contains("2");
        assertThat(headers.with("A", "x").all("a")).containsExactly("x");
        assertThat(headers.without("b").contains("B")).isFalse();
        assertThat(Headers.lower("X-Amz-Date")).isEqualTo("x-amz-date");
        assertThatThrownBy(() -> Headers.builder().add("", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestViewSplitsTheRequestTarget() {
        RequestView view = RequestView.of("GET", "/a/b?x=1&y", Headers.empty());
        assertThat(view.rawPath()).isEqualTo("/a/b");
        assertThat(view.rawQuery()).isEqualTo("x=1&y");
        assertThatThrownBy(() -> new RequestView("GET", "http://host/", "", Headers.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void amzDatesRoundTrip() {
        Instant t = Instant.parse("2024-02-29T23:59:59Z");
        assertThat(AmzDates.format(t)).isEqualTo("20240229T235959Z");
        assertThat(AmzDates.parse("20240229T235959Z")).contains(t);
        assertThat(AmzDates.parse("20230229T235959Z")).isEmpty();
        assertThat(AmzDates.parse("2024-02-29T23:59Z")).isEmpty();
        assertThat(AmzDates.parseHttpDate("Thu, 29 Feb 2024 23:59:59 GMT")).contains(t);
    }

    @Test
    void crc64NvmeCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        crc.update(check, 0, check.length);
        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void payloadModesFromClaims() {
        assertThat(PayloadMode.ofClaim(SigV4.EMPTY_SHA256)).contains(PayloadMode.SIGNED);
        assertThat(PayloadMode.ofClaim("UNSIGNED-PAYLOAD")).contains(PayloadMode.UNSIGNED);
        assertThat(PayloadMode.ofClaim("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"))
                .contains(PayloadMode.STREAMING_SIGNED_TRAILER);
        assertThat(PayloadMode.ofClaim("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD")).isEmpty();
        assertThat(PayloadMode.ofClaim("unsigned-payload")).isEmpty();
    }

    @Test
    void signingKeysAreCachedAndBounded() {
        SigningKeyCache cache = new SigningKeyCache(2);
        CredentialScope a = new CredentialScope("20250101", "us-east-1", "s3");
        CredentialScope b = new CredentialScope("20250102", "us-east-1", "s3");
        CredentialScope c = new CredentialScope("20250103", "us-east-1", "s3");
        assertThat(cache.signingKey("s", a)).isSameAs(cache.signingKey("s", a));
        cache.signingKey("s", b);
        cache.signingKey("s", c);
        assertThat(cache.size()).isLessThanOrEqualTo(2);
        assertThat(cache.signingKey("s", a).getEncoded()).isEqualTo(SigningKeyCache.derive("s", a).getEncoded());
    }

    @Test
    void secretsStayOutOfToString() {
        AwsCredentials credentials = AwsCredentials.session("AKID", "very-secret", "very-token");
        assertThat(credentials.toString()).doesNotContain("very-secret").doesNotContain("very-token");
    }
}
