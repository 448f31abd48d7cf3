package dev.airlock.broker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 9457 problem: one {@code type} per kind of error, so a client can act on it without
 * reading the prose. Types are {@code urn:airlock:problem:SLUG}.
 *
 * @param retryAfterSeconds for 429 and 503 answers
 */
public record Problem(int status, String slug, String title, String detail, Optional<Long> retryAfterSeconds) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(status, slug, title, detail, Optional.empty());
    }

    public String type() {
        return "urn:airlock:problem:" + slug;
    }

    public ApiResponse response() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type());
        m.put("title", title);
        m.put("status", status);
        m.put("detail", detail);
        Map<String, String> headers = new LinkedHashMap<>();
        retryAfterSeconds.ifPresent(s -> headers.put("Retry-After", Long.toString(s)));
        try {
            return new ApiResponse(status, MEDIA_TYPE, JSON.writeValueAsBytes(m), headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
