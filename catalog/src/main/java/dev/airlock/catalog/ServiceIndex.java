package dev.airlock.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** One service's actions with lower-cased names for case-insensitive lookup and matching. */
final class ServiceIndex {

    final ServiceInfo service;
    /** Sorted, parallel to {@code service.actions()}; the resource is written in this order. */
    final String[] lowerNames;

    ServiceIndex(ServiceInfo service) {
        this.service = service;
        this.lowerNames = new String[service.actions().size()];
        for (int i = 0; i < lowerNames.length; i++) {
            lowerNames[i] = service.actions().get(i).name().toLowerCase(Locale.ROOT);
            // Binary search relies on the generator's ordering; fail loudly if it ever drifts.
            if (i > 0 && lowerNames[i - 1].compareTo(lowerNames[i]) >= 0) {
                throw new IllegalStateException("catalog actions of " + service.prefix() + " are not sorted");
            }
        }
    }

    Optional<ActionInfo> find(String lowerName) {
        int at = Arrays.binarySearch(lowerNames, lowerName);
        return at >= 0 ? Optional.of(service.actions().get(at)) : Optional.empty();
    }
}
