package dev.airlock.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpandTest {

    private final ActionCatalog catalog = ActionCatalog.builtIn();

    private List<String> names(List<ActionInfo> actions) {
        return actions.stream().map(ActionInfo::fullName).toList();
    }

    @Test
    void s3GetStarIsExactlyTheS3ActionsStartingWithGet() {
        List<String> expanded = names(catalog.expand("s3:Get*"));

        assertThat(expanded)
                .contains("s3:GetObject", "s3:GetBucketPolicy", "s3:GetObjectAcl", "s3:GetBucketTagging")
                .doesNotContain("s3:PutObject", "s3:ListBucket")
                .allSatisfy(n -> assertThat(n).startsWith("s3:Get"))
                .doesNotHaveDuplicates();
        List<String> byHand = catalog.service("s3").orElseThrow().actions().stream()
                .filter(a -> a.name().startsWith("Get"))
                .map(ActionInfo::fullName)
                .toList();
        assertThat(expanded).containsExactlyElementsOf(byHand);
    }

    @Test
    void resultIsSortedByServiceThenCaseInsensitiveName() {
        List<ActionInfo> all = catalog.expand("*");
        assertThat(all).hasSize(catalog.actionCount());
        for (int i = 1; i < all.size(); i++) {
            ActionInfo a = all.get(i - 1);
            ActionInfo b = all.get(i);
            int byService = a.service().compareTo(b.service());
            assertThat(byService <= 0 && (byService < 0 || a.name().compareToIgnoreCase(b.name()) < 0))
                    .as("%s before %s", a, b)
                    .isTrue();
        }
    }

    @Test
    void matchingIgnoresCase() {
        assertThat(names(catalog.expand("S3:GETOBJECT"))).containsExactly("s3:GetObject");
        assertThat(catalog.expand("s3:get*")).isEqualTo(catalog.expand("s3:Get*"));
    }

    @Test
    void serviceWildcardCoversEveryAction() {
        int s3Actions = catalog.service("s3").orElseThrow().actions().size();
        assertThat(catalog.expand("s3:*")).hasSize(s3Actions);
        assertThat(catalog.expand("s3:*")).allSatisfy(a -> assertThat(a.service()).isEqualTo("s3"));
    }

    @Test
    void questionMarkMatchesOneCharacter() {
        assertThat(names(catalog.expand("ec2:Describe?nstances"))).containsExactly("ec2:DescribeInstances");
        assertThat(catalog.expand("ec2:Describe?Instances")).isEmpty();
    }

    @Test
    void wildcardInTheServicePartSpansServices() {
        assertThat(names(catalog.expand("s3*:GetObject")))
                .contains("s3:GetObject", "s3-object-lambda:GetObject")
                .allSatisfy(n -> assertThat(n).endsWith(":GetObject"));
        assertThat(names(catalog.expand("*:PassRole"))).contains("iam:PassRole");
    }

    @Test
    void filterByAccessLevel() {
        List<ActionInfo> writes = catalog.expand("s3:*", Set.of(AccessLevel.WRITE));
        assertThat(names(writes)).contains("s3:PutObject", "s3:PutObjectTagging", "s3:DeleteObject")
                .doesNotContain("s3:GetObject", "s3:ListBucket");
        assertThat(writes).allSatisfy(a -> assertThat(a.accessLevels()).contains(AccessLevel.WRITE));

        List<ActionInfo> tagging = catalog.expand("iam:*", EnumSet.of(AccessLevel.TAGGING));
        assertThat(names(tagging)).contains("iam:TagRole", "iam:UntagRole").doesNotContain("iam:PassRole");

        assertThat(catalog.expand("s3:*", Set.of())).isEmpty();
    }

    @Test
    void noMatchIsEmpty() {
        assertThat(catalog.expand("s3:Frobnicate*")).isEmpty();
        assertThat(catalog.expand("nosuchservice:*")).isEmpty();
        assertThat(catalog.expand("GetObject")).isEmpty();
    }
}
