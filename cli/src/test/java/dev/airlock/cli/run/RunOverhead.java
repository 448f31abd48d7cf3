package dev.airlock.cli.run;

import dev.airlock.testing.StsDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Whole-process overhead of {@code airlock run ... -- true} against the local STS double, versus
 * running {@code true} directly: served by the resident helper (the default) and in its own process
 * ({@code AIRLOCK_HELPER=off}), interleaved so all three see the same machine load. Run by
 * {@code bench/run-overhead.sh}; not a test.
 */
public final class RunOverhead {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path home = Files.createTempDirectory("airlock-overhead");
        try (StsDouble sts = new StsDouble().rolePolicy("admin",
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}")) {
            Files.writeString(home.resolve("config.toml"), "[profiles.dev]\nrole_arn = \"" + StsDouble.ROLE_ARN
                    + "\"\nregion = \"us-east-1\"\nsts_endpoint = \"" + sts.endpoint() + "\"\n");
            AirlockProcess alone = process(home, sts);
            AirlockProcess helped = process(home, sts).startHelper();
            String[] cmd = {"run", "--allow", "s3:GetObject", "--resource", "arn:aws:s3:::acme/reports/*", "--", "true"};
            try {
                for (int i = 0; i < 3; i++) {
                    check(alone.run(cmd));
                    check(helped.run(cmd));
                }
                List<Double> direct = new ArrayList<>();
                List<Double> viaHelper = new ArrayList<>();
                List<Double> ownProcess = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    direct.add(time(() -> new ProcessBuilder("true").start().waitFor()));
                    viaHelper.add(time(() -> check(helped.run(cmd))));
                    ownProcess.add(time(() -> check(alone.run(cmd))));
                }
                System.out.printf(Locale.ROOT, "runs=%d  (STS and IAM calls per run: %d)%n", runs,
                        sts.calls().size() / (2 * (runs + 3)));
                report("true directly", direct);
                report("airlock run (helper)", viaHelper);
                report("airlock run (no helper)", ownProcess);
                added("helper", viaHelper, direct);
                added("no helper", ownProcess, direct);
            } finally {
                helped.stopHelpers();
            }
        }
    }

    private static AirlockProcess process(Path home, StsDouble sts) {
        AirlockProcess airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET)
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString());
        if (System.getenv("AIRLOCK_JAVA_OPTS") != null) {
            airlock.env("AIRLOCK_JAVA_OPTS", System.getenv("AIRLOCK_JAVA_OPTS"));
        }
        return airlock;
    }

    private static void added(String what, List<Double> airlock, List<Double> direct) {
        System.out.printf(Locale.ROOT, "added, %-9s: median %.0f ms, p90 %.0f ms%n", what,
                pct(airlock, 50) - pct(direct, 50), pct(airlock, 90) - pct(direct, 90));
    }

    private static void check(AirlockProcess.Result r) {
        if (r.exit() != 0) {
            throw new IllegalStateException("airlock run failed: " + r.err());
        }
    }

    interface Body {
        void run() throws Exception;
    }

    private static double time(Body body) throws Exception {
        long t0 = System.nanoTime();
        body.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void report(String what, List<Double> ms) {
        System.out.printf(Locale.ROOT, "%-24s median %6.0f ms  p90 %6.0f ms  min %6.0f ms  max %6.0f ms%n", what,
                pct(ms, 50), pct(ms, 90), Collections.min(ms), Collections.max(ms));
    }

    private static double pct(List<Double> ms, int p) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
