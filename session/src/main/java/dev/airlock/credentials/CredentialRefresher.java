package dev.airlock.credentials;

import dev.airlock.session.AssumedRole;
import dev.airlock.session.SessionCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps a session's credentials fresh: re-assumes the role before they expire and hands out the
 * newest. A failed refresh is retried until the old credentials run out; they stay valid till then.
 */
public final class CredentialRefresher implements AutoCloseable {

    private static final Duration MAX_MARGIN = Duration.ofMinutes(5);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final Supplier<AssumedRole> reassume;
    private final Consumer<AssumedRole> onRefresh;
    private final Consumer<String> notices;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "airlock-refresh");
        t.setDaemon(true);
        return t;
    });
    private volatile AssumedRole current;

    public CredentialRefresher(AssumedRole initial, Supplier<AssumedRole> reassume, Consumer<AssumedRole> onRefresh,
            Consumer<String> notices, Clock clock) {
        this.current = initial;
        this.reassume = reassume;
        this.onRefresh = onRefresh;
        this.notices = notices;
        this.clock = clock;
        schedule(delayFor(initial.credentials()));
    }

    public SessionCredentials current() {
        return current.credentials();
    }

    /** Refresh when a third of the lifetime is left, but no earlier than 5 minutes before expiry. */
    Duration delayFor(SessionCredentials c) {
        Instant now = clock.instant();
        Duration left = Duration.between(now, c.expiration());
        Duration margin = left.dividedBy(3).compareTo(MAX_MARGIN) < 0 ? left.dividedBy(3) : MAX_MARGIN;
        Duration delay = left.minus(margin);
        return delay.isNegative() ? Duration.ZERO : delay;
    }

    private void schedule(Duration delay) {
        if (!timer.isShutdown()) {
            timer.schedule(this::refresh, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void refresh() {
        try {
            AssumedRole next = reassume.get();
            current = next;
            onRefresh.accept(next);
            schedule(delayFor(next.credentials()));
        } catch (RuntimeException e) {
            boolean expired = !clock.instant().isBefore(current.credentials().expiration());
            notices.accept("refreshing the session failed: " + e.getMessage()
                    + (expired ? "; the credentials have expired" : "; retrying in " + RETRY.toSeconds() + "s"));
            if (!expired) {
                schedule(RETRY);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
