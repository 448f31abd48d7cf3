package dev.airlock.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArnFitTest {

    private final ActionCatalog catalog = ActionCatalog.builtIn();

    private String fit(String action, String arn) {
        ArnFit fit = catalog.arnFits(action, arn);
        if (fit instanceof ArnFit.Matched m) {
            return m.type().name();
        }
        return fit.fits() ? "*" : "none";
    }

    @Test
    void s3ObjectArns() {
        assertThat(fit("s3:GetObject", "arn:aws:s3:::my-bucket/reports/2024/q1.csv")).isEqualTo("object");
        assertThat(fit("s3:GetObject", "arn:aws:s3:::my-bucket/*")).isEqualTo("object");
        assertThat(fit("s3:GetObject", "arn:aws-us-gov:s3:::my-bucket/key")).isEqualTo("object");
        assertThat(fit("s3:GetObject", "arn:aws:s3:::my-bucket")).isEqualTo("none");
    }

    @Test
    void s3BucketArns() {
        assertThat(fit("s3:ListBucket", "arn:aws:s3:::my-bucket")).isEqualTo("bucket");
        assertThat(fit("s3:ListBucket", "arn:aws:s3:::my-bucket*")).isEqualTo("bucket");
        // The classic mistake: ListBucket on the objects rather than the bucket.
        assertThat(fit("s3:ListBucket", "arn:aws:s3:::my-bucket/*")).isEqualTo("none");
    }

    @Test
    void s3AccessPointObjects() {
        assertThat(fit("s3:GetObject", "arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/key"))
                .isEqualTo("accesspointobject");
    }

    @Test
    void dynamodbTableAndIndex() {
        String table = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders";
        assertThat(fit("dynamodb:GetItem", table)).isEqualTo("table");
        assertThat(fit("dynamodb:Query", table)).isEqualTo("table");
        // An index ARN also fits the table template; the more specific index type must win.
        assertThat(fit("dynamodb:Query", table + "/index/ByCustomer")).isEqualTo("index");
        assertThat(fit("dynamodb:GetItem", "arn:aws:dynamodb:*:*:table/*")).isEqualTo("table");
    }

    @Test
    void arnOfAnotherServiceIsRefused() {
        ArnFit fit = catalog.arnFits("s3:GetObject", "arn:aws:dynamodb:us-east-1:123456789012:table/Orders");
        assertThat(fit.fits()).isFalse();
        assertThat(fit.resourceType()).isEmpty();
        assertThat(fit).isInstanceOfSatisfying(ArnFit.NoFit.class, n -> assertThat(n.expected())
                .extracting(ResourceType::name)
                .containsExactly("accesspointobject", "object"));

        assertThat(fit("dynamodb:GetItem", "arn:aws:s3:::my-bucket/key")).isEqualTo("none");
    }

    @Test
    void lastPlaceholderMayHoldPathsAndQualifiers() {
        assertThat(fit("iam:PassRole", "arn:aws:iam::123456789012:role/service-role/MyRole")).isEqualTo("role");
        assertThat(fit("lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:123456789012:function:my-fn"))
                .isEqualTo("function");
        assertThat(fit("lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:123456789012:function:my-fn:prod"))
                .isEqualTo("function");
    }

    @Test
    void headPlaceholdersDoNotSpanFields() {
        assertThat(fit("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:extra:123456789012:table/T"))
                .isEqualTo("none");
        assertThat(fit("dynamodb:GetItem", "arn:aws:dynamodb:table/T")).isEqualTo("none");
    }

    @Test
    void starFitsEveryActionAndIsTheOnlyResourceForActionsWithoutTypes() {
        assertThat(catalog.arnFits("s3:ListAllMyBuckets", "*")).isInstanceOf(ArnFit.AllResources.class);
        assertThat(fit("s3:ListAllMyBuckets", "arn:aws:s3:::my-bucket")).isEqualTo("none");
        assertThat(catalog.arnFits("s3:ListAllMyBuckets", "arn:aws:s3:::*").fits()).isFalse();
        assertThat(catalog.arnFits("s3:GetObject", "*").fits()).isTrue();
    }

    @Test
    void secondDocumentedArnFormAlsoFits() {
        // API Gateway documents a v2 (/apis) and a v1 (/restapis) form for the same type.
        ActionInfo action = catalog.service("apigateway").orElseThrow().actions().stream()
                .filter(a -> a.resourceTypes().stream().anyMatch(r -> r.name().equals("Stage")))
                .findFirst()
                .orElseThrow();
        assertThat(catalog.arnFits(action, "arn:aws:apigateway:us-east-1::/apis/a1/stages/prod").resourceType())
                .map(ResourceType::name)
                .contains("Stage");
        assertThat(catalog.arnFits(action, "arn:aws:apigateway:us-east-1::/restapis/r1/stages/prod").resourceType())
                .map(ResourceType::name)
                .contains("Stage");
    }

    @Test
    void unknownActionIsAnError() {
        assertThatThrownBy(() -> catalog.arnFits("s3:GetObjekt", "arn:aws:s3:::b/k"))
                .isInstanceOf(UnknownActionException.class)
                .hasMessageContaining("s3:GetObject");
    }

    @Test
    void everyTemplateAcceptsAnArnBuiltFromIt() {
        int checked = 0;
        for (ServiceInfo service : catalog.services()) {
            for (ActionInfo action : service.actions()) {
                for (ActionResource r : action.resourceTypes()) {
                    for (String template : r.resourceType().arnTemplates()) {
                        String arn = template.replace("${Partition}", "aws")
                                .replaceAll("\\$\\{[^}]*}", "x1")
                                .replace("*", "y");
                        assertThat(catalog.arnFits(action, arn).fits()).as(action + " " + arn).isTrue();
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }
}
