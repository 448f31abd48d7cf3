package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.testing.StsDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When resident helpers start and how many: only after work that needed STS, at most
 * {@code HelperProcess.MAX_HELPERS} per data directory, and {@code helper status} says which
 * process serves which environment. STS is played by {@link StsDouble}.
 */
class HelperLifecycleIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    StsDouble sts;
    AirlockProcess airlock;

    @BeforeEach
    void start() throws Exception {
        sts = new StsDouble().denyIamReads();
        Files.writeString(home.resolve("config.toml"), """
                default_profile = "dev"
                [profiles.dev]
                role_arn = "%s"
                sts_endpoint = "%s"
                """.formatted(StsDouble.ROLE_ARN, sts.endpoint()));
        airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET)
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString())
                .env("AIRLOCK_HELPER", "on");
    }

    @AfterEach
    void stop() throws Exception {
        airlock.stopHelpers();
        sts.close();
    }

    private List<Path> sockets() throws Exception {
        Path dir = home.resolve("airlock/helper");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".sock")).toList();
        }
    }

    /** A helper starts in the background after the run; give it time to appear, as a next run would. */
    private List<Path> socketsAfterAWhile(int expected) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<Path> s = sockets();
        while (s.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            s = sockets();
        }
        return s;
    }

    @Test
    void helpUsageErrorsAndDryRunsStartNoHelper() throws Exception {
        assertThat(airlock.run("run", "--help").exit()).isZero();
        assertThat(airlock.run("run", "--no-such-flag").exit()).isEqualTo(2);
        assertThat(airlock.run("run", "--dry-run", "--allow", "s3:GetObject", "--resource", "arn:aws:s3:::b/*",
                "--", "true").exit()).isZero();
        assertThat(airlock.run("credentials", "--dry-run", "--allow", "s3:GetObject").exit()).isZero();
        Thread.sleep(3000); // longer than a helper takes to bind its socket
        assertThat(sockets()).isEmpty();
        assertThat(sts.calls("AssumeRole")).isEmpty();

        AirlockProcess.Result r = airlock.run("run", "--allow", "s3:GetObject", "--resource", "arn:aws:s3:::b/*",
                "--", "true");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(socketsAfterAWhile(1)).hasSize(1);
    }

    @Test
    void statusShowsPidIdleTimeAndTheEnvironmentServedWithoutSecrets() throws Exception {
        airlock.env("AWS_PROFILE", "work").startHelper();
        AirlockProcess.Result text = airlock.run("helper", "status");
        assertThat(text.out()).startsWith("running   ").contains("  pid ").contains(", idle ")
                .contains("AWS_PROFILE=work").contains("AWS_SECRET_ACCESS_KEY=(set)")
                .doesNotContain(StsDouble.BASE_SECRET);

        JsonNode doc = JSON.readTree(airlock.run("helper", "status", "--json").out());
        JsonNode helper = doc.path("helpers").get(0);
        assertThat(helper.path("running").asBoolean()).isTrue();
        long pid = helper.path("pid").asLong();
        assertThat(ProcessHandle.of(pid)).as("pid %d is a live process", pid).isPresent();
        assertThat(ProcessHandle.of(pid).get().info().commandLine().orElse("")).contains("HelperServer");
        assertThat(helper.path("idleSeconds").asLong()).isBetween(0L, 60L);
        assertThat(helper.path("environment").path("AWS_PROFILE").asText()).isEqualTo("work");
        assertThat(helper.path("environment").path("AWS_SECRET_ACCESS_KEY").asText()).isEqualTo("(set)");
        assertThat(doc.path("max").asInt()).isEqualTo(3);
    }

    @Test
    void atMostThreeHelpersRunPerDataDirectoryAndTheOneIdleLongestGivesWay() throws Exception {
        for (String region : List.of("eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1")) {
            airlock.env("AWS_DEFAULT_REGION", region).startHelper();
        }
        JsonNode doc = JSON.readTree(airlock.run("helper", "status", "--json").out());
        List<String> regions = Stream.iterate(0, i -> i < doc.path("helpers").size(), i -> i + 1)
                .map(i -> doc.path("helpers").get(i))
                .filter(h -> h.path("running").asBoolean())
                .map(h -> h.path("environment").path("AWS_DEFAULT_REGION").asText()).sorted().toList();
        assertThat(regions).containsExactly("eu-north-1", "eu-west-2", "eu-west-3");
    }
}
