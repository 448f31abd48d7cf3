package dev.airlock.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.catalog.ActionCatalog;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleCoverageTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/AgentRole";
    private final ActionCatalog catalog = ActionCatalog.builtIn();

    private List<RoleCoverage.Gap> gaps(String rolePolicy, List<String> actions, List<String> resources) throws Exception {
        SessionPolicy session = new SessionPolicyBuilder(catalog).build(actions, resources);
        RoleDetails role = new RoleDetails(ROLE, Optional.empty(),
                List.of(new PolicyDocument("role", PolicyKind.IDENTITY, rolePolicy)), Optional.empty(), "test");
        return RoleCoverage.gaps(catalog, role, session, Policy.parse("session", PolicyKind.SESSION, session.json()));
    }

    @Test
    void aWildcardsActionsAreCheckedOnlyOnTheResourcesOfTheirOwnType() throws Exception {
        String byType = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject*\",\"Resource\":\"arn:aws:s3:::acme/*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetBucket*\",\"Resource\":\"arn:aws:s3:::acme\"}]}";
        List<RoleCoverage.Gap> gaps = gaps(byType, List.of("s3:Get*"), List.of("arn:aws:s3:::acme", "arn:aws:s3:::acme/*"));
        assertThat(gaps).isNotEmpty().noneMatch(g -> g.action().startsWith("s3:GetObject"))
                .noneMatch(g -> g.action().startsWith("s3:GetBucket"));
    }

    @Test
    void aConditionedStatementIsCheckedWithAContextThatMeetsItsCondition() throws Exception {
        String passToLambda = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":\"lambda.amazonaws.com\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"lambda:*\",\"Resource\":\"*\"}]}";
        assertThat(gaps(passToLambda, List.of("iam:PassRole", "lambda:CreateFunction"), List.of())).isEmpty();
        assertThat(gaps(passToLambda, List.of("iam:PassRole", "ec2:RunInstances"), List.of()))
                .anyMatch(g -> g.action().equals("iam:PassRole"));
    }
}
