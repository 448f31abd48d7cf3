package dev.airlock.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An AWS action as the Service Authorization Reference describes it.
 *
 * @param name exact AWS casing, e.g. {@code GetObject}
 * @param accessLevels never empty; two levels for actions AWS labels e.g. "Tagging, Write"
 * @param resourceTypes empty for actions that only support {@code "Resource": "*"}
 * @param conditionKeys keys that apply to the action whatever resource it targets
 */
public record ActionInfo(
        String service,
        String name,
        Set<AccessLevel> accessLevels,
        List<ActionResource> resourceTypes,
        List<String> conditionKeys) {

    public ActionInfo {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        accessLevels = AccessLevel.canonical(accessLevels);
        resourceTypes = List.copyOf(resourceTypes);
        conditionKeys = List.copyOf(conditionKeys);
    }

    /** {@code service:Name}, the form used in policies. */
    public String fullName() {
        return service + ":" + name;
    }

    public boolean hasAccessLevel(AccessLevel level) {
        return accessLevels.contains(level);
    }

    // The full record would print hundreds of condition keys inside any list of actions.
    @Override
    public String toString() {
        return fullName();
    }
}
