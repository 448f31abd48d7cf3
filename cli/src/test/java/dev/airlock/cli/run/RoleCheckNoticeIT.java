package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.testing.StsDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base identity without IAM read access cannot have its role checked: a lasting condition, said
 * once per profile rather than on every run. STS and IAM are played by {@link StsDouble}.
 */
class RoleCheckNoticeIT {

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
                sts_endpoint = "%s"
                [profiles.ops]
                role_arn = "%s"
                sts_endpoint = "%s"
                """.formatted(StsDouble.ROLE_ARN, sts.endpoint(), StsDouble.ROLE_ARN, sts.endpoint()));
        airlock = new AirlockProcess(home).env("AWS_ACCESS_KEY_ID", StsDouble.BASE_KEY)
                .env("AWS_SECRET_ACCESS_KEY", StsDouble.BASE_SECRET)
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString());
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private String run(String profile) throws Exception {
        AirlockProcess.Result r = airlock.run("run", "--profile", profile, "--allow", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/*", "--", "true");
        assertThat(r.exit()).as(r.err()).isZero();
        return r.err();
    }

    @Test
    void theSkippedRoleCheckIsSaidOncePerProfile() throws Exception {
        assertThat(run("dev")).contains("airlock: skipping the role check: cannot read role AgentRole from IAM")
                .contains("said once for profile 'dev'");
        assertThat(run("dev")).doesNotContain("skipping the role check");
        assertThat(run("ops")).contains("skipping the role check").contains("profile 'ops'");
        assertThat(run("dev")).doesNotContain("skipping the role check");
        assertThat(sts.calls("AssumeRole")).hasSize(4);
    }
}
