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
    record Forward(URI upstream, HttpHead head, InputStream body, OptionalLong length) implements Verdict {}
}
