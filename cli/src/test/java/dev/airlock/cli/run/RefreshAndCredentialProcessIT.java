package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.testing.StsDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --refresh} through the container-credentials endpoint and {@code airlock credentials} as a
 * {@code credential_process}, both consumed by Debian's AWS CLI v2; STS played by {@link StsDouble}.
 */
class RefreshAndCredentialProcessIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    StsDouble sts;
    AirlockProcess airlock;

    @BeforeEach
    void start() throws Exception {
        sts = new StsDouble().denyIamReads();
        Files.writeString(home.resolve("config.toml"), """
                [profiles.dev]
                role_arn = "%s"
                region = "us-west-2"
                sts_endpoint = "%s"
                """.formatted(StsDouble.ROLE_ARN, sts.endpoint()));
        airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET)
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString());
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    @Test
    void theAwsCliPicksUpRefreshedCredentialsFromTheContainerEndpoint() throws Exception {
        // Each session lives 6 s, so the second call (after 8 s) can only succeed with renewed credentials.
        sts.issuedLifetime(Duration.ofSeconds(6));
        String call = "/usr/bin/aws sts get-caller-identity --endpoint-url " + sts.endpoint() + " --output text --query Arn";
        AirlockProcess.Result r = airlock.run("run", "--refresh", "--allow", "sts:GetCallerIdentity", "--",
                "sh", "-c", "env | grep -c '^AWS_ACCESS_KEY_ID=' ; " + call + " && sleep 8 && " + call);
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("0");
        assertThat(lines.subList(1, 3)).allMatch(l -> l.startsWith("arn:aws:sts::111122223333:assumed-role/AgentRole/"));
        List<StsDouble.Call> calls = sts.calls("GetCallerIdentity");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).signedBy()).isNotEqualTo(calls.get(1).signedBy());
        assertThat(sts.calls("AssumeRole").size()).isGreaterThanOrEqualTo(2);
        assertThat(Files.readString(home.resolve("airlock/audit/audit.jsonl"))).contains("\"type\":\"session.refresh\"");
    }

    @Test
    void credentialsPrintsCredentialProcessJsonThatTheAwsCliUses() throws Exception {
        AirlockProcess.Result r = airlock.run("credentials", "--profile", "dev", "--allow", "sts:GetCallerIdentity");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.path("Version").asInt()).isEqualTo(1);
        assertThat(json.path("AccessKeyId").asText()).isEqualTo(sts.issued().get(0).accessKeyId());
        assertThat(json.path("SessionToken").asText()).isEqualTo(sts.issued().get(0).token());
        assertThat(Instant.parse(json.path("Expiration").asText())).isAfter(Instant.now());

        Path awsConfig = home.resolve("aws-config");
        Files.writeString(awsConfig, "[profile agent]\ncredential_process = " + AirlockProcess.LAUNCHER
                + " credentials --profile dev --allow sts:GetCallerIdentity\nregion = us-west-2\n");
        List<String> cmd = List.of("/usr/bin/aws", "sts", "get-caller-identity", "--profile", "agent",
                "--endpoint-url", sts.endpoint().toString(), "--output", "text", "--query", "Arn");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(airlock.env());
        pb.environment().put("AWS_CONFIG_FILE", awsConfig.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.trim()).startsWith("arn:aws:sts::111122223333:assumed-role/AgentRole/airlock-");
        assertThat(sts.calls("GetCallerIdentity").get(0).signedBy()).startsWith("ASIA");
    }
}
