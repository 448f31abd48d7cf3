package dev.airlock.sigv4;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The headers that authenticate a signed request.
 *
 * @param authorization the Authorization header value
 * @param amzDate the X-Amz-Date header value
 * @param contentSha256 the X-Amz-Content-Sha256 header value
 * @param securityToken the X-Amz-Security-Token header value, for session credentials
 * @param signature the hex signature (also inside {@code authorization})
 */
public record SigningResult(String authorization, String amzDate, String contentSha256, Optional<String> securityToken,
        String signature) {

    /** The headers to set on the outgoing request, replacing any existing values of these names. */
    public Map<String, String> headersToSet() {
        Map<String, String> headers = new LinkedHashMap<>(6);
        headers.put("Authorization", authorization);
        headers.put("X-Amz-Date", amzDate);
        headers.put("X-Amz-Content-Sha256", contentSha256);
        securityToken.ifPresent(token -> headers.put("X-Amz-Security-Token", token));
        return headers;
    }

    /**
     * {@code headers} (those that were signed) with the authentication applied: the four headers set, and a stale
     * X-Amz-Security-Token removed when these credentials have none.
     */
    public Headers applyTo(Headers headers) {
        Headers out = headers.with(SigV4.AUTHORIZATION, authorization)
                .with(SigV4.X_AMZ_DATE, amzDate)
                .with(SigV4.X_AMZ_CONTENT_SHA256, contentSha256);
        return securityToken.isPresent()
                ? out.with(SigV4.X_AMZ_SECURITY_TOKEN, securityToken.get())
                : out.without(SigV4.X_AMZ_SECURITY_TOKEN);
    }

    @Override
    public String toString() {
        return "SigningResult[" + authorization + "]";
    }
}
