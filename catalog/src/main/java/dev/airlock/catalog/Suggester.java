package dev.airlock.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds the "did you mean" answer for an action name the catalog does not know. */
final class Suggester {

    private static final int MAX_SUGGESTIONS = 5;

    private final List<ServiceIndex> services;
    private final Map<String, ServiceIndex> byPrefix;

    Suggester(List<ServiceIndex> services, Map<String, ServiceIndex> byPrefix) {
        this.services = services;
        this.byPrefix = byPrefix;
    }

    DidYouMean suggest(String input) {
        int colon = input.indexOf(':');
        if (colon < 0) {
            // Most likely the service prefix was forgotten: offer every service with that action.
            return new DidYouMean(input, DidYouMean.Reason.MALFORMED, Optional.empty(),
                    exactNameElsewhere(input.toLowerCase(Locale.ROOT), null));
        }
        String prefix = input.substring(0, colon).toLowerCase(Locale.ROOT);
        String name = input.substring(colon + 1).toLowerCase(Locale.ROOT);
        ServiceIndex known = byPrefix.get(prefix);
        if (known != null) {
            List<String> near = closestActions(known, name);
            return new DidYouMean(input, DidYouMean.Reason.UNKNOWN_ACTION, Optional.empty(),
                    near.isEmpty() ? exactNameElsewhere(name, known) : near);
        }
        Optional<ServiceIndex> service = closestService(prefix, name);
        return new DidYouMean(input, DidYouMean.Reason.UNKNOWN_SERVICE,
                service.map(s -> s.service.prefix()),
                service.map(s -> closestActions(s, name)).orElse(List.of()));
    }

    private List<String> closestActions(ServiceIndex index, String lowerName) {
        int tolerance = EditDistance.tolerance(lowerName.length());
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < index.lowerNames.length; i++) {
            int distance = EditDistance.between(lowerName, index.lowerNames[i]);
            if (distance <= tolerance) {
                scored.add(new Scored(index.service.actions().get(i).fullName(), distance));
            }
        }
        return best(scored);
    }

    /**
     * Closest prefix by edit distance; among equally close ones, prefer a service that actually
     * has the action, so {@code ec:DescribeInstances} lands on ec2 rather than ecr or ecs.
     */
    private Optional<ServiceIndex> closestService(String prefix, String lowerName) {
        int tolerance = EditDistance.tolerance(prefix.length());
        ServiceIndex best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean bestHasAction = false;
        for (ServiceIndex candidate : services) {
            int distance = EditDistance.between(prefix, candidate.service.prefix());
            if (distance > tolerance || distance > bestDistance) {
                continue;
            }
            boolean hasAction = candidate.find(lowerName).isPresent();
            if (distance < bestDistance || (hasAction && !bestHasAction)) {
                best = candidate;
                bestDistance = distance;
                bestHasAction = hasAction;
            }
        }
        return Optional.ofNullable(best);
    }

    private List<String> exactNameElsewhere(String lowerName, ServiceIndex skip) {
        List<Scored> found = new ArrayList<>();
        for (ServiceIndex index : services) {
            if (index != skip) {
                index.find(lowerName).ifPresent(a -> found.add(new Scored(a.fullName(), 0)));
            }
        }
        return best(found);
    }

    /**
     * The closest candidates only: an exact (case-insensitive) hit alone, otherwise everything
     * within one edit of the best, so a one-letter typo is not drowned out by three-letter ones.
     */
    private static List<String> best(List<Scored> scored) {
        int bestDistance = scored.stream().mapToInt(Scored::distance).min().orElse(0);
        int cutoff = bestDistance == 0 ? 0 : bestDistance + 1;
        return scored.stream()
                .filter(s -> s.distance() <= cutoff)
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(MAX_SUGGESTIONS)
                .map(Scored::name)
                .toList();
    }

    private record Scored(String name, int distance) {}
}
