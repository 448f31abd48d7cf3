package dev.airlock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test upstream itself works with Debian's AWS CLI v2, so later failures are the endpoint's. */
class S3ProxyServerTest {

    @Test
    void theAwsCliTalksToS3ProxyDirectly(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("store"));
        try (S3ProxyServer s3 = new S3ProxyServer(dir.resolve("store"))) {
            Path file = dir.resolve("hello.txt");
            Files.writeString(file, "hello");
            assertThat(aws(dir, s3, "s3", "mb", "s3://demo")).isZero();
            assertThat(aws(dir, s3, "s3", "cp", file.toString(), "s3://demo/reports/hello.txt")).isZero();
            assertThat(aws(dir, s3, "s3", "ls", "s3://demo/reports/")).isZero();
            assertThat(s3.blobStore().blobExists("demo", "reports/hello.txt")).isTrue();
        }
    }

    static int aws(Path home, S3ProxyServer s3, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("/usr/bin/aws", "--endpoint-url",
                s3.endpoint().toString()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", System.getenv("PATH"), "HOME", home.toString(),
                "AWS_ACCESS_KEY_ID", S3ProxyServer.KEY, "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET,
                "AWS_DEFAULT_REGION", "us-east-1"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        if (code != 0) {
            System.err.println(out);
        }
        return code;
    }
}
