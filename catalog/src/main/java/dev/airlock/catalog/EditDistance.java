package dev.airlock.catalog;

/**
 * Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, because swapped
 * letters ("GetObjcet") are the commonest typo in action names and should cost one edit.
 */
final class EditDistance {

    private EditDistance() {}

    /** Distance between two strings already in the same case. */
    static int between(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[] twoBack = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, twoBack[j - 2] + 1);
                }
                cur[j] = d;
            }
            int[] recycled = twoBack;
            twoBack = prev;
            prev = cur;
            cur = recycled;
        }
        return prev[m];
    }

    /**
     * How many edits still count as "probably meant": about one per three characters, so short
     * names are not matched to unrelated short names, capped so long names stay on topic.
     */
    static int tolerance(int length) {
        return Math.max(1, Math.min(4, length / 3));
    }
}
