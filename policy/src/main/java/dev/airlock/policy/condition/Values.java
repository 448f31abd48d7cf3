package dev.airlock.policy.condition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads condition values as IAM reads them. Each reader returns empty for a value of the wrong
 * type: in a request that simply fails to match; in a policy the parser reports it.
 */
final class Values {

    private Values() {}

    /**
     * An integer or decimal number, the values numeric operators compare (IAM User Guide, "Numeric
     * condition operators"). Exponent notation such as {@code 1e1} is neither.
     */
    static Optional<BigDecimal> number(String s) {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 64 || t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A date as epoch milliseconds. IAM accepts ISO 8601 (date, date-time with or without zone and
     * fraction) and POSIX epoch seconds.
     */
    static Optional<Long> date(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.chars().allMatch(Character::isDigit) && t.length() <= 12) {
            return Optional.of(Long.parseLong(t) * 1000L);
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant().toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // not an offset date-time; try the other ISO 8601 shapes
        }
        try {
            return Optional.of(Instant.parse(t).toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // fall through
        }
        try {
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // fall through
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException ignored) {
            return Optional.empty();
        }
    }

    static Optional<Boolean> bool(String s) {
        if (s.equalsIgnoreCase("true")) {
            return Optional.of(Boolean.TRUE);
        }
        if (s.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    static Optional<byte[]> base64(String s) {
        try {
            return Optional.of(Base64.getDecoder().decode(s.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
