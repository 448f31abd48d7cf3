package dev.airlock.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in the config and on the command line: {@code 900} (seconds),
 * {@code 900s}, {@code 15m}, {@code 1h}, {@code 1h30m}, {@code 2h0m30s}; ISO-8601 ({@code PT15M})
 * is accepted too. Units are h, m and s, largest first, each at most once.
 */
public final class Durations {

    /** The examples every error message ends with. */
    static final String EXAMPLES = "use e.g. 15m, 1h, 900s";

    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final Pattern SECONDS = Pattern.compile("\\d+");
    /** Durations longer than this are surely a typo (and keep the arithmetic far from overflow). */
    private static final Duration LONGEST = Duration.ofDays(366);

    private Durations() {
    }

    /**
     * Parses a positive duration.
     *
     * @throws IllegalArgumentException saying what is wrong and how to write one, e.g.
     *     {@code "15 minutes" is not a duration; use e.g. 15m, 1h, 900s}
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        String quoted = quote(text);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("an empty string is not a duration; " + EXAMPLES);
        }
        if (t.startsWith("-")) {
            throw new IllegalArgumentException(quoted + " is negative; a duration must be longer than zero ("
                    + EXAMPLES + ")");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("+")) {
            lower = lower.substring(1);
        }
        Duration d;
        if (lower.startsWith("p")) {
            try {
                d = Duration.parse(lower.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw notADuration(quoted);
            }
            if (d.isNegative()) {
                throw new IllegalArgumentException(quoted + " is negative; a duration must be longer than zero ("
                        + EXAMPLES + ")");
            }
        } else if (SECONDS.matcher(lower).matches()) {
            d = Duration.ofSeconds(parseLong(lower, quoted));
        } else {
            Matcher m = UNITS.matcher(lower);
            if (!m.matches() || lower.isEmpty()) {
                throw notADuration(quoted);
            }
            d = Duration.ZERO;
            d = d.plusHours(parseLong(m.group(1), quoted));
            d = d.plusMinutes(parseLong(m.group(2), quoted));
            d = d.plusSeconds(parseLong(m.group(3), quoted));
        }
        if (d.isZero()) {
            throw new IllegalArgumentException(quoted + " is zero; a duration must be longer than zero ("
                    + EXAMPLES + ")");
        }
        if (d.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(quoted + " is longer than a year; " + EXAMPLES);
        }
        return d;
    }

    /** Formats as {@link #parse} reads it: {@code 15m}, {@code 1h30m}, {@code 45s}, {@code 0s}. */
    public static String format(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isZero()) {
            return "0s";
        }
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        StringBuilder s = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        int nanos = d.toNanosPart();
        if (hours > 0) {
            s.append(hours).append('h');
        }
        if (minutes > 0) {
            s.append(minutes).append('m');
        }
        if (nanos > 0) {
            String frac = String.format(Locale.ROOT, "%09d", nanos).replaceAll("0+$", "");
            s.append(seconds).append('.').append(frac).append('s');
        } else if (seconds > 0) {
            s.append(seconds).append('s');
        }
        return s.toString();
    }

    private static long parseLong(String digits, String quoted) {
        if (digits == null) {
            return 0;
        }
        if (digits.length() > 12) {
            throw new IllegalArgumentException(quoted + " is longer than a year; " + EXAMPLES);
        }
        return Long.parseLong(digits);
    }

    private static IllegalArgumentException notADuration(String quoted) {
        return new IllegalArgumentException(quoted + " is not a duration; " + EXAMPLES);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
