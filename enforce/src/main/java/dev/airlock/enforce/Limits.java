package dev.airlock.enforce;

/**
 * Per-session ceilings the endpoint enforces in real time.
 *
 * @param maxCalls calls allowed in the session, allowed or not
 * @param maxBytes request plus response body bytes forwarded
 */
public record Limits(long maxCalls, long maxBytes) {
    public static Limits unlimited() {
        return new Limits(Long.MAX_VALUE, Long.MAX_VALUE);
    }
}
