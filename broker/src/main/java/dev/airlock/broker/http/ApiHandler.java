package dev.airlock.broker.http;

/** What the server hands requests to. */
public interface ApiHandler {

    /** Answers a well-framed request with a canonical target. */
    ApiResponse handle(ApiRequest request);

    /**
     * Records a request refused before it could be handled (malformed head, framing, size,
     * non-canonical target), so every request is one audit event.
     *
     * @param requestLine the start line as received, or empty when none was read
     */
    void refused(Problem problem, String requestLine, String peer);
}
