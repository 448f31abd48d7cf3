package dev.airlock.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Random requests with awkward paths, queries and headers, for differential tests against the SDK. */
final class RequestGenerator {

    static final String[] SERVICES = {"s3", "s3", "sts", "dynamodb", "execute-api", "lambda", "iam"};
    static final String[] REGIONS = {"us-east-1", "eu-west-3", "ap-southeast-2", "us-gov-west-1"};
    private static final SdkHttpMethod[] METHODS = {
        SdkHttpMethod.GET, SdkHttpMethod.PUT, SdkHttpMethod.POST, SdkHttpMethod.DELETE, SdkHttpMethod.HEAD,
        SdkHttpMethod.PATCH};
    /** Characters of decoded path segments and query parts: spaces, unicode, '+', '~', '%', reserved characters. */
    private static final String[] PIECES = {
        "a", "Z", "0", "9", "-", "_", ".", "~", " ", "  ", "+", "%", "%20", "%2F", "=", "&", "?", "#", "!", "*", "'",
        "(", ")", ";", ":", "@", "$", ",", "[", "]", "é", "ñ", "中文", "😀", "\u00a0", "photo", "key", "x", "/"};
    private static final String[] RAW_PATH_EXTRAS = {"!", "$", "'", "(", ")", "*", ",", ";", "=", ":", "@", "~"};
    private static final String[] HEADER_NAMES = {
        "X-Amz-Meta-Author", "x-amz-meta-multi", "Content-Type", "X-Custom", "Cache-Control", "x-amz-storage-class",
        "X-Amz-Target", "If-Match", "Range", "x-amz-acl"};
    private static final String[] HEADER_VALUES = {
        "text/plain", "  leading", "trailing  ", "in   between   spaces", "tab\tseparated\t\tvalues", "", "  ",
        "a,b", "bytes=0-9", "\"etag\"", "UTF-8 é ñ", "mixed \t \t spaces", "STANDARD"};
    private static final String[] SKIPPED_HEADERS = {"User-Agent", "X-Amzn-Trace-Id", "Expect"};

    private final Random random;

    RequestGenerator(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A generated request and how to sign it. */
    record Case(SdkHttpRequest request, Optional<byte[]> body, AwsCredentials credentials, SdkReference.Options options) {
    }

    Case headerCase() {
        String service = pick(SERVICES);
        SdkHttpMethod method = pick(METHODS);
        boolean hasBody = (method == SdkHttpMethod.PUT || method == SdkHttpMethod.POST || method == SdkHttpMethod.PATCH)
                && random.nextInt(4) > 0;
        Optional<byte[]> body = hasBody ? Optional.of(body()) : Optional.empty();
        boolean payloadSigning = !SigV4.isS3Style(service) || random.nextBoolean();
        SdkHttpRequest request = request(method, service, true);
        return new Case(request, body, credentials(), SdkReference.Options.header(pick(REGIONS), service, time(),
                payloadSigning));
    }

    Case presignedCase() {
        String service = random.nextInt(3) > 0 ? "s3" : pick(SERVICES);
        SdkHttpMethod method = random.nextBoolean() ? SdkHttpMethod.GET : SdkHttpMethod.PUT;
        SdkHttpRequest request = request(method, service, false);
        Duration expiry = Duration.ofSeconds(1 + random.nextInt((int) SigV4.MAX_PRESIGNED_EXPIRES_SECONDS));
        return new Case(request, Optional.empty(), credentials(),
                SdkReference.Options.presigned(pick(REGIONS), service, time(), expiry));
    }

    private SdkHttpRequest request(SdkHttpMethod method, String service, boolean extraHeaders) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(method)
                .protocol("https")
                .host(service.equals("s3") ? "bucket.s3.amazonaws.com" : service + ".amazonaws.com")
                .encodedPath(path(SigV4.isS3Style(service)));
        query(builder);
        if (extraHeaders) {
            headers(builder);
        }
        return builder.build();
    }

    private String path(boolean s3) {
        StringBuilder path = new StringBuilder();
        int segments = random.nextInt(5);
        if (segments == 0) {
            return random.nextBoolean() ? "/" : "";
        }
        for (int i = 0; i < segments; i++) {
            path.append('/');
            if (!s3 && random.nextInt(6) == 0) {
                path.append(pick(new String[] {".", "..", "", "."}));
                continue;
            }
            path.append(SdkHttpUtils.urlEncode(text(1 + random.nextInt(4))));
            if (random.nextInt(4) == 0) {
                path.append(pick(RAW_PATH_EXTRAS));
            }
        }
        if (random.nextInt(5) == 0) {
            path.append('/');
        }
        return path.toString();
    }

    private void query(SdkHttpRequest.Builder builder) {
        int params = random.nextInt(4) == 0 ? 0 : random.nextInt(6);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < params; i++) {
            String name = !names.isEmpty() && random.nextInt(3) == 0 ? pick(names.toArray(new String[0]))
                    : text(1 + random.nextInt(3));
            names.add(name);
            int kind = random.nextInt(5);
            String value = kind == 0 ? null : kind == 1 ? "" : text(random.nextInt(5));
            builder.appendRawQueryParameter(name, value);
        }
    }

    private void headers(SdkHttpRequest.Builder builder) {
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            String name = pick(HEADER_NAMES);
            List<String> values = new ArrayList<>();
            int valueCount = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
            for (int v = 0; v < valueCount; v++) {
                values.add(pick(HEADER_VALUES));
            }
            builder.putHeader(name, values);
        }
        if (random.nextInt(3) == 0) {
            builder.putHeader(pick(SKIPPED_HEADERS), "ignored by signers");
        }
    }

    private String text(int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(pick(PIECES));
        }
        return text.toString();
    }

    byte[] body() {
        byte[] body = new byte[random.nextInt(300)];
        random.nextBytes(body);
        return random.nextBoolean() ? body : "{\"json\": true}".getBytes(StandardCharsets.UTF_8);
    }

    AwsCredentials credentials() {
        String id = (random.nextBoolean() ? "ASIA" : "AKIA") + Long.toHexString(random.nextLong()).toUpperCase();
        String secret = "secret/" + Long.toHexString(random.nextLong()) + "+Key";
        return id.startsWith("ASIA")
                ? AwsCredentials.session(id, secret, "token//" + Long.toHexString(random.nextLong()) + "==")
                : AwsCredentials.permanent(id, secret);
    }

    Instant time() {
        return Instant.parse("2025-01-01T00:00:00Z").plusSeconds(random.nextInt(400 * 86_400));
    }

    <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }
}
