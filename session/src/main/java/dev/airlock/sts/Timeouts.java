package dev.airlock.sts;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a call to STS or IAM may take. A black-holed endpoint (a firewall that drops packets, a
 * proxy that accepts and never answers) must fail an agent's command within seconds, not after the
 * SDK's retries of a 20-second read: the whole call, retries included, is bounded by
 * {@link #total()}.
 *
 * @param connect to open the TCP (and TLS) connection
 * @param read to wait for the answer once the request is sent
 */
public record Timeouts(Duration connect, Duration read) {

    /** A few seconds each: STS answers in tens of milliseconds when it answers at all. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10));

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(read, "read");
        if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
            throw new IllegalArgumentException("timeouts must be longer than zero");
        }
    }

    /** The budget of one API call, all attempts included. */
    public Duration total() {
        return connect.plus(read);
    }
}
