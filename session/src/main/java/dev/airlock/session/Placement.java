package dev.airlock.session;

import java.util.List;
import java.util.Optional;

/** Where actions go: the statement is keyed by its resources and its condition. */
record Placement(List<String> resources, Optional<GrantCondition> condition) {

    static final Placement EVERYWHERE = new Placement(List.of("*"), Optional.empty());

    Placement {
        resources = List.copyOf(resources);
    }

    boolean everywhere() {
        return resources.contains("*");
    }
}
