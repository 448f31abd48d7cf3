package dev.airlock.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One row of an action's resource table: a resource type it can act on.
 *
 * @param required whether AWS marks the type required (an asterisk in the AWS reference); an
 *     action often lists alternatives, such as an S3 object or an access-point object, none of
 *     which is required on its own
 * @param conditionKeys keys that apply only when the action targets this resource type
 */
public record ActionResource(ResourceType resourceType, boolean required, List<String> conditionKeys) {

    public ActionResource {
        Objects.requireNonNull(resourceType, "resourceType");
        conditionKeys = List.copyOf(conditionKeys);
    }

    public String name() {
        return resourceType.name();
    }

    @Override
    public String toString() {
        return resourceType.name() + (required ? "*" : "");
    }
}
