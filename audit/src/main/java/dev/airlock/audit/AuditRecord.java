package dev.airlock.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One event read back from the log.
 *
 * @param fields the event fields in the order they were written, without seq/time/type/session/prev/mac.
 *     Values come back as JSON types: String (an {@link Instant} was written as ISO-8601 text), Long or
 *     BigInteger, Double, Boolean, and unmodifiable List and Map of those
 * @param line the raw line as stored (without its newline); this is what the MAC covers
 */
public record AuditRecord(long seq, Instant time, String type, Optional<String> session, Map<String, Object> fields,
        String line) {

    public AuditRecord {
        // Copy into an insertion-ordered map: Map.copyOf would lose the order the fields were logged in.
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
