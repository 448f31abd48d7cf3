package dev.airlock.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceListingTest {

    private final ActionCatalog catalog = ActionCatalog.builtIn();

    @Test
    void servicesAreSortedAndUnique() {
        List<String> prefixes = catalog.services().stream().map(ServiceInfo::prefix).toList();
        assertThat(prefixes).contains("s3", "iam", "ec2", "dynamodb", "lambda", "sts")
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(catalog.services()).hasSizeGreaterThan(400);
        assertThat(catalog.actionCount()).isGreaterThan(20_000);
    }

    @Test
    void serviceByPrefixIgnoresCase() {
        ServiceInfo s3 = catalog.service("S3").orElseThrow();
        assertThat(s3.prefix()).isEqualTo("s3");
        assertThat(s3.name()).isEqualTo("Amazon S3");
        assertThat(catalog.service("s4")).isEmpty();
    }

    @Test
    void conditionKeysCarryTheirType() {
        List<ConditionKey> keys = catalog.service("s3").orElseThrow().conditionKeys();
        assertThat(keys).contains(
                new ConditionKey("s3:prefix", "String"),
                new ConditionKey("s3:max-keys", "Numeric"),
                new ConditionKey("aws:TagKeys", "ArrayOfString"));
    }

    @Test
    void resourceTypesBelongToTheirService() {
        ServiceInfo dynamodb = catalog.service("dynamodb").orElseThrow();
        assertThat(dynamodb.resourceTypes()).allSatisfy(r -> assertThat(r.service()).isEqualTo("dynamodb"));
        assertThat(dynamodb.resourceTypes())
                .filteredOn(r -> r.name().equals("table"))
                .singleElement()
                .satisfies(r -> assertThat(r.arnTemplates())
                        .containsExactly("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}"));
    }

    @Test
    void actionResourcesPointAtTheServicesOwnResourceTypes() {
        for (ServiceInfo service : catalog.services()) {
            Set<ResourceType> own = Collections.newSetFromMap(new IdentityHashMap<>());
            own.addAll(service.resourceTypes());
            for (ActionInfo action : service.actions()) {
                assertThat(action.service()).isEqualTo(service.prefix());
                for (ActionResource r : action.resourceTypes()) {
                    assertThat(own.contains(r.resourceType())).as(action.fullName() + " " + r.name()).isTrue();
                }
            }
        }
    }
}
