package dev.airlock.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A resource type of a service, e.g. s3 {@code object} with ARN template
 * {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}.
 *
 * @param arnTemplates usually one; a few types (API Gateway, Lex, Greengrass) document two ARN
 *     forms for the same type
 */
public record ResourceType(
        String service, String name, List<String> arnTemplates, List<String> conditionKeys) {

    public ResourceType {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        arnTemplates = List.copyOf(arnTemplates);
        conditionKeys = List.copyOf(conditionKeys);
    }

    @Override
    public String toString() {
        return service + " " + name;
    }
}
