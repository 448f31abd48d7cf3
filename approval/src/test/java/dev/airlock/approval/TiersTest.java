package dev.airlock.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.catalog.AccessLevel;
import dev.airlock.catalog.ActionCatalog;
import dev.airlock.catalog.ActionInfo;
import dev.airlock.catalog.ServiceInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TiersTest {
    static final ActionCatalog CATALOG = ActionCatalog.builtIn();
    final Tiers tiers = new Tiers(CATALOG, Map.of());

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "s3:GetObject, T0", "s3:ListBucket, T0", "ec2:DescribeInstances, T0", "iam:GetRole, T0",
        "s3:PutObjectTagging, T1", "ec2:RunInstances, T1", "sqs:SendMessage, T1", "S3:CreateBucket, T1",
        "s3:DeleteObject, T2", "ec2:TerminateInstances, T2", "sqs:PurgeQueue, T2", "s3:PutObject, T2",
        "ec2:DetachVolume, T2", "kms:DisableKey, T2", "dynamodb:PutItem, T2",
        "iam:CreateUser, T3", "iam:AttachRolePolicy, T3", "kms:PutKeyPolicy, T3", "s3:PutBucketPolicy, T3",
        "organizations:LeaveOrganization, T3", "sts:AssumeRole, T3", "s3:Frobnicate, T3",
        "s3:Get*, T0", "s3:*, T3", "ec2:Terminate*, T2"})
    void eachActionGetsItsTier(String action, String tier) {
        assertThat(tiers.of(action).tier()).as(tiers.of(action).rule()).isEqualTo(RiskTier.parse(tier));
    }

    @Test
    void theProfileOverridesAndTheHighestRequestedDecides() {
        Tiers relaxed = new Tiers(CATALOG, Map.of("S3:DeleteObject", RiskTier.T1));
        assertThat(relaxed.of("s3:deleteobject").tier()).isEqualTo(RiskTier.T1);
        assertThat(relaxed.of("s3:deleteobject").rule()).contains("override");
        assertThat(tiers.highest(List.of("s3:GetObject", "s3:DeleteObject", "s3:PutObjectTagging"))).isEqualTo(RiskTier.T2);
        assertThat(relaxed.highest(List.of("s3:GetObject", "s3:DeleteObject"))).isEqualTo(RiskTier.T1);
        assertThat(relaxed.of("s3:DeleteObjectVersion").tier()).as("the other deletes keep theirs").isEqualTo(RiskTier.T2);
        assertThat(tiers.of("s3:Delete*").tier()).as("it covers s3:DeleteBucketPolicy").isEqualTo(RiskTier.T3);
    }

    /** Over the whole catalog: every Permissions-management action is T3 and no List or Read-only action is above T0. */
    @Test
    void theRulesHoldOverEveryActionInTheCatalog() {
        int n = 0;
        for (ServiceInfo s : CATALOG.services()) {
            for (ActionInfo a : s.actions()) {
                n++;
                RiskTier t = tiers.of(a.fullName()).tier();
                if (a.hasAccessLevel(AccessLevel.PERMISSIONS_MANAGEMENT)) {
                    assertThat(t).as(a.fullName()).isEqualTo(RiskTier.T3);
                }
                if (!a.hasAccessLevel(AccessLevel.WRITE) && !a.hasAccessLevel(AccessLevel.TAGGING)
                        && !a.hasAccessLevel(AccessLevel.PERMISSIONS_MANAGEMENT)) {
                    assertThat(t).as(a.fullName()).isEqualTo(RiskTier.T0);
                }
            }
        }
        assertThat(n).isGreaterThan(10_000);
    }
}
