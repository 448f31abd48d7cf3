package dev.airlock.catalog;

import java.util.Objects;

/**
 * A condition key a service supports, e.g. {@code s3:prefix} of type {@code String}. The type is
 * kept as AWS spells it (String, ArrayOfString, ARN, Bool, Numeric, Date, IPAddress, ...) rather
 * than as an enum so that a new AWS type does not break loading.
 */
public record ConditionKey(String name, String type) {
    public ConditionKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
