package dev.airlock.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.catalog.ActionCatalog;
import dev.airlock.policy.Evaluator;
import dev.airlock.policy.Outcome;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicySet;
import dev.airlock.policy.Request;
import dev.airlock.policy.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionPolicyBuilderTest {

    private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/AgentRole/airlock-1";
    private final SessionPolicyBuilder builder = new SessionPolicyBuilder(ActionCatalog.builtIn());

    /** The built policy as the session layer over an admin role, decided by the engine. */
    private static Outcome decide(SessionPolicy policy, String action, String resource, Map<String, String> context)
            throws Exception {
        PolicySet set = PolicySet.builder()
                .identity(Policy.parse("role", PolicyKind.IDENTITY,
                        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"))
                .session(Policy.parse("session", PolicyKind.SESSION, policy.json()))
                .build();
        return Evaluator.evaluate(set, Request.of(action, resource, SESSION)
                .withContext(RequestContext.ofSingle(context))).outcome();
    }

    @Test
    void anObjectPrefixGrantsObjectReadsThereAndListingOfThatPrefixOnly() throws Exception {
        SessionPolicy p = builder.build(List.of("s3:GetObject", "s3:ListBucket"),
                List.of("arn:aws:s3:::acme-reports/reports/*"));
        assertThat(decide(p, "s3:GetObject", "arn:aws:s3:::acme-reports/reports/q1.csv", Map.of()))
                .isEqualTo(Outcome.ALLOWED);
        assertThat(decide(p, "s3:GetObject", "arn:aws:s3:::acme-reports/secret/q1.csv", Map.of()))
                .isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(decide(p, "s3:ListBucket", "arn:aws:s3:::acme-reports", Map.of("s3:prefix", "reports/")))
                .isEqualTo(Outcome.ALLOWED);
        assertThat(decide(p, "s3:ListBucket", "arn:aws:s3:::acme-reports", Map.of("s3:prefix", "secret/")))
                .isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(decide(p, "s3:PutObject", "arn:aws:s3:::acme-reports/reports/q1.csv", Map.of()))
                .isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(p.notes()).anyMatch(n -> n.contains("s3:prefix"));
    }

    @Test
    void actionsWithTheSameResourcesShareOneStatementAndResourceLessActionsGetStar() {
        SessionPolicy p = builder.build(List.of("s3:GetObject", "s3:PutObject", "sts:GetCallerIdentity"),
                List.of("arn:aws:s3:::b/tmp/*"));
        assertThat(p.json()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::b/tmp/*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}");
    }

    @Test
    void aWildcardIsWrittenAsGivenOnTheResourcesItsActionsFit() throws Exception {
        SessionPolicy p = builder.build(List.of("dynamodb:Get*"),
                List.of("arn:aws:dynamodb:us-east-1:111122223333:table/Orders"));
        assertThat(p.grants()).hasSize(1);
        assertThat(p.grants().get(0).actions()).containsExactly("dynamodb:Get*");
        assertThat(p.actions()).extracting(a -> a.fullName()).contains("dynamodb:GetItem");
        assertThat(decide(p, "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders", Map.of()))
                .isEqualTo(Outcome.ALLOWED);
        assertThat(decide(p, "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/Users", Map.of()))
                .isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void eachResourceGoesOnlyWithTheActionsItFits() {
        SessionPolicy p = builder.build(List.of("s3:GetObject", "sqs:SendMessage"),
                List.of("arn:aws:s3:::b/*", "arn:aws:sqs:us-east-1:111122223333:jobs"));
        assertThat(p.grants()).extracting(Grant::actions, Grant::resources).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(List.of("s3:GetObject"), List.of("arn:aws:s3:::b/*")),
                org.assertj.core.groups.Tuple.tuple(List.of("sqs:SendMessage"),
                        List.of("arn:aws:sqs:us-east-1:111122223333:jobs")));
    }

    @Test
    void unknownActionsGetADidYouMean() {
        assertThatThrownBy(() -> builder.build(List.of("s3:GetObjekt"), List.of()))
                .isInstanceOf(ScopeException.class).hasMessageContaining("did you mean s3:GetObject");
        assertThatThrownBy(() -> builder.build(List.of("*:Get*"), List.of()))
                .isInstanceOf(ScopeException.class).hasMessageContaining("does not name a service");
    }

    @Test
    void malformedArnsAreRefusedWithTheShape() {
        assertThatThrownBy(() -> builder.build(List.of("s3:GetObject"), List.of("bucket/key")))
                .isInstanceOf(ScopeException.class).hasMessageContaining("is not an ARN")
                .extracting(e -> ((ScopeException) e).hint()).asString().contains("arn:PARTITION");
        assertThatThrownBy(() -> builder.build(List.of("sqs:SendMessage"), List.of("arn:aws:sqs:us-east-1:1234:q")))
                .isInstanceOf(ScopeException.class).hasMessageContaining("is not 12 digits");
    }

    @Test
    void anActionNoResourceFitsIsRefusedNamingWhatWouldFit() {
        assertThatThrownBy(() -> builder.build(List.of("sqs:SendMessage"), List.of("arn:aws:s3:::b/*")))
                .isInstanceOf(ScopeException.class).hasMessageContaining("queue");
    }

    @Test
    void aPolicyOverTheStsLimitIsRefusedWithHowToShrinkIt() {
        List<String> resources = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            resources.add("arn:aws:s3:::acme-reports/reports/2024/department-" + i + "/*");
        }
        assertThatThrownBy(() -> builder.build(List.of("s3:GetObject"), resources))
                .isInstanceOf(ScopeException.class).hasMessageContaining("STS accepts at most 2048")
                .extracting(e -> ((ScopeException) e).hint()).asString().contains("wildcard");
    }

    @Test
    void anS3UriIsRefusedWithTheArnItStandsFor() {
        assertThatThrownBy(() -> builder.build(List.of("s3:GetObject"), List.of("s3://bucket/prefix/")))
                .isInstanceOf(ScopeException.class).hasMessageContaining("'s3://bucket/prefix/' is an S3 URI, not an ARN")
                .extracting(e -> ((ScopeException) e).hint()).asString()
                .contains("--resource 'arn:aws:s3:::bucket/prefix/*'");
        assertThatThrownBy(() -> builder.build(List.of("s3:GetObject"), List.of("s3://bucket")))
                .extracting(e -> ((ScopeException) e).hint()).asString()
                .contains("'arn:aws:s3:::bucket/*'").contains("'arn:aws:s3:::bucket'");
        assertThatThrownBy(() -> builder.build(List.of("s3:GetObject"), List.of("S3://bucket/q1.csv")))
                .extracting(e -> ((ScopeException) e).hint()).asString()
                .contains("'arn:aws:s3:::bucket/q1.csv' for that object");
    }

    @Test
    void aWholeBucketGrantListsTheBucketWithoutAPrefix() throws Exception {
        SessionPolicy p = builder.build(List.of("s3:GetObject", "s3:ListBucket"), List.of("arn:aws:s3:::acme/*"));
        assertThat(decide(p, "s3:ListBucket", "arn:aws:s3:::acme", Map.of())).isEqualTo(Outcome.ALLOWED);
        assertThat(decide(p, "s3:ListBucket", "arn:aws:s3:::other", Map.of())).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(p.json()).doesNotContain("Condition");
        assertThat(p.notes()).noneMatch(n -> n.contains("s3:prefix"));
    }

    @Test
    void aPrefixGrantDoesNotListTheWholeBucket() throws Exception {
        SessionPolicy p = builder.build(List.of("s3:ListBucket"), List.of("arn:aws:s3:::acme/reports/*"));
        assertThat(decide(p, "s3:ListBucket", "arn:aws:s3:::acme", Map.of())).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void eachBucketIsListedOnlyUnderItsOwnPrefixes() throws Exception {
        SessionPolicy p = builder.build(List.of("s3:ListBucket"),
                List.of("arn:aws:s3:::a/reports/*", "arn:aws:s3:::b/logs/*", "arn:aws:s3:::c/*"));
        assertThat(decide(p, "s3:ListBucket", "arn:aws:s3:::a", Map.of("s3:prefix", "reports/q1"))).isEqualTo(Outcome.ALLOWED);
        assertThat(decide(p, "s3:ListBucket", "arn:aws:s3:::a", Map.of("s3:prefix", "logs/"))).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(decide(p, "s3:ListBucket", "arn:aws:s3:::b", Map.of("s3:prefix", "logs/"))).isEqualTo(Outcome.ALLOWED);
        assertThat(decide(p, "s3:ListBucket", "arn:aws:s3:::c", Map.of())).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void aBucketGivenDirectlyAndAnotherByPrefixAreBothListed() throws Exception {
        SessionPolicy p = builder.build(List.of("s3:ListBucket"), List.of("arn:aws:s3:::a", "arn:aws:s3:::b/reports/*"));
        assertThat(decide(p, "s3:ListBucket", "arn:aws:s3:::a", Map.of())).isEqualTo(Outcome.ALLOWED);
        assertThat(decide(p, "s3:ListBucket", "arn:aws:s3:::b", Map.of("s3:prefix", "reports/"))).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void everyWildcardIsWrittenAsGivenAndItsPermissionsManagementActionsAreNamed() throws Exception {
        SessionPolicy get = builder.build(List.of("s3:Get*"), List.of("arn:aws:s3:::acme/*"));
        SessionPolicy all = builder.build(List.of("s3:*"), List.of("arn:aws:s3:::acme/*"));
        assertThat(get.grants().get(0).actions()).containsExactly("s3:Get*");
        assertThat(all.grants().get(0).actions()).containsExactly("s3:*");
        assertThat(get.warnings()).isEmpty();
        assertThat(all.warnings()).singleElement().asString().contains("--allow s3:* pulls in")
                .contains("s3:BypassGovernanceRetention").contains("s3:PutObjectAcl").contains("arn:aws:s3:::acme/*");
        assertThat(decide(all, "s3:BypassGovernanceRetention", "arn:aws:s3:::acme/k", Map.of())).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void aWildcardOverSeveralResourceTypesStillGrantsEachActionOnlyOnItsType() throws Exception {
        SessionPolicy p = builder.build(List.of("s3:Get*"), List.of("arn:aws:s3:::acme", "arn:aws:s3:::acme/*"));
        assertThat(p.grants()).singleElement().satisfies(g -> assertThat(g.resources())
                .containsExactly("arn:aws:s3:::acme", "arn:aws:s3:::acme/*"));
        assertThat(decide(p, "s3:GetBucketPolicy", "arn:aws:s3:::acme", Map.of())).isEqualTo(Outcome.ALLOWED);
        assertThat(decide(p, "s3:GetObject", "arn:aws:s3:::acme/k", Map.of())).isEqualTo(Outcome.ALLOWED);
        assertThat(decide(p, "s3:GetBucketPolicy", "arn:aws:s3:::other", Map.of())).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void permissionsManagementOnEveryResourceIsWarnedAsLintWarnsOfIt() throws Exception {
        SessionPolicy p = builder.build(List.of("iam:*"), List.of());
        assertThat(p.warnings()).first().asString().contains("Permissions-management actions on \"*\"")
                .contains("iam:AttachRolePolicy");
        List<String> lint = new dev.airlock.catalog.PermissionsLint(ActionCatalog.builtIn())
                .warnings(Policy.parse("session", PolicyKind.SESSION, p.json()), p.json()).stream()
                .map(dev.airlock.policy.PolicyWarning::message).toList();
        assertThat(p.warnings()).containsAll(lint);
        assertThat(builder.build(List.of("iam:PutRolePolicy"), List.of()).warnings()).singleElement().asString()
                .contains("iam:PutRolePolicy");
        assertThat(builder.build(List.of("iam:PutRolePolicy"), List.of("arn:aws:iam::111122223333:role/app")).warnings())
                .as("named, on a named role: what was asked").isEmpty();
    }

    @Test
    void passRoleIsLimitedToTheServicesTheOtherActionsConfigure() throws Exception {
        String role = "arn:aws:iam::111122223333:role/fn";
        SessionPolicy p = builder.build(List.of("iam:PassRole", "lambda:CreateFunction"),
                List.of(role, "arn:aws:lambda:us-east-1:111122223333:function:f"));
        assertThat(decide(p, "iam:PassRole", role, Map.of("iam:PassedToService", "lambda.amazonaws.com")))
                .isEqualTo(Outcome.ALLOWED);
        assertThat(decide(p, "iam:PassRole", role, Map.of("iam:PassedToService", "ec2.amazonaws.com")))
                .isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(p.warnings()).isEmpty();
        assertThat(p.notes()).anyMatch(n -> n.contains("iam:PassedToService [lambda.amazonaws.com]"));
        SessionPolicy two = builder.build(List.of("iam:PassRole", "ecs:RunTask", "ec2:RunInstances"), List.of());
        assertThat(two.grants()).filteredOn(g -> g.actions().contains("iam:PassRole")).singleElement()
                .satisfies(g -> assertThat(g.condition().orElseThrow().values())
                        .containsExactly("ec2.amazonaws.com", "ecs-tasks.amazonaws.com"));
    }

    @Test
    void passRoleWithNoServiceToTellIsWarnedAbout() throws Exception {
        SessionPolicy alone = builder.build(List.of("iam:PassRole"), List.of("arn:aws:iam::111122223333:role/fn"));
        assertThat(alone.json()).doesNotContain("Condition");
        assertThat(alone.warnings()).singleElement().asString().contains("not limited by iam:PassedToService")
                .contains("lambda:CreateFunction");
        assertThat(builder.build(List.of("iam:Pass*", "lambda:CreateFunction"), List.of()).warnings())
                .anyMatch(w -> w.contains("--allow iam:Pass* includes iam:PassRole"));
    }

    @Test
    void starNextToArnsGoesOnlyWithTheActionsWhoseOnlyResourceIsStar() throws Exception {
        String repo = "arn:aws:ecr:us-east-1:111122223333:repository/app";
        String other = "arn:aws:ecr:us-east-1:111122223333:repository/other";
        SessionPolicy named = builder.build(List.of("ecr:GetAuthorizationToken", "ecr:BatchGetImage"), List.of(repo, "*"));
        assertThat(decide(named, "ecr:GetAuthorizationToken", "*", Map.of())).isEqualTo(Outcome.ALLOWED);
        assertThat(decide(named, "ecr:BatchGetImage", repo, Map.of())).isEqualTo(Outcome.ALLOWED);
        assertThat(decide(named, "ecr:BatchGetImage", other, Map.of())).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(named.notes()).noneMatch(n -> n.contains("fits none"));

        SessionPolicy scoped = builder.build(List.of("ecr:*"), List.of(repo));
        assertThat(decide(scoped, "ecr:GetAuthorizationToken", "*", Map.of())).isEqualTo(Outcome.IMPLICITLY_DENIED);
        SessionPolicy withStar = builder.build(List.of("ecr:*"), List.of(repo, "*"));
        assertThat(decide(withStar, "ecr:GetAuthorizationToken", "*", Map.of())).isEqualTo(Outcome.ALLOWED);
        assertThat(decide(withStar, "ecr:BatchGetImage", other, Map.of())).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void aWildcardOfOnlyStarActionsWithOnlyArnsSaysToAddStar() {
        assertThatThrownBy(() -> builder.build(List.of("sts:GetCaller*"), List.of("arn:aws:s3:::b/*")))
                .isInstanceOf(ScopeException.class).hasMessageContaining("acts on \"*\" only")
                .extracting(e -> ((ScopeException) e).hint()).asString().contains("--resource '*'");
    }

    @Test
    void starAloneIsEveryResourceAndSaysSo() throws Exception {
        SessionPolicy p = builder.build(List.of("s3:GetObject"), List.of("*"));
        assertThat(decide(p, "s3:GetObject", "arn:aws:s3:::any/k", Map.of())).isEqualTo(Outcome.ALLOWED);
        assertThat(p.notes()).anyMatch(n -> n.contains("every resource"));
    }
}
