package dev.airlock.broker.token;

import java.util.Locale;

/**
 * A token's IAM-style pattern ({@code *} any run of characters, {@code ?} one) as the regular
 * expression a Biscuit check matches a requested pattern's text against. The match is read as
 * containment: a requested {@code *} can only be consumed by the token's {@code .*}, and the
 * token's {@code ?} ({@code [^*]}) never consumes a requested {@code *}, so every name the
 * requested pattern covers is covered by the token's. (The converse can fail on contrived
 * patterns, which are then refused: the safe direction.)
 *
 * <p>No backslashes are written (Biscuit's Datalog keeps them literally): special characters go
 * into character classes, and characters a class cannot hold safely are refused.
 */
final class PatternRegex {
    private PatternRegex() {}

    /** Characters written as themselves. */
    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/_-=,@!'&~%<>;#`";
    /** Characters special to regular expressions, each written as a one-character class. */
    private static final String CLASSED = ".+()$|{}";

    static String of(String pattern) {
        StringBuilder b = new StringBuilder(pattern.length() + 8).append('^');
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                b.append(".*");
            } else if (c == '?') {
                b.append("[^*]");
            } else if (PLAIN.indexOf(c) >= 0) {
                b.append(c);
            } else if (CLASSED.indexOf(c) >= 0) {
                b.append('[').append(c).append(']');
            } else {
                throw new IllegalArgumentException("\"" + pattern + "\" holds '" + printable(c) + "', which a "
                        + "capability token cannot state (letters, digits and :/_-=,@!'&~%<>;#`.+()$|{}*? only)");
            }
        }
        return b.append('$').toString();
    }

    /** IAM action names ignore case: tokens and requests compare them in lower case. */
    static String action(String pattern) {
        return of(pattern.toLowerCase(Locale.ROOT));
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }
}
