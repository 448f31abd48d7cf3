package dev.airlock.broker.http;

import dev.airlock.broker.auth.CanonicalRequest;
import java.util.List;
import java.util.Map;

/**
 * A request as the server parsed it: the canonical target (the only one signing and routing read),
 * every header's values, the whole body and the connecting process's user.
 */
public record ApiRequest(CanonicalRequest target, Map<String, List<String>> headers, byte[] body, String peer) {
    public ApiRequest {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
