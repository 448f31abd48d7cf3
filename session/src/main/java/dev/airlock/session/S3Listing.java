package dev.airlock.session;

import dev.airlock.catalog.ActionInfo;
import dev.airlock.policy.match.Arn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An object-prefix resource such as {@code arn:aws:s3:::bucket/reports/*} cannot name a bucket,
 * yet {@code aws s3 ls} and {@code cp --recursive} need s3:ListBucket on it: the bucket's listing
 * is granted, limited by {@code s3:prefix} to the same prefixes. A prefix of only {@code *} is the
 * whole bucket, listed without a condition: a listing with no prefix has no {@code s3:prefix}, so
 * {@code StringLike "*"} would refuse it.
 */
final class S3Listing {

    /** A listing statement, and the --resource arguments it came from. */
    record Listing(Placement placement, List<String> sources) {}

    private S3Listing() {}

    /** Actions on a bucket that take {@code s3:prefix}: ListBucket, ListBucketVersions. */
    static boolean applies(ActionInfo action) {
        return action.service().equalsIgnoreCase("s3")
                && action.resourceTypes().stream().anyMatch(r -> r.name().equals("bucket"))
                && (action.conditionKeys().stream().anyMatch(k -> k.equalsIgnoreCase("s3:prefix"))
                        || action.resourceTypes().stream().flatMap(r -> r.conditionKeys().stream())
                                .anyMatch(k -> k.equalsIgnoreCase("s3:prefix")));
    }

    /**
     * One listing per set of prefixes, so that a bucket is never listed under another bucket's
     * prefix; buckets granted directly ({@code granted}) need none.
     */
    static List<Listing> derive(List<String> arns, Collection<String> granted) {
        Map<String, Set<String>> prefixes = new LinkedHashMap<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (String target : arns) {
            Optional<Arn> arn = Arn.parse(target);
            if (arn.isEmpty() || !arn.get().service().equals("s3") || arn.get().resource().indexOf('/') <= 0) {
                continue;
            }
            String resource = arn.get().resource();
            int slash = resource.indexOf('/');
            String bucket = "arn:" + arn.get().partition() + ":s3:::" + resource.substring(0, slash);
            if (!granted.contains(bucket)) {
                prefixes.computeIfAbsent(bucket, b -> new TreeSet<>()).add(resource.substring(slash + 1));
                sources.computeIfAbsent(bucket, b -> new ArrayList<>()).add(target);
            }
        }
        Map<Optional<GrantCondition>, List<String>> buckets = new LinkedHashMap<>();
        Map<Optional<GrantCondition>, List<String>> from = new LinkedHashMap<>();
        prefixes.forEach((bucket, p) -> {
            Optional<GrantCondition> condition = p.stream().anyMatch(S3Listing::wholeBucket)
                    ? Optional.empty() : Optional.of(new GrantCondition.S3Prefix(List.copyOf(p)));
            buckets.computeIfAbsent(condition, c -> new ArrayList<>()).add(bucket);
            from.computeIfAbsent(condition, c -> new ArrayList<>()).addAll(sources.get(bucket));
        });
        List<Listing> out = new ArrayList<>();
        buckets.forEach((condition, b) -> out.add(new Listing(new Placement(b, condition), from.get(condition))));
        return out;
    }

    private static boolean wholeBucket(String prefix) {
        return !prefix.isEmpty() && prefix.chars().allMatch(c -> c == '*');
    }
}
