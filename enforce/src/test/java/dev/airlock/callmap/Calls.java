package dev.airlock.callmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.callmap.CallMapping.Mapped;
import dev.airlock.callmap.CallMapping.Unmapped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builders for signed-looking requests and shared assertions. */
final class Calls {

    static final String ACCOUNT = "111122223333";
    static final String PRINCIPAL = "arn:aws:sts::111122223333:assumed-role/agent/session-1";
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final String REGION = "us-east-1";
    static final CallMapper MAPPER = CallMapper.builder().s3VirtualHostBase("airlock.localhost").build();

    static CallContext context() {
        return CallContext.of(NOW, "198.51.100.7", true, Optional.of("1.3"), "aws", ACCOUNT, PRINCIPAL);
    }

    static String authorization(String service, String region) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250601/" + region + "/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + "0".repeat(64);
    }

    /** A builder for one request. */
    static final class Req {
        String method = "GET";
        String host;
        String path = "/";
        String query = "";
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        byte[] body;

        Req(String service, String host) {
            this.host = host;
            header("Authorization", authorization(service, REGION));
            header("X-Amz-Date", "20250601T115959Z");
        }

        Req method(String m) {
            method = m;
            return this;
        }

        Req path(String p) {
            path = p;
            return this;
        }

        Req query(String q) {
            query = q;
            return this;
        }

        Req header(String name, String value) {
            headers.put(name, List.of(value));
            return this;
        }

        Req noHeader(String name) {
            headers.remove(name);
            return this;
        }

        Req body(String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        HttpRequestView view() {
            HttpRequestView v = HttpRequestView.of(method, host, path, query, headers);
            return body == null ? v : v.withBody(body);
        }

        /** Maps the request the way the endpoint does: asks whether the body is needed first. */
        CallMapping map() {
            HttpRequestView v = HttpRequestView.of(method, host, path, query, headers);
            if (MAPPER.needsBody(v)) {
                v = v.withBody(body == null ? new byte[0] : body);
            }
            return MAPPER.map(v, context());
        }

        Mapped mapped() {
            CallMapping m = map();
            assertThat(m).as("mapping of %s %s?%s", method, path, query).isInstanceOf(Mapped.class);
            return (Mapped) m;
        }

        String unmapped() {
            CallMapping m = map();
            assertThat(m).as("mapping of %s %s?%s", method, path, query).isInstanceOf(Unmapped.class);
            return ((Unmapped) m).why();
        }
    }

    static Req s3(String host) {
        Req r = new Req("s3", host);
        r.header("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        return r;
    }

    static Req json(String service, String host, String target, String body) {
        return new Req(service, host).method("POST").header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.0").body(body);
    }

    static Req query(String service, String host, String form) {
        return new Req(service, host).method("POST")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").body(form);
    }

    /** action and resource of each part, as "action resource". */
    static List<String> parts(Mapped m) {
        return m.parts().stream().map(p -> p.action() + " " + p.resource()).toList();
    }

    static Map<String, List<String>> keys(Mapped m, int part) {
        return m.parts().get(part).conditionKeys();
    }

    private Calls() {}
}
