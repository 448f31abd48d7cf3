package dev.airlock.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {"/v1/sessions/", "/v1//sessions", "/v1/./sessions", "/v1/x/../sessions", "/v1/%73essions",
        "/v1/sessions%2Fx", "v1/sessions", "/v1/sessions?", "/v1/audit?session=a&session=b", "/v1/audit?b=1&a=2",
        "/v1/audit?session", "/v1/audit?session=a%20b", "/v1/audit?session=a+b", "/v1/audit?&session=a", "/v1/s;x",
        "/v1/.hidden", "/v1/s\u00e9", "/v1/audit#x", "*", ""})
    void targetsTwoReadersCouldTakeDifferentlyAreRefused(String target) {
        assertThatThrownBy(() -> CanonicalRequest.of("GET", target))
                .isInstanceOf(CanonicalRequest.NonCanonicalException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "Get", "PUT", "PATCH", "HEAD", "OPTIONS", "CONNECT", "TRACE", " GET"})
    void onlyTheApisMethodsInUpperCase(String method) {
        assertThatThrownBy(() -> CanonicalRequest.of(method, "/v1/sessions"))
                .isInstanceOf(CanonicalRequest.NonCanonicalException.class);
    }

    @Test
    void canonicalTargetsSplitIntoThePathAndQueryTheRouterReads() {
        CanonicalRequest r = CanonicalRequest.of("GET", "/v1/audit?limit=10&session=20261206T223000-ab12cd34");
        assertThat(r.path()).isEqualTo("/v1/audit");
        assertThat(r.param("session")).contains("20261206T223000-ab12cd34");
        assertThat(r.param("limit")).contains("10");
        assertThat(r.param("other")).isEmpty();
        assertThat(CanonicalRequest.of("DELETE", "/v1/sessions/20261206T223000-ab12cd34").query()).isEmpty();
        assertThat(CanonicalRequest.of("GET", "/").path()).isEqualTo("/");
    }
}
