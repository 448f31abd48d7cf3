package dev.airlock.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys and profile names. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code typed}: one that differs only in case, '-' or '_'
     * ({@code roleArn}, {@code role-arn}), else the nearest within a small edit distance
     * (insertions, deletions, substitutions and swaps of adjacent letters).
     */
    public static Optional<String> didYouMean(String typed, Collection<String> candidates) {
        return nearest(typed, candidates).stream().findFirst();
    }

    /** Every candidate as near as the nearest (for {@code us-est-1}: us-east-1 and us-west-1), in their order. */
    public static List<String> nearest(String typed, Collection<String> candidates) {
        String t = normalize(typed);
        for (String c : candidates) {
            if (normalize(c).equals(t)) {
                return List.of(c);
            }
        }
        int limit = t.length() <= 3 ? 1 : t.length() <= 8 ? 2 : 3;
        List<String> best = new ArrayList<>();
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(t, normalize(c));
            if (d <= limit && d < bestDistance) {
                best.clear();
                bestDistance = d;
            }
            if (d <= limit && d == bestDistance) {
                best.add(c);
            }
        }
        return best;
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    }

    /** Optimal string alignment distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
