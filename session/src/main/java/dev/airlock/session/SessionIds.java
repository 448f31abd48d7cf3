package dev.airlock.session;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Session IDs that sort by start time and are safe in file names and STS session names. */
public final class SessionIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {}

    public static String next(Instant now) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return STAMP.format(now) + "-" + HexFormat.of().formatHex(bytes);
    }

    /** Whether {@code text} has the shape of an ID, so a path built from it stays in its directory. */
    public static boolean looksValid(String text) {
        return text.matches("\\d{8}T\\d{6}-[0-9a-f]{8}");
    }
}
