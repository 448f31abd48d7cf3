package dev.airlock.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicyWarning;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionsLintTest {

    private final PermissionsLint lint = new PermissionsLint(ActionCatalog.builtIn());

    private List<PolicyWarning> lint(PolicyKind kind, String json) throws Exception {
        return lint.warnings(Policy.parse("p", kind, json), json);
    }

    private static String allow(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[\n {\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"},\n"
                + " {\"Effect\":\"Allow\",\"Action\":" + action + ",\"Resource\":" + resource + "}]}";
    }

    @Test
    void permissionsManagementActionsOnStarAreNamedWithTheirStatement() throws Exception {
        List<PolicyWarning> found = lint(PolicyKind.SESSION, allow("\"iam:*\"", "\"*\""));
        assertThat(found).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(PermissionsLint.CODE);
            assertThat(w.path()).isEqualTo("$.Statement[1].Action");
            assertThat(w.line()).isEqualTo(3);
            assertThat(w.message()).contains("Permissions-management actions on \"*\"").contains("iam:AttachRolePolicy")
                    .contains("more");
        });
    }

    @Test
    void aNamedActionAndAWildcardOfOtherLevelsAreJudgedByTheCatalog() throws Exception {
        assertThat(lint(PolicyKind.IDENTITY, allow("[\"s3:Get*\",\"s3:PutBucketPolicy\"]", "\"*\"")))
                .singleElement().satisfies(w -> assertThat(w.message()).contains("1 Permissions-management action ")
                        .contains("(s3:PutBucketPolicy)"));
        assertThat(lint(PolicyKind.IDENTITY, allow("\"s3:Get*\"", "\"*\""))).isEmpty();
    }

    @Test
    void scopedResourcesDenyAndPoliciesThatOnlyCapAreLeftAlone() throws Exception {
        assertThat(lint(PolicyKind.SESSION, allow("\"iam:*\"", "\"arn:aws:iam::111122223333:role/app\""))).isEmpty();
        String deny = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"*\"}}";
        assertThat(lint(PolicyKind.SESSION, deny)).isEmpty();
        assertThat(lint(PolicyKind.SCP, allow("\"iam:*\"", "\"*\""))).isEmpty();
        assertThat(lint(PolicyKind.PERMISSIONS_BOUNDARY, allow("\"iam:*\"", "\"*\""))).isEmpty();
    }

    @Test
    void aSingleStatementObjectHasNoIndexInItsPath() throws Exception {
        String one = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:PutRolePolicy\",\"Resource\":\"*\"}}";
        assertThat(lint(PolicyKind.ANY, one)).singleElement().extracting(PolicyWarning::path)
                .isEqualTo("$.Statement.Action");
    }
}
