package dev.airlock.broker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.broker.token.SessionMode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SessionCreateTest {

    static SessionCreate parse(String json) {
        return SessionCreate.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidBodyIsReadOnceIntoTheValuesBothChecksUse() {
        SessionCreate c = parse("{\"token\":\"alkt_x\",\"actions\":[\"s3:GetObject\"],\"resources\":[\"arn:aws:s3:::b/*\"],"
                + "\"ttl\":\"15m\",\"mode\":\"sts\",\"limits\":{\"maxCalls\":100}}");
        assertThat(c.actions()).containsExactly("s3:GetObject");
        assertThat(c.sessionMode()).isEqualTo(SessionMode.STS);
        assertThat(c.limits().flatMap(SessionCreate.Limits::maxCalls)).contains(100L);
        assertThat(c.maxDuration()).isEmpty();
    }

    @Test
    void listsAreBoundedSoOneRequestsAuthorisationIs() {
        String many = "[" + String.join(",", java.util.Collections.nCopies(SessionCreate.MAX_ITEMS + 1, "\"s3:GetObject\""))
                + "]";
        assertThatThrownBy(() -> parse("{\"token\":\"t\",\"actions\":" + many + ",\"resources\":[\"r\"]}"))
                .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.getMessage()).contains("at most 64"));
        String enough = "[" + String.join(",", java.util.Collections.nCopies(SessionCreate.MAX_ITEMS, "\"s3:GetObject\""))
                + "]";
        assertThat(parse("{\"token\":\"t\",\"actions\":" + enough + ",\"resources\":[\"r\"]}").actions())
                .hasSize(SessionCreate.MAX_ITEMS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "duplicate key, last would win in a lax reader|malformed-json|{\"token\":\"t\",\"actions\":[\"s3:GetObject\"],\"resources\":[\"arn:aws:s3:::b/*\"],\"resources\":[\"*\"]}",
        "unknown field|unknown-field|{\"token\":\"t\",\"actions\":[\"a:b\"],\"resources\":[\"r\"],\"extra\":1}",
        "privileged: approved|privileged-field|{\"token\":\"t\",\"actions\":[\"a:b\"],\"resources\":[\"r\"],\"approved\":true}",
        "privileged: tier|privileged-field|{\"token\":\"t\",\"actions\":[\"a:b\"],\"resources\":[\"r\"],\"tier\":\"none\"}",
        "privileged: upstream|privileged-field|{\"token\":\"t\",\"actions\":[\"a:b\"],\"resources\":[\"r\"],\"upstream\":\"http://x\"}",
        "empty resources never mean everything|invalid-value|{\"token\":\"t\",\"actions\":[\"a:b\"],\"resources\":[]}",
        "missing resources|invalid-value|{\"token\":\"t\",\"actions\":[\"a:b\"]}",
        "null value|invalid-value|{\"token\":\"t\",\"actions\":[\"a:b\"],\"resources\":[\"r\"],\"ttl\":null}",
        "null in a list|invalid-value|{\"token\":\"t\",\"actions\":[null],\"resources\":[\"r\"]}",
        "a number as a string|invalid-value|{\"token\":\"t\",\"actions\":[\"a:b\"],\"resources\":[\"r\"],\"limits\":{\"maxCalls\":\"5\"}}",
        "a string where a list goes|invalid-value|{\"token\":\"t\",\"actions\":\"a:b\",\"resources\":[\"r\"]}",
        "trailing data|malformed-json|{\"token\":\"t\",\"actions\":[\"a:b\"],\"resources\":[\"r\"]} {}",
        "not an object|malformed-json|[1]",
        "an unknown mode|invalid-value|{\"token\":\"t\",\"actions\":[\"a:b\"],\"resources\":[\"r\"],\"mode\":\"admin\"}",
        "a bad duration|invalid-value|{\"token\":\"t\",\"actions\":[\"a:b\"],\"resources\":[\"r\"],\"ttl\":\"15 minutes\"}",
        "unknown nested field|invalid-value|{\"token\":\"t\",\"actions\":[\"a:b\"],\"resources\":[\"r\"],\"limits\":{\"maxCals\":1}}",
        "negative limit|invalid-value|{\"token\":\"t\",\"actions\":[\"a:b\"],\"resources\":[\"r\"],\"limits\":{\"maxCalls\":-1}}"})
    void refusedWithItsProblemType(String what, String slug, String json) {
        assertThatThrownBy(() -> parse(json)).as(what).isInstanceOfSatisfying(ApiProblem.class,
                e -> assertThat(e.problem().slug()).as(e.getMessage()).isEqualTo(slug));
    }
}
