package dev.airlock.session;

import java.util.List;
import java.util.Optional;

/**
 * One statement of a session policy: these actions on these resources, optionally only under an
 * S3 list prefix.
 *
 * @param actions as the policy writes them: the user's own patterns where they could be kept whole
 * @param s3Prefixes for bucket listing granted from an object-prefix resource, the
 *     {@code s3:prefix} values ({@code StringLike}) the listing is limited to
 */
public record Grant(List<String> actions, List<String> resources, Optional<List<String>> s3Prefixes) {
    public Grant {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        s3Prefixes = s3Prefixes.map(List::copyOf);
    }
}
