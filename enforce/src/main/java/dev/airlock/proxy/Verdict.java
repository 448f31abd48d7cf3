package dev.airlock.proxy;

import java.io.InputStream;
import java.net.URI;
import java.util.OptionalLong;

/** What the endpoint does with one call. */
public sealed interface Verdict {

    /** Answer the client directly (an AWS-shaped error); nothing is forwarded. */
    record Respond(int status, String reason, String contentType, byte[] body) implements Verdict {}

    /**
     * Forward to {@code upstream} (scheme, host and port) the request {@code head} (already re-signed
     * with the upstream credentials), streaming {@code body} of {@code length} bytes when known.
     */
    record Forward(URI upstream, HttpHead head, InputStream body, OptionalLong length, Meter meter) implements Verdict {
        public Forward(URI upstream, HttpHead head, InputStream body, OptionalLong length) {
            this(upstream, head, body, length, Meter.NONE);
        }
    }

    /**
     * Told of every body chunk a forwarded call moves, both ways, while it moves; throwing stops the
     * transfer (a session over its byte limit, or revoked, mid-download).
     */
    @FunctionalInterface
    interface Meter {
        Meter NONE = bytes -> { };

        void moved(long bytes) throws java.io.IOException;
    }
}
