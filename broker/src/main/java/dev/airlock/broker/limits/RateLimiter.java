package dev.airlock.broker.limits;

import dev.airlock.broker.auth.ClientId;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per authenticated client and canonical route. A bucket holds up to {@code burst}
 * requests and refills at {@code permits} per {@code per}; a request takes one or is told how long
 * to wait. Charged only after the request's signature verified, so a forged request cannot drain
 * another client's bucket; a bucket's take is atomic, so a concurrent burst gets exactly what the
 * bucket holds.
 */
public final class RateLimiter {

    /** A configured rate. */
    public record Rate(long permits, Duration per, long burst) {
        public Rate {
            if (permits <= 0 || burst <= 0 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a rate needs positive permits, period and burst");
            }
        }

        /** {@code permits} per minute, with a burst of the same size. */
        public static Rate perMinute(long permits) {
            return new Rate(permits, Duration.ofMinutes(1), permits);
        }

        double perNano() {
            return (double) permits / per.toNanos();
        }
    }

    /** Where a request is charged: the route as the router names it, e.g. {@code POST /v1/sessions}. */
    public record Key(ClientId client, String route) {}

    private final Map<String, Rate> routes;
    private final Rate general;
    private final LongSupplier nanos;
    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param routes rates for particular routes; every other route gets {@code general}
     * @param nanos a monotonic clock (tests pass their own)
     */
    public RateLimiter(Map<String, Rate> routes, Rate general, LongSupplier nanos) {
        this.routes = Map.copyOf(routes);
        this.general = general;
        this.nanos = nanos;
    }

    /** APEX's defaults: 60 requests a minute, 10 session creations a minute. */
    public static RateLimiter defaults() {
        return new RateLimiter(Map.of("POST /v1/sessions", Rate.perMinute(10)), Rate.perMinute(60), System::nanoTime);
    }

    /** Empty when admitted; else the milliseconds until one request would be. */
    public OptionalLong take(ClientId client, String route) {
        Rate rate = routes.getOrDefault(route, general);
        return buckets.computeIfAbsent(new Key(client, route), k -> new Bucket(rate, nanos.getAsLong()))
                .take(nanos.getAsLong());
    }

    private static final class Bucket {
        private final Rate rate;
        private double tokens;
        private long at;

        Bucket(Rate rate, long now) {
            this.rate = rate;
            this.tokens = rate.burst();
            this.at = now;
        }

        synchronized OptionalLong take(long now) {
            if (now > at) {
                tokens = Math.min(rate.burst(), tokens + (now - at) * rate.perNano());
                at = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalLong.empty();
            }
            double waitNanos = (1 - tokens) / rate.perNano();
            return OptionalLong.of(Math.max(1, (long) Math.ceil(waitNanos / 1_000_000)));
        }
    }
}
