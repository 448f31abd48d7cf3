package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.testing.SsoPortalDouble;
import dev.airlock.testing.StsDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base credentials from IAM Identity Center: a {@code source_profile} that is an SSO profile (the
 * sso-session form {@code aws configure sso} writes, and the legacy form) resolves through the
 * cached token {@code aws sso login} leaves, the portal's GetRoleCredentials ({@link
 * SsoPortalDouble}) and then AssumeRole ({@link StsDouble}); the child is Debian's AWS CLI.
 */
class SsoSourceIT {

    @TempDir
    Path home;
    StsDouble sts;
    SsoPortalDouble sso;
    AirlockProcess airlock;

    @BeforeEach
    void start() throws Exception {
        sts = new StsDouble().denyIamReads();
        sso = new SsoPortalDouble();
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [sso-session corp]
                sso_start_url = %1$s
                sso_region = us-east-1
                sso_registration_scopes = sso:account:access
                [profile sso-base]
                sso_session = corp
                sso_account_id = %2$s
                sso_role_name = %3$s
                region = us-east-1
                [profile legacy-sso]
                sso_start_url = %1$s
                sso_region = us-east-1
                sso_account_id = %2$s
                sso_role_name = %3$s
                [profile agent]
                role_arn = %4$s
                source_profile = sso-base
                region = eu-west-1
                """.formatted(SsoPortalDouble.START_URL, SsoPortalDouble.ACCOUNT, SsoPortalDouble.ROLE_NAME,
                StsDouble.ROLE_ARN));
        Files.writeString(home.resolve("config.toml"), """
                [profiles.dev]
                role_arn = "%s"
                source_profile = "sso-base"
                [profiles.legacy]
                role_arn = "%s"
                source_profile = "legacy-sso"
                """.formatted(StsDouble.ROLE_ARN, StsDouble.ROLE_ARN));
        airlock = new AirlockProcess(home).env("AWS_ENDPOINT_URL_STS", sts.endpoint().toString())
                .env("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString())
                .env("AWS_ENDPOINT_URL_SSO", sso.endpoint().toString());
    }

    @AfterEach
    void stop() {
        sts.close();
        sso.close();
    }

    private AirlockProcess.Result callerIdentity(String... scope) throws Exception {
        String[] args = new String[scope.length + 13];
        System.arraycopy(new String[] {"run", "--allow", "sts:GetCallerIdentity"}, 0, args, 0, 3);
        System.arraycopy(scope, 0, args, 3, scope.length);
        System.arraycopy(new String[] {"--", "/usr/bin/aws", "sts", "get-caller-identity", "--endpoint-url",
                sts.endpoint().toString(), "--output", "text", "--query", "Arn"}, 0, args, 3 + scope.length, 10);
        return airlock.run(args);
    }

    @Test
    void anSsoSessionSourceProfileGivesTheBaseCredentials() throws Exception {
        sso.cacheToken(home, "corp", Duration.ofHours(8));
        AirlockProcess.Result r = callerIdentity("--profile", "dev");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().trim()).startsWith("arn:aws:sts::111122223333:assumed-role/AgentRole/");

        assertThat(sso.calls()).hasSize(1);
        SsoPortalDouble.Call call = sso.calls().get(0);
        assertThat(call.accountId()).isEqualTo(SsoPortalDouble.ACCOUNT);
        assertThat(call.roleName()).isEqualTo(SsoPortalDouble.ROLE_NAME);
        assertThat(call.bearerToken()).isPresent();
        StsDouble.Call assume = sts.calls("AssumeRole").get(0);
        assertThat(assume.signedBy()).isEqualTo(StsDouble.BASE_KEY);
        assertThat(assume.securityToken()).hasValueSatisfying(t -> assertThat(t).startsWith("sso-session-token-"));
        assertThat(sts.calls("GetCallerIdentity").get(0).signedBy()).as("the child has the scoped session").startsWith("ASIA");
    }

    @Test
    void anAwsProfileChainedFromSsoAndTheLegacyFormWorkToo() throws Exception {
        sso.cacheToken(home, "corp", Duration.ofHours(8));
        sso.cacheToken(home, SsoPortalDouble.START_URL, Duration.ofHours(8));
        AirlockProcess.Result r = callerIdentity("--aws-profile", "agent");
        assertThat(r.exit()).as(r.err()).isZero();
        r = callerIdentity("--profile", "legacy");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(sso.calls()).hasSize(2);
        assertThat(sts.calls("AssumeRole")).hasSize(2).allSatisfy(c -> assertThat(c.signedBy()).isEqualTo(StsDouble.BASE_KEY));
    }

    @Test
    void withoutACachedTokenTheErrorSaysToLogIn() throws Exception {
        AirlockProcess.Result r = callerIdentity("--profile", "dev");
        assertThat(r.exit()).as(r.err()).isEqualTo(9);
        assertThat(r.err()).contains("aws sso login --profile sso-base").doesNotContain("internal error");
        assertThat(r.err().lines().count()).as(r.err()).isLessThanOrEqualTo(3);
        assertThat(sts.calls("AssumeRole")).isEmpty();
    }

    @Test
    void aTokenThePortalRefusesSaysToLogInAgain() throws Exception {
        sso.cacheRevokedToken(home, "corp");
        AirlockProcess.Result r = callerIdentity("--profile", "dev");
        assertThat(r.exit()).as(r.err()).isEqualTo(9);
        assertThat(r.err()).contains("Session token not found or invalid").contains("aws sso login --profile sso-base")
                .doesNotContain("aoa-revoked");
        assertThat(sts.calls("AssumeRole")).isEmpty();
    }
}
