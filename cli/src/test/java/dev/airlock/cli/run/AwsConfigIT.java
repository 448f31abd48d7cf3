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
 * The user's own AWS configuration: {@code --aws-profile} takes role_arn, source_profile, region,
 * duration_seconds and role_session_name from ~/.aws/config, and the region follows the AWS CLI's
 * precedence (--region, AWS_REGION, AWS_DEFAULT_REGION, profile, ~/.aws profile) and must be a
 * real region. STS is played by {@link StsDouble}; the child is Debian's AWS CLI.
 */
class AwsConfigIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    StsDouble sts;
    AirlockProcess airlock;

    @BeforeEach
    void start() throws Exception {
        sts = new StsDouble().denyIamReads();
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [default]
                region = sa-east-1
                [profile base]
                region = eu-west-1
                [profile agent]
                role_arn = %s
                source_profile = base
                region = eu-central-1
                role_session_name = alice-agent
                duration_seconds = 1800
                [profile typo]
                role_arn = %s
                source_profile = base
                region = us-est-1
                """.formatted(StsDouble.ROLE_ARN, StsDouble.ROLE_ARN));
        Files.writeString(aws.resolve("credentials"), "[base]\naws_access_key_id = " + StsDouble.BASE_KEY
                + "\naws_secret_access_key = " + StsDouble.BASE_SECRET + "\n");
        Files.writeString(home.resolve("config.toml"), """
                [profiles.dev]
                role_arn = "%s"
                region = "us-west-2"
                """.formatted(StsDouble.ROLE_ARN));
        airlock = new AirlockProcess(home).env("AWS_ENDPOINT_URL_STS", sts.endpoint().toString())
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString());
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private JsonNode dryRun(String... scope) throws Exception {
        String[] args = new String[scope.length + 5];
        System.arraycopy(new String[] {"run", "--dry-run", "--json", "--allow", "sts:GetCallerIdentity"}, 0, args, 0, 5);
        System.arraycopy(scope, 0, args, 5, scope.length);
        AirlockProcess.Result r = airlock.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void anAwsProfileGivesRoleSourceRegionDurationAndSessionName() throws Exception {
        AirlockProcess.Result r = airlock.run("run", "--aws-profile", "agent", "--allow", "sts:GetCallerIdentity", "--",
                "/usr/bin/aws", "sts", "get-caller-identity", "--endpoint-url", sts.endpoint().toString(),
                "--output", "text", "--query", "Arn");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("arn:aws:sts::111122223333:assumed-role/AgentRole/alice-agent");

        StsDouble.Call assume = sts.calls("AssumeRole").get(0);
        assertThat(assume.signedBy()).as("source_profile's keys call STS").isEqualTo(StsDouble.BASE_KEY);
        assertThat(assume.params()).containsEntry("RoleArn", StsDouble.ROLE_ARN)
                .containsEntry("RoleSessionName", "alice-agent").containsEntry("DurationSeconds", "1800");
        assertThat(assume.signingRegion()).isEqualTo("eu-central-1");
        StsDouble.Call child = sts.calls("GetCallerIdentity").get(0);
        assertThat(child.signedBy()).startsWith("ASIA");
        assertThat(child.signingRegion()).as("the child is given the session's region").isEqualTo("eu-central-1");
    }

    @Test
    void regionsFollowTheAwsCliPrecedence() throws Exception {
        assertThat(dryRun("--aws-profile", "agent").get("region").asText()).isEqualTo("eu-central-1");
        assertThat(dryRun("--aws-profile", "agent").get("baseCredentials").asText()).isEqualTo("profile base");
        airlock.env("AWS_DEFAULT_REGION", "ap-south-1");
        assertThat(dryRun("--aws-profile", "agent").get("region").asText()).as("AWS_DEFAULT_REGION beats the profile")
                .isEqualTo("ap-south-1");
        assertThat(dryRun("--profile", "dev").get("region").asText()).as("and Airlock's profile too")
                .isEqualTo("ap-south-1");
        airlock.env("AWS_REGION", "ap-southeast-2");
        assertThat(dryRun("--aws-profile", "agent").get("region").asText()).as("AWS_REGION beats AWS_DEFAULT_REGION")
                .isEqualTo("ap-southeast-2");
        assertThat(dryRun("--aws-profile", "agent", "--region", "ca-central-1").get("region").asText())
                .isEqualTo("ca-central-1");
        airlock.env("AWS_REGION", "").env("AWS_DEFAULT_REGION", "");
        assertThat(dryRun("--profile", "dev").get("region").asText()).isEqualTo("us-west-2");
        airlock.env("AIRLOCK_CONFIG", ""); // no Airlock config at all
        assertThat(dryRun("--role", StsDouble.ROLE_ARN).get("region").asText())
                .as("no region anywhere but [default] of ~/.aws/config").isEqualTo("sa-east-1");
        airlock.env("AWS_PROFILE", "base");
        assertThat(dryRun("--role", StsDouble.ROLE_ARN).get("region").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void aRegionThatIsNotOneIsRefusedWithTheNearestNamed() throws Exception {
        AirlockProcess.Result r = airlock.run("run", "--dry-run", "--aws-profile", "typo", "--allow", "s3:ListBucket");
        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.err()).contains("region \"us-est-1\"").contains("AWS profile 'typo'").contains("did you mean us-east-1 or us-west-1?");

        r = airlock.env("AWS_REGION", "eu-west-9").run("run", "--dry-run", "--profile", "dev", "--allow", "s3:ListBucket");
        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.err()).contains("region \"eu-west-9\" (from AWS_REGION) is not an AWS region");
        assertThat(sts.calls()).isEmpty();
    }

    @Test
    void aMissingAwsProfileIsNamedWithTheNearestOne() throws Exception {
        AirlockProcess.Result r = airlock.run("run", "--dry-run", "--aws-profile", "agnet", "--allow", "s3:ListBucket");
        assertThat(r.exit()).as(r.err()).isNotZero();
        assertThat(r.err()).contains("no AWS profile 'agnet'").contains("did you mean 'agent'?");
        r = airlock.run("run", "--dry-run", "--aws-profile", "agent", "--profile", "dev", "--allow", "s3:ListBucket");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not both");
    }
}
