package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.testing.StsDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output for scripts: {@code --json} of sessions list|show, audit recent|show, profile list|show
 * and actions parsed as a script would; session ids as {@code latest} or a unique prefix; nothing
 * cut short in the audit's lines. STS is played by {@link StsDouble}.
 */
class JsonOutputIT {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                allow = ["s3:GetObject"]
                """.formatted(StsDouble.ROLE_ARN, sts.endpoint()));
        airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET)
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString());
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private JsonNode json(String... args) throws Exception {
        AirlockProcess.Result r = airlock.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private String run(String... resources) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", "--allow", "s3:GetObject,s3:ListBucket"));
        for (String r : resources) {
            args.add("--resource");
            args.add(r);
        }
        args.addAll(java.util.List.of("--", "true"));
        AirlockProcess.Result r = airlock.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return json("sessions", "show", "latest", "--json").get("id").asText();
    }

    @Test
    void sessionsAsJsonWithLatestAndPrefixes() throws Exception {
        String first = run("arn:aws:s3:::acme-reports/2026/*");
        String second = run("arn:aws:s3:::acme-reports/*");
        JsonNode list = json("sessions", "list", "--json");
        assertThat(list.isArray()).isTrue();
        assertThat(list.get(0).get("id").asText()).isEqualTo(second);
        assertThat(list.get(1).get("id").asText()).isEqualTo(first);
        JsonNode s = list.get(1);
        assertThat(s.get("mode").asText()).isEqualTo("run");
        assertThat(s.get("status").asText()).isEqualTo("succeeded");
        assertThat(s.get("resources").get(0).asText()).isEqualTo("arn:aws:s3:::acme-reports/2026/*");
        assertThat(s.get("exitCode").asInt()).isZero();
        assertThat(s.get("sessionArn").asText()).startsWith("arn:aws:sts::111122223333:assumed-role/AgentRole/");
        assertThat(s.get("start").asText()).isNotEmpty();

        // The ids share their date and time prefix; the random part tells them apart.
        String prefix = first.substring(0, first.length() - 4);
        assertThat(json("sessions", "show", prefix, "--json").get("id").asText()).isEqualTo(first);
        AirlockProcess.Result both = airlock.run("sessions", "show", "2026");
        assertThat(both.exit()).isEqualTo(5);
        assertThat(both.err()).contains("is the start of 2 session ids").contains(first).contains(second);
        String table = airlock.run("sessions", "list").out();
        assertThat(table).contains("START (UTC)").contains("MODE").contains("RESOURCES").contains("arn:aws:s3:::acme-reports/2026/*");
    }

    @Test
    void auditAsJsonAndNothingCutShort() throws Exception {
        String id = run("arn:aws:s3:::acme-reports/a-rather-long-prefix-so-the-policy-is-long-enough-to-be-cut/*");
        JsonNode events = json("audit", "show", "latest", "--json");
        assertThat(events.isArray()).isTrue();
        assertThat(events.get(0).get("type").asText()).isEqualTo("session.start");
        assertThat(events.get(0).get("session").asText()).isEqualTo(id);
        String policy = events.get(0).get("fields").get("policy").asText();
        assertThat(JSON.readTree(policy).get("Statement")).as("the whole policy, which parses").isNotNull();
        String lines = airlock.run("audit", "show", id.substring(0, id.length() - 3)).out();
        assertThat(lines).contains(policy).doesNotContain("...");
        assertThat(airlock.run("audit", "recent").out()).contains(policy);
        JsonNode recent = json("audit", "recent", "-n", "1", "--json");
        assertThat(recent).hasSize(1);
        assertThat(recent.get(0).get("type").asText()).isEqualTo("session.end");
    }

    @Test
    void profilesAndActionsAsJson() throws Exception {
        JsonNode profiles = json("profile", "list", "--json");
        assertThat(profiles).hasSize(1);
        assertThat(profiles.get(0).get("name").asText()).isEqualTo("dev");
        assertThat(profiles.get(0).get("default").asBoolean()).isTrue();
        assertThat(profiles.get(0).get("region").asText()).isEqualTo("us-west-2");
        JsonNode dev = json("profile", "show", "dev", "--json");
        assertThat(dev.get("allow").get(0).asText()).isEqualTo("s3:GetObject");
        assertThat(dev.get("mfa_serial").isNull()).isTrue();

        JsonNode actions = json("actions", "s3:GetObject*", "--json");
        assertThat(actions.findValuesAsText("action")).contains("s3:GetObject", "s3:GetObjectAcl");
        assertThat(actions.get(0).get("accessLevels").get(0).asText()).isNotEmpty();
    }
}
