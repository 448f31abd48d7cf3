package dev.airlock.broker.http;

import java.util.Map;

/** A response: status, media type, body and any extra headers. */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, "application/json", body, Map.of());
    }
}
