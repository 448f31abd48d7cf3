package dev.airlock.cli.run;

import dev.airlock.broker.auth.ClientId;
import dev.airlock.broker.auth.ClientSecret;
import dev.airlock.broker.client.BrokerConnection;
import dev.airlock.testing.S3ProxyServer;
import dev.airlock.testing.StsDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker as a process, measured from a client in this JVM over its Unix socket: the latency of
 * {@code POST /v1/sessions} (an enforcing session against a local S3Proxy; an STS session against
 * the STS double), and the rate the limiter admits when 1,000 signed requests a second are offered.
 * Run by {@code bench/run-broker.sh}; not a test.
 */
public final class BrokerBench {

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path home = Files.createTempDirectory("airlock-broker-bench");
        try (StsDouble sts = new StsDouble().denyIamReads(); S3ProxyServer s3 = new S3ProxyServer(home.resolve("s3"), false)) {
            Files.createDirectories(home.resolve("s3"));
            Files.writeString(home.resolve("config.toml"), "[profiles.dev]\nrole_arn = \"" + StsDouble.ROLE_ARN
                    + "\"\nregion = \"us-east-1\"\nsts_endpoint = \"" + sts.endpoint() + "\"\n");
            AirlockProcess airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                    .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET);
            String secret = airlock.run("broker", "clients", "add", "bench").out().trim();
            String token = airlock.run("broker", "token", "mint", "--task", "bench", "--allow", "s3:GetObject",
                    "--resource", "arn:aws:s3:::bench/*", "--ttl", "2h", "--modes", "enforce,sts").out().trim();
            BrokerConnection client = new BrokerConnection(home.resolve("airlock/broker/broker.sock"),
                    new ClientId("bench"), ClientSecret.parse(secret));

            Process broker = start(airlock, home, s3, "1000000", "1000000");
            String body = "{\"token\":\"" + token + "\",\"actions\":[\"s3:GetObject\"],\"resources\":[\"arn:aws:s3:::bench/*\"]";
            for (int i = 0; i < 20; i++) { // warm-up
                create(client, body + "}");
            }
            List<Double> enforce = new ArrayList<>();
            List<Double> stsMode = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                enforce.add(create(client, body + "}"));
                stsMode.add(create(client, body + ",\"mode\":\"sts\"}"));
            }
            stop(airlock, broker);
            System.out.printf(Locale.ROOT, "| POST /v1/sessions, mode enforce (endpoint + TLS authority) | %d | %.1f ms | %.1f ms |%n",
                    sessions, pct(enforce, 50), pct(enforce, 99));
            System.out.printf(Locale.ROOT, "| POST /v1/sessions, mode sts (AssumeRole to the local double) | %d | %.1f ms | %.1f ms |%n",
                    sessions, pct(stsMode, 50), pct(stsMode, 99));

            broker = start(airlock, home, s3, "6000", "1000000");
            offered(client, seconds);
            stop(airlock, broker);
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Process start(AirlockProcess airlock, Path home, S3ProxyServer s3, String rate, String sessionRate)
            throws Exception {
        return airlock.spawn(Files.createTempFile(home, "broker", ".err"), "listening on", "broker", "start", "--profile",
                "dev", "--upstream", s3.endpoint().toString(), "--rate", rate, "--session-rate", sessionRate);
    }

    private static void stop(AirlockProcess airlock, Process broker) throws Exception {
        airlock.run("broker", "stop");
        broker.waitFor(60, TimeUnit.SECONDS);
    }

    /** One session creation (timed) and its revocation (not timed). */
    private static double create(BrokerConnection client, String body) throws Exception {
        long t0 = System.nanoTime();
        BrokerConnection.Answer a = client.send("POST", "/v1/sessions", body);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (a.status() != 201) {
            throw new AssertionError(a.body());
        }
        String id = a.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        client.send("DELETE", "/v1/sessions/" + id, "");
        return ms;
    }

    /**
     * 1,000 signed GET /v1/sessions a second for {@code seconds}, against 100 a second (6,000 a
     * minute, burst 6,000). The burst is spent in the first seconds; the admitted rate is measured
     * over the rest of the run, where only the refill admits.
     */
    private static void offered(BrokerConnection client, int seconds) throws Exception {
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        ConcurrentLinkedQueue<long[]> done = new ConcurrentLinkedQueue<>();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        ticks.scheduleAtFixedRate(() -> {
            sent.incrementAndGet();
            senders.execute(() -> {
                try {
                    int status = client.send("GET", "/v1/sessions", "").status();
                    done.add(new long[] {System.nanoTime() - start, status});
                } catch (Exception e) {
                    done.add(new long[] {System.nanoTime() - start, -1});
                }
            });
        }, 0, 1, TimeUnit.MILLISECONDS);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        ticks.shutdownNow();
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
        long from = TimeUnit.SECONDS.toNanos(Math.max(1, seconds / 3));
        long to = TimeUnit.SECONDS.toNanos(seconds);
        long admitted = done.stream().filter(d -> d[0] >= from && d[0] < to && d[1] == 200).count();
        long refused = done.stream().filter(d -> d[1] == 429).count();
        long errors = done.stream().filter(d -> d[1] != 200 && d[1] != 429).count();
        double window = (to - from) / 1e9;
        double rate = admitted / window;
        System.out.printf(Locale.ROOT, "offered %d requests in %d s (%.0f/s), answered %d (%d refused 429, %d other)%n",
                sent.get(), seconds, sent.get() / (double) seconds, done.size(), refused, errors);
        System.out.printf(Locale.ROOT, "| admitted after the burst, %.0f s window | configured 100.0/s | measured %.2f/s | %+.2f %% |%n",
                window, rate, (rate - 100) / 100 * 100);
    }

    private static double pct(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }
}
