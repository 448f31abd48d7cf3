package dev.airlock.policy.match;

import java.util.Locale;

/**
 * A compiled IAM glob: {@code *} matches any run of characters (including none), {@code ?} exactly
 * one character, everything else itself. IAM globs have no escape character and never span
 * anything but the string they are applied to, so ARN segmentation is the caller's job.
 *
 * <p>Compiled once; {@link #matches} allocates nothing.
 */
public abstract sealed class Wildcard {

    /** Compiles {@code pattern}; case-sensitive unless {@code ignoreCase}. */
    public static Wildcard compile(String pattern, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        int star = p.indexOf('*');
        int question = p.indexOf('?');
        if (star < 0 && question < 0) {
            return new Exact(p, ignoreCase);
        }
        if (p.equals("*")) {
            return new Any(p);
        }
        if (question < 0 && star == p.length() - 1) {
            return new Prefix(p, ignoreCase);
        }
        return new Glob(p, ignoreCase);
    }

    /**
     * Compiles a pattern in which only the positions flagged in {@code wild} act as wildcards; the
     * others are literal even when they are {@code *} or {@code ?}. Used for patterns whose policy
     * variables have been substituted: a value taken from the request is always literal.
     */
    public static Wildcard compileMasked(String pattern, boolean[] wild, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        boolean any = false;
        for (int i = 0; i < p.length(); i++) {
            any |= wild[i];
        }
        return any ? new Glob(p, wild, ignoreCase) : new Exact(p, ignoreCase);
    }

    private final String pattern;
    private final boolean ignoreCase;

    private Wildcard(String pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
    }

    /** The pattern as compiled (lower-cased when case-insensitive). */
    public String pattern() {
        return pattern;
    }

    /** True when the pattern contains {@code *} or {@code ?}. */
    public boolean hasWildcards() {
        return !(this instanceof Exact);
    }

    /** Matches {@code value}; for a case-insensitive pattern the value may be in any case. */
    public final boolean matches(String value) {
        return matchesNormalized(ignoreCase ? value.toLowerCase(Locale.ROOT) : value);
    }

    /**
     * Matches a value already lower-cased by the caller when the pattern is case-insensitive. The
     * hot path: evaluators normalise the request once and test it against many patterns.
     */
    public abstract boolean matchesNormalized(String value);

    @Override
    public String toString() {
        return pattern;
    }

    private static final class Exact extends Wildcard {
        Exact(String p, boolean ic) {
            super(p, ic);
        }

        @Override
        public boolean matchesNormalized(String value) {
            return pattern().equals(value);
        }
    }

    private static final class Any extends Wildcard {
        Any(String p) {
            super(p, false);
        }

        @Override
        public boolean matchesNormalized(String value) {
            return true;
        }
    }

    private static final class Prefix extends Wildcard {
        private final String prefix;

        Prefix(String p, boolean ic) {
            super(p, ic);
            this.prefix = p.substring(0, p.length() - 1);
        }

        @Override
        public boolean matchesNormalized(String value) {
            return value.startsWith(prefix);
        }
    }

    private static final class Glob extends Wildcard {
        private final boolean[] wild;

        Glob(String p, boolean ic) {
            this(p, null, ic);
        }

        Glob(String p, boolean[] wild, boolean ic) {
            super(p, ic);
            this.wild = wild;
        }

        private boolean star(String p, int i) {
            return p.charAt(i) == '*' && (wild == null || wild[i]);
        }

        private boolean one(String p, int i) {
            return p.charAt(i) == '?' && (wild == null || wild[i]);
        }

        /** Linear-time greedy glob with single-star backtracking; no recursion, no allocation. */
        @Override
        public boolean matchesNormalized(String s) {
            String p = pattern();
            int si = 0, pi = 0, starP = -1, starS = 0;
            int sl = s.length(), pl = p.length();
            while (si < sl) {
                if (pi < pl && !star(p, pi) && (one(p, pi) || p.charAt(pi) == s.charAt(si))) {
                    si++;
                    pi++;
                } else if (pi < pl && star(p, pi)) {
                    starP = pi++;
                    starS = si;
                } else if (starP >= 0) {
                    pi = starP + 1;
                    si = ++starS;
                } else {
                    return false;
                }
            }
            while (pi < pl && star(p, pi)) {
                pi++;
            }
            return pi == pl;
        }
    }
}
