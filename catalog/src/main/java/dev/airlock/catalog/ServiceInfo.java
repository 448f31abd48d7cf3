package dev.airlock.catalog;

import java.util.List;
import java.util.Objects;

/**
 * An AWS service: its action prefix, display name and everything the catalog knows about it.
 * Lists are sorted by case-insensitive name.
 */
public record ServiceInfo(
        String prefix,
        String name,
        List<ActionInfo> actions,
        List<ResourceType> resourceTypes,
        List<ConditionKey> conditionKeys) {

    public ServiceInfo {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(name, "name");
        actions = List.copyOf(actions);
        resourceTypes = List.copyOf(resourceTypes);
        conditionKeys = List.copyOf(conditionKeys);
    }

    // The full record would print the whole service.
    @Override
    public String toString() {
        return prefix + " (" + name + ")";
    }
}
