package dev.airlock.policy;

import java.util.Locale;

/**
 * {@code s.toLowerCase(Locale.ROOT)}, without its per-character table look-ups for ASCII text (for
 * which Locale.ROOT maps only A-Z): every request's condition keys and action are lower-cased, and
 * in a batch of requests that shows.
 */
final class LowerCase {

    private LowerCase() {}

    static String of(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) < 0x80 && (s.charAt(i) < 'A' || s.charAt(i) > 'Z')) {
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] out = new char[n];
        s.getChars(0, i, out, 0);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return s.toLowerCase(Locale.ROOT);
            }
            out[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return new String(out);
    }
}
