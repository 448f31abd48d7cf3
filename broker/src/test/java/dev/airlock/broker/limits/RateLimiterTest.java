package dev.airlock.broker.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.broker.auth.ClientId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final RateLimiter limiter = new RateLimiter(Map.of("POST /v1/sessions", RateLimiter.Rate.perMinute(10)),
            RateLimiter.Rate.perMinute(60), clock::get);
    final ClientId a = new ClientId("agent-a");
    final ClientId b = new ClientId("agent-b");

    @Test
    void aBucketAdmitsItsBurstThenSaysHowLongToWait() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.take(a, "POST /v1/sessions")).isEmpty();
        }
        assertThat(limiter.take(a, "POST /v1/sessions")).hasValue(6_000);
        clock.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(limiter.take(a, "POST /v1/sessions")).isEmpty();
        assertThat(limiter.take(a, "POST /v1/sessions")).isPresent();
    }

    @Test
    void bucketsArePerClientAndPerRoute() {
        for (int i = 0; i < 10; i++) {
            limiter.take(a, "POST /v1/sessions");
        }
        assertThat(limiter.take(a, "POST /v1/sessions")).isPresent();
        assertThat(limiter.take(b, "POST /v1/sessions")).isEmpty();
        assertThat(limiter.take(a, "GET /v1/sessions")).isEmpty();
    }

    @Test
    void overALongRunTheAdmittedRateIsTheConfiguredOne() {
        long admitted = 0;
        // 1,000 offered a second for 10 simulated minutes against 60 a minute (burst 60).
        for (int ms = 0; ms < 600_000; ms++) {
            clock.addAndGet(1_000_000);
            if (limiter.take(a, "GET /v1/sessions").isEmpty()) {
                admitted++;
            }
        }
        assertThat(admitted).isBetween(600L + 60 - 1, 600L + 60 + 1);
    }

    @Test
    void aConcurrentBurstGetsExactlyTheBucket() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                tasks.add(() -> limiter.take(a, "GET /v1/sessions").isEmpty());
            }
            long ok = 0;
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                ok += f.get() ? 1 : 0;
            }
            assertThat(ok).isEqualTo(60);
        } finally {
            pool.shutdownNow();
        }
    }
}
