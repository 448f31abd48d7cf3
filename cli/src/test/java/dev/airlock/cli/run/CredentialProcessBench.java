package dev.airlock.cli.run;

import dev.airlock.testing.S3ProxyServer;
import dev.airlock.testing.StsDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time of Debian's {@code aws s3 ls} (AWS CLI 2.9.19) whose credentials come from {@code
 * credential_process = airlock credentials ...}: with static keys (the floor), without a helper
 * (each process a JVM and an AssumeRole; the CLI runs it twice per command), through the helper
 * with a scope it has not issued yet (cold: one AssumeRole), and through the helper with a cached
 * session (no STS call). STS is the local double, S3 a local S3Proxy. Run by
 * {@code bench/run-credential-process.sh}; not a test.
 */
public final class CredentialProcessBench {

    private static final String AWS = "/usr/bin/aws";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path home = Files.createTempDirectory("airlock-cp-bench");
        try (StsDouble sts = new StsDouble().denyIamReads(); S3ProxyServer s3 = new S3ProxyServer(home.resolve("s3"), false)) {
            Files.createDirectories(home.resolve("s3"));
            s3.blobStore().createContainerInLocation(null, "bench");
            s3.blobStore().putBlob("bench", s3.blobStore().blobBuilder("k.txt").payload("x").build());
            Files.writeString(home.resolve("config.toml"), "[profiles.dev]\nrole_arn = \"" + StsDouble.ROLE_ARN
                    + "\"\nregion = \"us-east-1\"\nsts_endpoint = \"" + sts.endpoint() + "\"\n");
            Path awsConfig = home.resolve("aws-config");
            String process = AirlockProcess.LAUNCHER + " credentials --profile dev --allow s3:ListBucket --resource ";
            StringBuilder cfg = new StringBuilder("[profile cached]\ncredential_process = " + process
                    + "arn:aws:s3:::bench\nregion = us-east-1\n");
            for (int i = 0; i < runs; i++) {
                cfg.append("[profile cold").append(i).append("]\ncredential_process = ").append(process)
                        .append("arn:aws:s3:::bench-").append(i).append("\nregion = us-east-1\n");
            }
            Files.writeString(awsConfig, cfg.toString());
            AirlockProcess helped = env(new AirlockProcess(home), sts, awsConfig).startHelper();
            AirlockProcess alone = env(new AirlockProcess(home), sts, awsConfig).env("AIRLOCK_HELPER", "off");
            try {
                ls(helped.env(), s3, "--profile", "cached"); // warm: the cached scope exists from here on
                List<Double> keys = new ArrayList<>();
                List<Double> noHelper = new ArrayList<>();
                List<Double> cold = new ArrayList<>();
                List<Double> cached = new ArrayList<>();
                Map<String, String> staticKeys = Map.of("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY,
                        "AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET, "AWS_CONFIG_FILE", "/dev/null",
                        "PATH", System.getenv("PATH"), "HOME", home.toString());
                for (int i = 0; i < runs; i++) {
                    keys.add(time(() -> ls(staticKeys, s3)));
                    noHelper.add(time(() -> ls(alone.env(), s3, "--profile", "cached")));
                    int n = i;
                    cold.add(time(() -> ls(helped.env(), s3, "--profile", "cold" + n)));
                    cached.add(time(() -> ls(helped.env(), s3, "--profile", "cached")));
                }
                System.out.printf(Locale.ROOT, "runs=%d  AssumeRole calls: %d%n", runs, sts.calls("AssumeRole").size());
                report("static keys", keys);
                report("no helper", noHelper);
                report("helper, cold scope", cold);
                report("helper, cached", cached);
            } finally {
                helped.stopHelpers();
            }
        }
    }

    private static AirlockProcess env(AirlockProcess p, StsDouble sts, Path awsConfig) {
        return p.env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY).env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET)
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString()).env("AWS_CONFIG_FILE", awsConfig.toString());
    }

    /**
     * aws s3 ls s3://bench with the given environment. With --profile the AWS CLI takes the
     * profile's credential_process over the base keys in the environment, which airlock needs.
     */
    private static void ls(Map<String, String> env, S3ProxyServer s3, String... profile) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(AWS, "s3", "ls", "s3://bench", "--endpoint-url", s3.endpoint().toString()));
        cmd.addAll(List.of(profile));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || !out.contains("k.txt")) {
            throw new IllegalStateException("aws s3 ls failed: " + out);
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
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-20s median %6.0f ms  min %6.0f ms  max %6.0f ms%n", what,
                sorted.get((sorted.size() - 1) / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
