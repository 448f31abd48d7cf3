package dev.airlock.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.session.AssumeRoleSpec;
import dev.airlock.session.AssumedRole;
import dev.airlock.session.RoleDetails;
import dev.airlock.session.RoleInspectionException;
import dev.airlock.session.StsException;
import dev.airlock.testing.StsDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/** The SDK adapter against {@link StsDouble}, which stands in for AWS STS and IAM. */
class SdkRoleAssumerTest {

    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}";

    @TempDir
    Path home;
    StsDouble sts;
    AwsClients clients;

    @BeforeEach
    void start() throws Exception {
        sts = new StsDouble();
        Path credentials = home.resolve("credentials");
        Files.writeString(credentials, "[broker]\naws_access_key_id = " + StsDouble.BASE_KEY
                + "\naws_secret_access_key = " + StsDouble.BASE_SECRET + "\n");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        System.setProperty("aws.configFile", home.resolve("config").toString());
        clients = new AwsClients(Optional.of("broker"), Region.US_EAST_1, Optional.of(sts.endpoint()));
    }

    @AfterEach
    void stop() {
        sts.close();
        System.clearProperty("aws.sharedCredentialsFile");
        System.clearProperty("aws.configFile");
    }

    private static AssumeRoleSpec spec(Duration d, Optional<AssumeRoleSpec.Mfa> mfa) {
        return new AssumeRoleSpec(StsDouble.ROLE_ARN, "airlock-20260101T000000-abcd1234", POLICY, d,
                Optional.of("airlock.alice"), Map.of("airlock-session", "20260101T000000-abcd1234"), mfa, Optional.empty());
    }

    @Test
    void sendsEveryParameterAndReturnsTheSession() {
        try (SdkRoleAssumer assumer = new SdkRoleAssumer(clients)) {
            AssumedRole role = assumer.assume(spec(Duration.ofMinutes(15),
                    Optional.of(new AssumeRoleSpec.Mfa("arn:aws:iam::111122223333:mfa/alice", "123456"))));
            assertThat(role.assumedRoleArn()).isEqualTo(
                    "arn:aws:sts::111122223333:assumed-role/AgentRole/airlock-20260101T000000-abcd1234");
            assertThat(role.credentials().accessKeyId()).startsWith("ASIA");
            assertThat(role.credentials().toString()).doesNotContain(role.credentials().secretAccessKey());
            StsDouble.Call call = sts.calls("AssumeRole").get(0);
            assertThat(call.signedBy()).isEqualTo(StsDouble.BASE_KEY);
            assertThat(call.params()).containsEntry("Policy", POLICY).containsEntry("DurationSeconds", "900")
                    .containsEntry("RoleArn", StsDouble.ROLE_ARN).containsEntry("SourceIdentity", "airlock.alice")
                    .containsEntry("SerialNumber", "arn:aws:iam::111122223333:mfa/alice")
                    .containsEntry("TokenCode", "123456").containsEntry("Tags.member.1.Key", "airlock-session")
                    .containsEntry("Version", "2011-06-15");
        }
    }

    @Test
    void stsErrorsBecomeTypedFailures() {
        try (SdkRoleAssumer assumer = new SdkRoleAssumer(clients)) {
            sts.maxSessionDuration(Duration.ofHours(1));
            assertThatThrownBy(() -> assumer.assume(spec(Duration.ofHours(2), Optional.empty())))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.kind()).isEqualTo(StsException.Kind.DURATION_TOO_LONG));
            sts.requireMfa("654321");
            assertThatThrownBy(() -> assumer.assume(spec(Duration.ofMinutes(15),
                    Optional.of(new AssumeRoleSpec.Mfa("arn:aws:iam::111122223333:mfa/alice", "123456")))))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.kind()).isEqualTo(StsException.Kind.MFA_FAILED));
            sts.denyAssumeRole();
            assertThatThrownBy(() -> assumer.assume(spec(Duration.ofMinutes(15), Optional.empty())))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.kind()).isEqualTo(StsException.Kind.ACCESS_DENIED);
                        assertThat(e.getMessage()).contains("not authorized to perform: sts:AssumeRole");
                    });
        }
    }

    @Test
    void wrongBaseSecretIsRefusedBySignatureCheck() throws Exception {
        Files.writeString(home.resolve("credentials"), "[broker]\naws_access_key_id = " + StsDouble.BASE_KEY
                + "\naws_secret_access_key = wrongwrongwrongwrongwrongwrongwrongwrong\n");
        try (SdkRoleAssumer assumer = new SdkRoleAssumer(clients)) {
            assertThatThrownBy(() -> assumer.assume(spec(Duration.ofMinutes(15), Optional.empty())))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.kind()).isEqualTo(StsException.Kind.NO_BASE_CREDENTIALS);
                        assertThat(e.awsCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
    }

    @Test
    void readsTheRolesPoliciesAndMaximumFromIam() {
        sts.maxSessionDuration(Duration.ofHours(2)).rolePolicy("reports", POLICY);
        try (IamRoleInspector iam = new IamRoleInspector(clients)) {
            RoleDetails role = iam.inspect(StsDouble.ROLE_ARN);
            assertThat(role.maxSessionDuration()).contains(Duration.ofHours(2));
            assertThat(role.policies()).extracting(p -> p.name()).containsExactly("reports");
            sts.denyIamReads();
            assertThatThrownBy(() -> iam.inspect(StsDouble.ROLE_ARN)).isInstanceOf(RoleInspectionException.class)
                    .hasMessageContaining("not authorized");
        }
    }
}
