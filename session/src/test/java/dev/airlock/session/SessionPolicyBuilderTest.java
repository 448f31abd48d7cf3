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
    void aWildcardIsKeptWholeWhenAllItsActionsLandTogether() throws Exception {
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
        assertThatThrownBy(() -> builder.build(List.of("s3:GetObject"), List.of("s3://bucket/key")))
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
}
