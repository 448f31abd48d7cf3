package dev.airlock.catalog;

import java.util.List;
import java.util.Optional;

/** Whether a resource ARN (or ARN pattern) fits an action, and through which resource type. */
public sealed interface ArnFit {

    boolean fits();

    /** The resource type that matched; empty for {@link AllResources} and {@link NoFit}. */
    Optional<ResourceType> resourceType();

    /** The ARN fits this resource type of the action. */
    record Matched(ResourceType type) implements ArnFit {
        @Override
        public boolean fits() {
            return true;
        }

        @Override
        public Optional<ResourceType> resourceType() {
            return Optional.of(type);
        }
    }

    /**
     * The resource was {@code *}: IAM accepts it for every action, and it is the only resource an
     * action without resource types accepts.
     */
    record AllResources() implements ArnFit {
        @Override
        public boolean fits() {
            return true;
        }

        @Override
        public Optional<ResourceType> resourceType() {
            return Optional.empty();
        }
    }

    /**
     * The ARN fits none of the action's resource types.
     *
     * @param expected the action's resource types, for telling the user what would fit; empty
     *     when the action only accepts {@code *}
     */
    record NoFit(List<ResourceType> expected) implements ArnFit {
        public NoFit {
            expected = List.copyOf(expected);
        }

        @Override
        public boolean fits() {
            return false;
        }

        @Override
        public Optional<ResourceType> resourceType() {
            return Optional.empty();
        }
    }
}
