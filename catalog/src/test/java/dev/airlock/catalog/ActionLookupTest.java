package dev.airlock.catalog;

import static dev.airlock.catalog.AccessLevel.LIST;
import static dev.airlock.catalog.AccessLevel.PERMISSIONS_MANAGEMENT;
import static dev.airlock.catalog.AccessLevel.READ;
import static dev.airlock.catalog.AccessLevel.TAGGING;
import static dev.airlock.catalog.AccessLevel.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionLookupTest {

    private final ActionCatalog catalog = ActionCatalog.builtIn();

    @Test
    void builtInIsLoadedOnce() {
        assertThat(ActionCatalog.builtIn()).isSameAs(catalog);
    }

    @Test
    void s3GetObjectIsReadOnObjects() {
        ActionInfo action = catalog.lookup("s3:GetObject").orElseThrow();

        assertThat(action.service()).isEqualTo("s3");
        assertThat(action.name()).isEqualTo("GetObject");
        assertThat(action.fullName()).isEqualTo("s3:GetObject");
        assertThat(action.accessLevels()).containsExactly(READ);
        // The data lists object and access-point object as alternatives, so neither is marked
        // required on its own (the AWS reference shows no asterisk either).
        assertThat(action.resourceTypes())
                .extracting(ActionResource::name, ActionResource::required)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("accesspointobject", false),
                        org.assertj.core.groups.Tuple.tuple("object", false));
        assertThat(action.resourceTypes().get(1).resourceType().arnTemplates())
                .containsExactly("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
        assertThat(action.conditionKeys()).contains("s3:ExistingObjectTag/<key>", "s3:TlsVersion");
    }

    @Test
    void requiredResourceTypesAreFlagged() {
        ActionInfo passRole = catalog.lookup("iam:PassRole").orElseThrow();
        assertThat(passRole.resourceTypes()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("role");
            assertThat(r.required()).isTrue();
            assertThat(r.resourceType().arnTemplates())
                    .containsExactly("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}");
        });

        ActionInfo query = catalog.lookup("dynamodb:Query").orElseThrow();
        assertThat(query.resourceTypes())
                .extracting(ActionResource::name, ActionResource::required)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("index", false),
                        org.assertj.core.groups.Tuple.tuple("table", true));
    }

    @Test
    void passRoleIsWrite() {
        assertThat(catalog.lookup("iam:PassRole").orElseThrow().accessLevels()).containsExactly(WRITE);
    }

    @Test
    void taggingActionsCarryBothLevelsTheDataGives() {
        for (String name : new String[] {"iam:TagRole", "iam:UntagUser", "s3:PutObjectTagging", "ec2:CreateTags"}) {
            ActionInfo action = catalog.lookup(name).orElseThrow();
            assertThat(action.accessLevels()).as(name).containsExactly(WRITE, TAGGING);
            assertThat(action.hasAccessLevel(TAGGING)).as(name).isTrue();
        }
    }

    @Test
    void permissionsManagementAndListLevels() {
        assertThat(catalog.lookup("iam:PutRolePolicy").orElseThrow().accessLevels())
                .containsExactly(WRITE, PERMISSIONS_MANAGEMENT);
        assertThat(catalog.lookup("s3:PutBucketPolicy").orElseThrow().accessLevels())
                .contains(PERMISSIONS_MANAGEMENT);
        assertThat(catalog.lookup("s3:ListBucket").orElseThrow().accessLevels()).containsExactly(LIST);
    }

    @Test
    void everyActionHasAtLeastOneAccessLevel() {
        assertThat(catalog.services())
                .flatMap(ServiceInfo::actions)
                .allSatisfy(a -> assertThat(a.accessLevels()).as(a.fullName()).isNotEmpty());
    }

    @Test
    void lookupIgnoresCaseButReportsAwsCasing() {
        assertThat(catalog.lookup("S3:getobject")).map(ActionInfo::fullName).contains("s3:GetObject");
        assertThat(catalog.lookup("IAM:PASSROLE")).map(ActionInfo::fullName).contains("iam:PassRole");
    }

    @Test
    void lookupOfUnknownOrMalformedNamesIsEmpty() {
        assertThat(catalog.lookup("s3:GetObjekt")).isEmpty();
        assertThat(catalog.lookup("s4:GetObject")).isEmpty();
        assertThat(catalog.lookup("GetObject")).isEmpty();
        assertThat(catalog.lookup("s3:Get*")).isEmpty();
        assertThat(catalog.lookup("")).isEmpty();
    }

    @Test
    void actionsWithoutResourceTypesHaveAnEmptyList() {
        assertThat(catalog.lookup("s3:ListAllMyBuckets").orElseThrow().resourceTypes()).isEmpty();
        assertThat(catalog.lookup("ec2:DescribeInstances").orElseThrow().resourceTypes()).isEmpty();
    }

    @Test
    void accessLevelParsesLabelsAndConstantNames() {
        assertThat(AccessLevel.parse("Permissions management")).contains(PERMISSIONS_MANAGEMENT);
        assertThat(AccessLevel.parse("permissions-management")).contains(PERMISSIONS_MANAGEMENT);
        assertThat(AccessLevel.parse("TAGGING")).contains(TAGGING);
        assertThat(AccessLevel.parse("write")).contains(WRITE);
        assertThat(AccessLevel.parse("admin")).isEmpty();
    }
}
