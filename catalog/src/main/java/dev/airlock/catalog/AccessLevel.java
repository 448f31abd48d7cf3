package dev.airlock.catalog;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The access levels AWS assigns to actions. AWS labels a few hundred actions with two levels
 * (for example "Tagging, Write"), so an action carries a set of these, never a single one.
 *
 * <p>Declaration order is part of the catalog resource format: bit {@code 1 << ordinal()}.
 */
public enum AccessLevel {
    LIST("List"),
    READ("Read"),
    WRITE("Write"),
    PERMISSIONS_MANAGEMENT("Permissions management"),
    TAGGING("Tagging");

    private static final AccessLevel[] VALUES = values();

    // Every action shares one of these 32 immutable sets instead of owning an EnumSet.
    @SuppressWarnings("unchecked")
    private static final Set<AccessLevel>[] SETS = new Set[1 << VALUES.length];

    static {
        for (int bits = 0; bits < SETS.length; bits++) {
            EnumSet<AccessLevel> set = EnumSet.noneOf(AccessLevel.class);
            for (AccessLevel level : VALUES) {
                if ((bits & level.bit()) != 0) {
                    set.add(level);
                }
            }
            SETS[bits] = Collections.unmodifiableSet(set);
        }
    }

    private final String label;

    AccessLevel(String label) {
        this.label = label;
    }

    /** The label AWS uses in the Service Authorization Reference, e.g. "Permissions management". */
    public String label() {
        return label;
    }

    /**
     * Parses an AWS label or a constant name, ignoring case, spaces, hyphens and underscores, so
     * that "permissions-management", "Permissions management" and "PERMISSIONS_MANAGEMENT" all work.
     */
    public static Optional<AccessLevel> parse(String text) {
        String wanted = squash(text);
        for (AccessLevel level : VALUES) {
            if (squash(level.label).equals(wanted)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    private static String squash(String s) {
        return s.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }

    int bit() {
        return 1 << ordinal();
    }

    /** The shared immutable set for a resource-format bit mask. */
    static Set<AccessLevel> setOf(int bits) {
        if (bits < 0 || bits >= SETS.length) {
            throw new IllegalArgumentException("access level bits out of range: " + bits);
        }
        return SETS[bits];
    }

    /** Canonicalises any set to the shared immutable instance, keeping declaration order. */
    static Set<AccessLevel> canonical(Set<AccessLevel> levels) {
        int bits = 0;
        for (AccessLevel level : levels) {
            bits |= level.bit();
        }
        return SETS[bits];
    }
}
