package dev.airlock.sigv4;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The ISO-8601 basic format SigV4 uses ({@code 20130524T000000Z}), and the HTTP Date fallback. */
final class AmzDates {

    /** The last formatted second: signing many requests per second formats each second once. */
    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    private AmzDates() {
    }

    private record Formatted(long epochSecond, String text) {
    }

    static String format(Instant instant) {
        long second = instant.getEpochSecond();
        Formatted cached = last;
        if (cached.epochSecond == second) {
            return cached.text;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        char[] out = new char[16];
        put(out, 0, t.getYear(), 4);
        put(out, 4, t.getMonthValue(), 2);
        put(out, 6, t.getDayOfMonth(), 2);
        out[8] = 'T';
        put(out, 9, t.getHour(), 2);
        put(out, 11, t.getMinute(), 2);
        put(out, 13, t.getSecond(), 2);
        out[15] = 'Z';
        String text = new String(out);
        last = new Formatted(second, text);
        return text;
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'}; empty if malformed. */
    static Optional<Instant> parse(String s) {
        if (s.length() != 16 || s.charAt(8) != 'T' || s.charAt(15) != 'Z') {
            return Optional.empty();
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 4, 2);
        int day = digits(s, 6, 2);
        int hour = digits(s, 9, 2);
        int minute = digits(s, 11, 2);
        int second = digits(s, 13, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Parses an HTTP {@code Date} header (RFC 1123); empty if malformed. Slow path: SDKs send x-amz-date. */
    static Optional<Instant> parseHttpDate(String s) {
        try {
            return Optional.of(ZonedDateTime.parse(s.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
