package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.cli.ExitCode;
import dev.airlock.testing.SecretShapes;
import dev.airlock.testing.StsDouble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code airlock run} end to end: the packaged CLI as a separate process, STS and IAM played by
 * {@link StsDouble} (AWS is unreachable from tests; the double speaks the STS/IAM Query protocol and
 * checks SigV4), and Debian's AWS CLI v2 ({@code /usr/bin/aws}) as the child command.
 */
class RunIT {

    static final String AWS = "/usr/bin/aws";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    StsDouble sts;
    AirlockProcess airlock;

    @BeforeEach
    void start() throws Exception {
        sts = new StsDouble().rolePolicy("admin",
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
        configure();
    }

    /** How the CLI is run: each command in its own process here; subclasses may use the helper. */
    AirlockProcess prepared(AirlockProcess airlock) throws Exception {
        return airlock;
    }

    void configure() throws Exception {
        Files.writeString(home.resolve("config.toml"), """
                default_profile = "dev"
                [profiles.dev]
                role_arn = "%s"
                region = "eu-west-1"
                sts_endpoint = "%s"
                """.formatted(StsDouble.ROLE_ARN, sts.endpoint()));
        // Airlock's own base credentials come from the standard chain (here: its environment).
        airlock = new AirlockProcess(home)
                .env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET)
                .env("AWS_PROFILE", "parent-profile")
                .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/parent")
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString());
        airlock = prepared(airlock);
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private AirlockProcess.Result run(String... args) throws Exception {
        return airlock.run(args);
    }

    String auditText() throws IOException {
        return Files.readString(home.resolve("airlock").resolve("audit").resolve("audit.jsonl"));
    }

    @Test
    void theAwsCliChildCallsAwsAsTheScopedSessionAndNeverAsTheBase() throws Exception {
        AirlockProcess.Result r = run("run", "--allow", "sts:GetCallerIdentity", "--", AWS, "sts", "get-caller-identity",
                "--endpoint-url", sts.endpoint().toString(), "--output", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode identity = JSON.readTree(r.out());
        assertThat(identity.path("Arn").asText()).startsWith("arn:aws:sts::111122223333:assumed-role/AgentRole/airlock-");
        StsDouble.Call call = sts.calls("GetCallerIdentity").get(0);
        assertThat(call.signedBy()).startsWith("ASIA").isEqualTo(sts.issued().get(0).accessKeyId());
        assertThat(call.securityToken()).contains(sts.issued().get(0).token());
        StsDouble.Call assume = sts.calls("AssumeRole").get(0);
        assertThat(assume.signedBy()).isEqualTo(StsDouble.BASE_KEY);
        assertThat(assume.params()).containsEntry("DurationSeconds", "900")
                .containsKey("SourceIdentity").containsEntry("Tags.member.1.Key", "airlock-session")
                .containsEntry("Policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}");
    }

    @Test
    void theChildEnvironmentHoldsTheSessionAndNoneOfTheParentsCredentials() throws Exception {
        AirlockProcess.Result r = run("run", "--allow", "s3:GetObject", "--resource", "arn:aws:s3:::acme/reports/*",
                "--", "env");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        StsDouble.Issued issued = sts.issued().get(0);
        assertThat(lines).contains("AWS_ACCESS_KEY_ID=" + issued.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY=" + issued.secret(), "AWS_SESSION_TOKEN=" + issued.token(),
                "AWS_REGION=eu-west-1", "AWS_DEFAULT_REGION=eu-west-1", "AWS_EC2_METADATA_DISABLED=true",
                "AWS_SHARED_CREDENTIALS_FILE=/dev/null");
        assertThat(lines).anyMatch(l -> l.matches("AWS_CREDENTIAL_EXPIRATION=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertThat(r.out()).doesNotContain(StsDouble.BASE_KEY).doesNotContain(StsDouble.BASE_SECRET)
                .doesNotContain("AWS_PROFILE").doesNotContain("http://127.0.0.1:1/parent");
        assertNoSecretStoredOrPrinted(r);
    }

    private void assertNoSecretStoredOrPrinted(AirlockProcess.Result r) throws IOException {
        List<String> secrets = new ArrayList<>(List.of(StsDouble.BASE_SECRET));
        sts.issued().forEach(i -> {
            secrets.add(i.secret());
            secrets.add(i.token());
        });
        StringBuilder stored = new StringBuilder(r.err());
        try (Stream<Path> files = Files.walk(home.resolve("airlock"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                stored.append(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        for (String secret : secrets) {
            assertThat(stored.toString()).doesNotContain(secret);
        }
    }

    @Test
    void aSecretShapedArgumentReachesTheCommandAsGivenAndIsStoredRedacted() throws Exception {
        String secret = SecretShapes.secretAccessKey();
        AirlockProcess.Result r = run("run", "--allow", "s3:ListAllMyBuckets", "--", "echo", "--key=" + secret);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("--key=" + secret + "\n");
        assertThat(r.err()).contains("note: the command's argv[1] holds a secret (aws-secret-access-key shape)")
                .contains("--key=[redacted: aws-secret-access-key shape]").doesNotContain(secret);

        String start = auditText().lines().filter(l -> l.contains("\"type\":\"session.start\"")).findFirst().orElseThrow();
        assertThat(JSON.readTree(start).path("command").toString())
                .isEqualTo("[\"echo\",\"--key=[redacted: aws-secret-access-key shape]\"]");
        assertThat(JSON.readTree(start).path("redacted").toString())
                .isEqualTo("[{\"field\":\"command[1]\",\"reason\":\"aws-secret-access-key shape\"}]");
        String id = JSON.readTree(start).path("session").asText();
        assertThat(run("sessions", "show", id).out())
                .contains("command:      echo --key=[redacted: aws-secret-access-key shape]");
        try (Stream<Path> files = Files.walk(home.resolve("airlock"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(secret);
            }
        }
        assertThat(run("audit", "verify").exit()).isZero();
        assertNoSecretStoredOrPrinted(r);
    }

    @Test
    void insideASessionANestedRunIsRefusedUnlessAskedForAndThenNamesItsParent() throws Exception {
        airlock = prepared(airlock.env("AIRLOCK_SESSION_ID", "20261203T000000-0uter000"));
        AirlockProcess.Result refused = run("run", "--allow", "sts:GetCallerIdentity", "--", "true");
        assertThat(refused.exit()).as(refused.err()).isEqualTo(dev.airlock.cli.ExitCode.USAGE.code());
        assertThat(refused.err()).contains("inside Airlock session 20261203T000000-0uter000").contains("--nested");
        assertThat(sts.calls("AssumeRole")).isEmpty();
        AirlockProcess.Result nested = run("run", "--nested", "--allow", "sts:GetCallerIdentity", "--", "true");
        assertThat(nested.exit()).as(nested.err()).isZero();
        assertThat(auditText().lines().filter(l -> l.contains("\"type\":\"session.start\"")).toList())
                .singleElement().satisfies(l -> assertThat(l).contains("\"parent\":\"20261203T000000-0uter000\""));
    }

    /**
     * The same, end to end: an agent's shell inside a session runs airlock again. Without --nested it
     * is refused before STS is called; with it, the inner session is assumed from the outer
     * session's keys (as role chaining does) and Debian's AWS CLI inside it has the inner keys.
     */
    @Test
    void aRunInsideARunIsRefusedAndWithNestedChainsFromTheOuterSession() throws Exception {
        String inner = AirlockProcess.LAUNCHER + " run --allow sts:GetCallerIdentity -- " + AWS
                + " sts get-caller-identity --endpoint-url " + sts.endpoint() + " --output text --query Arn";
        AirlockProcess.Result r = run("run", "--allow", "sts:AssumeRole,sts:TagSession,sts:SetSourceIdentity", "--",
                "sh", "-c", inner + "; echo \"refused=$?\"; " + inner.replace(" run ", " run --nested "));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("refused=2").containsPattern("arn:aws:sts::111122223333:assumed-role/AgentRole/airlock-");
        assertThat(r.err()).contains("pass --nested");
        List<StsDouble.Call> assumed = sts.calls("AssumeRole");
        assertThat(assumed).hasSize(2);
        assertThat(assumed.get(0).signedBy()).isEqualTo(StsDouble.BASE_KEY);
        assertThat(assumed.get(1).signedBy()).as("the nested session comes from the outer one's keys").startsWith("ASIA");
        assertThat(sts.calls("GetCallerIdentity").get(0).signedBy()).isNotEqualTo(assumed.get(1).signedBy())
                .startsWith("ASIA");
        assertThat(auditText()).contains("\"parent\":\"");
    }

    @Test
    void dryRunPrintsThePolicyAndTheCallAndContactsNothing() throws Exception {
        AirlockProcess.Result r = run("run", "--dry-run", "--allow", "s3:GetObject,s3:ListBucket",
                "--resource", "arn:aws:s3:::acme/reports/*", "--", "true");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"RoleArn\" : \"" + StsDouble.ROLE_ARN + "\"").contains("\"DurationSeconds\" : 900")
                .contains("\"s3:prefix\" : \"reports/*\"").contains("arn:aws:s3:::acme/reports/*");
        assertThat(sts.calls()).isEmpty();
    }

    @Test
    void dryRunShowsTheWholeBucketListingAndEveryWarningOnStdoutAndStderr() throws Exception {
        AirlockProcess.Result whole = run("run", "--dry-run", "--allow", "s3:GetObject,s3:ListBucket",
                "--resource", "arn:aws:s3:::acme/*", "--", "true");
        assertThat(whole.exit()).as(whole.err()).isZero();
        assertThat(whole.out()).contains("\"Resource\" : \"arn:aws:s3:::acme\"").doesNotContain("s3:prefix");
        assertThat(whole.err()).doesNotContain("warning");

        AirlockProcess.Result admin = run("run", "--dry-run", "--allow", "iam:*", "--", "true");
        assertThat(admin.exit()).as(admin.err()).isZero();
        assertThat(admin.out()).contains("# warning: Allow of").contains("Permissions-management actions on \"*\"")
                .contains("# warning: --allow iam:* includes iam:PassRole");
        assertThat(admin.err()).contains("airlock: warning: Allow of").contains("iam:AttachRolePolicy");
        assertThat(sts.calls()).isEmpty();
    }

    @Test
    void aSessionsWarningsAreSaidOnStderrBeforeTheCommandAndKeptInItsAuditEvent() throws Exception {
        AirlockProcess.Result r = run("run", "--allow", "iam:PassRole", "--resource", "arn:aws:iam::111122223333:role/fn",
                "--", "echo", "ran");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("ran\n");
        assertThat(r.err()).contains("airlock: warning: iam:PassRole is not limited by iam:PassedToService");
        String start = auditText().lines().filter(l -> l.contains("\"type\":\"session.start\"")).findFirst().orElseThrow();
        assertThat(JSON.readTree(start).path("warnings").get(0).asText()).contains("iam:PassRole is not limited");

        AirlockProcess.Result credentials = run("credentials", "--allow", "s3:*");
        assertThat(credentials.exit()).as(credentials.err()).isZero();
        assertThat(JSON.readTree(credentials.out()).path("Version").asInt()).as("stdout stays JSON").isEqualTo(1);
        assertThat(credentials.err()).contains("airlock: warning: Allow of").contains("s3:BypassGovernanceRetention");
    }

    @Test
    void theCommandsExitCodeIsPassedThroughAndAMissingCommandIs127() throws Exception {
        assertThat(run("run", "--allow", "s3:ListAllMyBuckets", "--", "sh", "-c", "exit 7").exit()).isEqualTo(7);
        AirlockProcess.Result missing = run("run", "--allow", "s3:ListAllMyBuckets", "--", "no-such-command-xyz");
        assertThat(missing.exit()).isEqualTo(127);
        assertThat(missing.err()).contains("no-such-command-xyz: command not found");
        AirlockProcess.Result list = run("sessions", "list");
        assertThat(list.out()).contains("failed").contains("not_started");
    }

    @Test
    void atMaxDurationTheChildGetsSigtermThenSigkill() throws Exception {
        long t0 = System.nanoTime();
        AirlockProcess.Result r = run("run", "--allow", "s3:ListAllMyBuckets", "--max-duration", "2s", "--grace", "1s",
                "--", "sh", "-c", "trap '' TERM; sleep 60");
        long took = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
        assertThat(r.exit()).isEqualTo(ExitCode.TIMED_OUT.code());
        assertThat(r.err()).contains("sending SIGTERM").contains("sending SIGKILL");
        assertThat(took).isLessThan(30);
        assertThat(auditText()).contains("\"status\":\"timed_out\"");
    }

    @Test
    void aChildThatStopsOnSigtermIsNotKilled() throws Exception {
        AirlockProcess.Result r = run("run", "--allow", "s3:ListAllMyBuckets", "--max-duration", "1s", "--grace", "20s",
                "--", "sleep", "60");
        assertThat(r.exit()).isEqualTo(ExitCode.TIMED_OUT.code());
        assertThat(r.err()).contains("sending SIGTERM").doesNotContain("SIGKILL");
    }

    @Test
    void parallelRunsKeepTheAuditLogIntact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<AirlockProcess.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(pool.submit(() -> run("run", "--allow", "s3:ListAllMyBuckets", "--", "true")));
        }
        for (Future<AirlockProcess.Result> f : runs) {
            assertThat(f.get().exit()).isZero();
        }
        pool.shutdown();
        AirlockProcess.Result verify = run("audit", "verify");
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        assertThat(auditText().lines().filter(l -> l.contains("\"type\":\"session.start\""))).hasSize(4);
        assertThat(auditText().lines().filter(l -> l.contains("\"type\":\"session.end\""))).hasSize(4);
        assertThat(run("sessions", "list").out().lines().filter(l -> l.contains("succeeded"))).hasSize(4);
    }

    @Test
    void aTtlOverTheRolesMaximumIsClampedAndSaidSo() throws Exception {
        sts.maxSessionDuration(Duration.ofHours(1));
        AirlockProcess.Result r = run("run", "--ttl", "2h", "--allow", "s3:ListAllMyBuckets", "--", "true");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("--ttl 2h clamped to 1h, the role's maximum session duration");
        List<StsDouble.Call> assumes = sts.calls("AssumeRole");
        assertThat(assumes).extracting(c -> c.params().get("DurationSeconds")).containsExactly("7200", "3600");
    }

    @Test
    void actionsTheRoleCannotGrantAreNamedBeforeTheCommandRuns() throws Exception {
        sts.close();
        sts = new StsDouble().rolePolicy("read-only", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":"
                + "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acme/*\"}}");
        configure();
        AirlockProcess.Result r = run("run", "--allow", "s3:GetObject,s3:PutObject", "--resource",
                "arn:aws:s3:::acme/reports/*", "--", "true");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: the role cannot grant s3:PutObject on arn:aws:s3:::acme/reports/*")
                .doesNotContain("cannot grant s3:GetObject");
        assertThat(sts.calls("GetRolePolicy")).hasSize(1);
    }
}
